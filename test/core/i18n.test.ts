import { expect } from '@esm-bundle/chai';
import { messages, toLocale, formMessages, emailMessages, formatTime, formatDateTime } from '../../src/core/index.js';

describe('translations', () => {
  it('uses Dutch plurals and English plurals', () => {
    expect(messages('nl').availability.placesLeft(1)).to.equal('nog 1 plaats');
    expect(messages('nl').availability.placesLeft(3)).to.equal('nog 3 plaatsen');
    expect(messages('en').availability.placesLeft(1)).to.equal('1 place left');
    expect(messages('en').availability.placesLeft(0)).to.equal('0 places left');
  });

  it('defaults to Dutch', () => {
    expect(toLocale(undefined)).to.equal('nl');
    expect(toLocale('fr')).to.equal('nl');
    expect(toLocale('en-GB')).to.equal('en');
    expect(formMessages(undefined).outcome.confirmed).to.equal('Aangemeld');
  });

  it('has the same keys in both languages, all non-empty', () => {
    const walk = (a: any, b: any, path: string) => {
      expect(Object.keys(b).sort(), path).to.deep.equal(Object.keys(a).sort());
      for (const k of Object.keys(a)) {
        if (typeof a[k] === 'object') walk(a[k], b[k], `${path}.${k}`);
        else if (typeof a[k] === 'string' && !(path.endsWith('.level') && k === 'unknown')) expect(b[k], `${path}.${k}`).to.not.equal('');
      }
    };
    walk(messages('nl'), messages('en'), 'messages');
  });
});

describe('words as Dutch government writes them (issue 12, item 11)', () => {
  it('marks a field that may stay empty as "(niet verplicht)"', () => {
    expect(formMessages('nl').signup.optional).to.equal('(niet verplicht)');
    expect(formMessages('nl').signup.allRequired).to.equal('Alle velden zijn verplicht, tenzij er (niet verplicht) bij staat.');
  });

  it('says "afmelden" in the e-mail, never "annuleren"', () => {
    const m = emailMessages('nl');
    expect(m.manage('https://example.org/m')).to.equal('Bekijk je aanmelding of meld je af: https://example.org/m');
    expect(m.manageNoLink).to.equal('Wil je je aanmelding wijzigen of je afmelden? Antwoord dan op deze e-mail.');
  });

  it('says a meeting is full only where people register per meeting', () => {
    expect(formMessages('nl').signup.fullHeading('session')).to.equal('Deze bijeenkomst is vol');
    expect(formMessages('nl').signup.fullHeading('network')).to.equal('Er zijn geen plaatsen meer');
    expect(formMessages('en').signup.fullHeading('session')).to.equal('This meeting is full');
    expect(formMessages('en').signup.fullHeading('network')).to.equal('There are no places left');
    expect(formMessages('nl').reason['waitlist-full']).to.equal('Er zijn geen plaatsen meer en de wachtlijst is ook vol.');
  });

  it('writes times as "10.00–13.30 uur" in Dutch and "10:00–13:30" in English', () => {
    const start = new Date('2030-05-01T08:00:00Z');
    const end = new Date('2030-05-01T11:30:00Z');
    expect(formatTime('nl', start)).to.equal('10.00');
    expect(formatTime('en', start)).to.equal('10:00');
    expect(messages('nl').agenda.time(formatTime('nl', start), formatTime('nl', end))).to.equal('10.00–13.30 uur');
    expect(messages('en').agenda.time(formatTime('en', start), formatTime('en', end))).to.equal('10:00–13:30');
    expect(formatDateTime('nl', start)).to.equal('woensdag 1 mei 2030, 10.00 uur');
  });
});

describe('console sentences (issue 24, defect 5)', () => {
  it('the verb agrees with "van hen": several have had the report and do not get it again', async () => {
    const { consoleMessages } = await import('../../src/core/i18n/console.js');
    const t = consoleMessages('nl').reportNotice;
    expect(t.who(20, 13, t.thisOne.report)).to.contain('13 van hen hebben dit verslag al gekregen en krijgen het niet nog eens.');
    expect(t.who(20, 1, t.thisOne.report)).to.contain('1 van hen heeft dit verslag al gekregen en krijgt het niet nog eens.');
  });

  it('a recording is said as a recording (issue 23)', async () => {
    const { consoleMessages } = await import('../../src/core/i18n/console.js');
    const t = consoleMessages('nl').reportNotice;
    expect(t.ask.video).to.equal('Opname sturen aan wie er was');
    expect(t.who(3, 1, t.thisOne.video)).to.contain('1 van hen heeft deze opname al gekregen');
    expect(consoleMessages('en').reportNotice.ask.video).to.equal('Send the recording to those who came');
  });

  it('a save that e-mails nobody does not say e-mails go out', async () => {
    const { consoleMessages } = await import('../../src/core/i18n/console.js');
    for (const locale of ['nl', 'en'] as const) {
      const m = consoleMessages(locale);
      expect(m.document.saved(4, 0)).not.to.match(/e-?mail/i);
      expect(m.sessions.saved(4, 0)).not.to.match(/e-?mail/i);
      expect(m.sessions.saved(4, 2)).to.match(/e-?mail/i);
    }
  });
});
