import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { LeerkringAgenda } from '../../src/components/index.js';
import { fixture, expectAccessible, shadowText, inline, settle, jsonLdOf, waitFor, warnings } from '../helpers/dom.js';
import { seedJson } from '../helpers/seeds.js';
import { until } from '../helpers/form.js';

const future = (extra: Record<string, unknown> = {}, sessions?: unknown[]) => ({
  id: 'toekomst',
  kind: 'learning-circle',
  title: 'Toekomstige leerkring',
  summary: 'Voor tests.',
  organisers: [{ name: 'Gemeente Voorbeeld', type: 'municipality' }],
  sessions: sessions ?? [
    { id: 'een', title: 'Eerste bijeenkomst', type: 'kick-off', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'physical', name: 'Stadhuis', city: 'Utrecht' } },
    { id: 'twee', title: 'Tweede bijeenkomst', type: 'thematic', start: '2030-06-12T19:30', end: '2030-06-12T21:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheim' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 2 },
  ...extra,
});

async function putNetwork(doc: unknown) {
  const res = await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) });
  expect(res.status).to.equal(204);
}

describe('<leerkring-agenda>', () => {
  beforeEach(async () => {
    await fetch('/test-api/reset', { method: 'POST' });
  });

  describe('who may join (issue 12, item 8)', () => {
    it('says who may join and that an intake comes first, before the sessions and without opening the form', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/aardgasvrij-leerkring.json" now="2021-10-25T09:00:00+02:00"></leerkring-agenda>');
      const notice = el.shadowRoot!.querySelector('[part="eligibility"]')!;
      expect(notice, 'a who-may-join block').to.not.equal(null);
      expect([...notice.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
        'Deze leerkring is uitsluitend voor gemeenten die al samenwerken met bewonersinitiatieven aan aardgasvrij.',
        'Na je aanmelding nemen we contact met je op voor een kennismakings- en intakegesprek.',
      ]);
      const firstSession = el.shadowRoot!.querySelector('[part="session"]')!;
      expect(notice.compareDocumentPosition(firstSession) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      await expectAccessible(el);
    });

    it('says where to ask for an invitation where one is needed', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/twentse-noabers.json" now="2022-04-01T10:00:00Z"></leerkring-agenda>');
      expect(el.shadowRoot!.querySelector('[part="eligibility"]')?.textContent).to.contain(
        'Heb je nog geen uitnodiging? Vraag die aan bij Joost Kampman (demo) (leerkring@twentse-noabers.example.org).',
      );
    });
  });

  describe('default values', () => {
    it('has sensible defaults', () => {
      const el = document.createElement('leerkring-agenda') as LeerkringAgenda;
      expect(el.show).to.equal('all');
      expect(el.headingLevel).to.equal(2);
      expect(el.places).to.equal('exact');
      expect(el.filters).to.equal('auto');
      expect(el.structuredData).to.equal('on');
      expect(el.src).to.equal(undefined);
      expect(el.limit).to.equal(undefined);
    });
  });

  describe('states', () => {
    it('says it is loading, in a status region', async () => {
      const container = document.createElement('div');
      container.innerHTML = '<leerkring-agenda src="/demo/data/twentse-noabers.json"></leerkring-agenda>';
      document.body.append(container);
      const el = container.firstElementChild as LeerkringAgenda;
      await el.updateComplete;
      const status = el.shadowRoot!.querySelector('[role="status"]');
      expect(status?.textContent).to.equal('Agenda laden…');
      await expectAccessible(el);
      await settle(container);
      container.remove();
    });

    it('shows a load error with a retry button', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/bestaat-niet.json"></leerkring-agenda>');
      // The error's code is a chunk of its own, loaded when an element first meets one.
      const alert = await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the load error');
      expect(alert.textContent).to.contain('De agenda kon niet worden geladen.');
      expect(alert.querySelector('button')!.textContent).to.equal('Opnieuw proberen');
      await expectAccessible(el);
    });

    it('shows an editor every problem of an invalid document with its path', async () => {
      const doc = await seedJson('twentse-noabers');
      (doc.sessions as any[])[0].start = '21 april 19:30';
      (doc.sessions as any[])[1].type = 'borrel';
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(doc)}</leerkring-agenda>`);
      await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the problems');
      const items = [...el.shadowRoot!.querySelectorAll('[role="alert"] li')].map((li) => li.textContent!.replace(/\s+/g, ' '));
      expect(items).to.have.length(2);
      expect(items[0]).to.match(/^sessions\[0\]\.start: dit is geen geldige datum en tijd/);
      expect(items[1]).to.match(/^sessions\[1\]\.type: onbekende waarde "borrel"/);
      // Its styles come with its code: the box is marked at its start, the paths stand out.
      expect(getComputedStyle(el.shadowRoot!.querySelector('.problems')!).borderInlineStartWidth).to.equal('5px');
      expect(getComputedStyle(el.shadowRoot!.querySelector('.problems code')!).fontWeight).to.equal('600');
      await expectAccessible(el);
    });

    it('says so when nothing is planned, and still offers the in-company request', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/overheidsparticipatie-workshop.json" signup-href="#aanmelden"></leerkring-agenda>');
      const text = shadowText(el);
      expect(text).to.contain('Er zijn nog geen bijeenkomsten gepland.');
      expect(text).to.contain('Op aanvraag');
      expect(el.shadowRoot!.querySelector('a[part="button"]')!.getAttribute('href')).to.equal('#aanmelden');
      await expectAccessible(el);
    });

    it('groups upcoming sessions by month and keeps undated ones in their place in the series', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/twentse-noabers.json" now="2022-04-01T10:00:00Z"></leerkring-agenda>');
      const groups = [...el.shadowRoot!.querySelectorAll('.month')].map((g) => ({
        label: g.querySelector('.month-heading')!.textContent,
        sessions: [...g.querySelectorAll('[part="title"]')].map((t) => t.textContent),
      }));
      expect(groups).to.deep.equal([
        { label: 'april 2022', sessions: ['Aftrap'] },
        { label: 'Datum volgt', sessions: ['Casus dorpsplan Aadorp', "Casus 't Geerdink / Wijkvoorziening Stokhorst", 'Terugkoppeling en vervolg'] },
      ]);
      const first = el.shadowRoot!.querySelector('[part="session"]')!;
      expect(first.querySelector('[part="date"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('donderdag 21 april 2022, 19.30–21.00 uur');
      expect(first.querySelector('time')!.getAttribute('datetime')).to.equal('2022-04-21T17:30:00.000Z');
      expect(first.textContent).to.contain('Almelo');
      expect(first.textContent).to.contain('Begeleiding: Ferenc van Damme');
      // E-mail registration: a prepared mail to the (fictional) contact.
      const mail = el.shadowRoot!.querySelector('.series-action a')!.getAttribute('href')!;
      expect(mail).to.match(/^mailto:leerkring@twentse-noabers\.example\.org\?subject=Aanmelding%20leerkring%20Twentse%20Noabers&body=/);
      await expectAccessible(el);
    });

    it('shows the period hint of an undated session, and past sessions with their reports in the archive', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/vitaal-platteland.json" now="2020-01-15T10:00:00Z"></leerkring-agenda>');
      const upcoming = el.shadowRoot!.querySelector('section[aria-labelledby="upcoming-heading"]')!;
      expect(upcoming.textContent).to.contain('Datum volgt (voorjaar 2021)');
      const archive = el.shadowRoot!.querySelector('.archive')!;
      const titles = [...archive.querySelectorAll('[part="title"]')].map((t) => t.textContent);
      expect(titles).to.deep.equal(['Samenwerken met maatschappelijke partners', 'Werken als één overheid']);
      expect(archive.textContent).to.contain('Nieuws: Werken als één overheid in de Zuidwestelijke Delta');
      expect(archive.querySelector('details')).to.equal(null);
      await expectAccessible(el);
    });

    it('shows partners of archived sessions ("i.s.m.")', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/groene-domein.json" show="past" limit="3"></leerkring-agenda>');
      const sessions = [...el.shadowRoot!.querySelectorAll('[part="session"]')];
      expect(sessions).to.have.length(3);
      expect(sessions[0]!.textContent).to.contain('i.s.m. Provincie Gelderland');
      expect(el.shadowRoot!.querySelector('#upcoming-heading')).to.equal(null);
      await expectAccessible(el);
    });

    it('marks cancelled and moved sessions', async () => {
      const doc = future({}, [
        { id: 'a', title: 'Verzet', type: 'thematic', start: '2030-05-08T10:00', status: 'moved', movedFrom: ['2030-05-01T10:00'] },
        { id: 'b', title: 'Afgelast', type: 'thematic', start: '2030-06-08T10:00', status: 'cancelled' },
      ]);
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(doc)}</leerkring-agenda>`);
      const [moved, cancelled] = [...el.shadowRoot!.querySelectorAll('[part="session"]')];
      expect(moved!.querySelector('[part="status"]')!.textContent).to.equal('Verplaatst; eerder gepland op 1 mei 2030');
      expect(cancelled!.querySelector('[part="status"]')!.textContent).to.equal('Gaat niet door');
      expect(cancelled!.querySelector('[part="availability"]')!.textContent).to.contain('Deze bijeenkomst gaat niet door');
      expect(cancelled!.querySelector('details')).to.equal(null);
      await expectAccessible(el);
    });

    it('shows live places, and "full" plainly once the places are taken', async () => {
      await putNetwork(future());
      await fetch('/test-api/networks/toekomst/registrations', { method: 'POST', body: JSON.stringify({ status: 'confirmed', count: 2, sessionId: 'een' }) });
      await fetch('/test-api/networks/toekomst/registrations', { method: 'POST', body: JSON.stringify({ status: 'pending', count: 1, sessionId: 'twee' }) });
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda api="" network-id="toekomst"></leerkring-agenda>');
      const [full, open] = [...el.shadowRoot!.querySelectorAll('[part="availability"]')];
      expect(full!.textContent).to.contain('Maximaal aantal aanmeldingen bereikt, je kunt je niet meer aanmelden');
      expect(full!.querySelector('[part="button"]')).to.equal(null);
      expect(open!.textContent).to.contain('nog 1 plaats');
      expect(open!.querySelector('button')!.textContent).to.equal('Aanmelden voor Tweede bijeenkomst');
      await expectAccessible(el);
      el.places = 'coarse';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[part="availability"]')[1]!.textContent).to.contain('Nog enkele plaatsen');
    });

    it('never shows an online join link', async () => {
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(future())}</leerkring-agenda>`);
      expect(el.shadowRoot!.innerHTML).to.not.contain('geheim');
      // The inline document is the editor's own; what the element adds (JSON-LD) must not leak it.
      expect(JSON.stringify(await jsonLdOf(el))).to.not.contain('geheim');
      expect(shadowText(el)).to.contain('Online (Teams)');
    });
  });

  describe('calendar actions', () => {
    it('loads the links when the disclosure opens by keyboard, focus staying on the summary', async () => {
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(future({ registration: { mode: 'closed' } }))}</leerkring-agenda>`);
      const details = el.shadowRoot!.querySelector('details')!;
      const summary = details.querySelector('summary')!;
      // Closed, a disclosure carries no links: their code is not even loaded up front.
      expect(details.querySelector('ul, a, button')).to.equal(null);
      summary.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => details.querySelectorAll('a').length === 2, 'the calendar links');
      expect(details.open).to.equal(true);
      expect([...details.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal(['Agendabestand (.ics)', 'Google Agenda', 'Outlook']);
      expect(details.querySelector('button')!.textContent).to.equal('Agendabestand (.ics)');
      // The links' styles come with their code: each a target of at least 44 px.
      for (const li of details.querySelectorAll('li')) expect(getComputedStyle(li).minBlockSize).to.equal('44px');
      expect(getComputedStyle(details.querySelector('button')!).display).to.equal('inline-block');
      expect(el.shadowRoot!.activeElement).to.equal(summary);
      // Closed and opened again: the links come back at once, still with focus on the summary.
      await sendKeys({ press: 'Enter' });
      await waitFor(() => !details.querySelector('a'), 'the links to go');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => details.querySelectorAll('a').length === 2, 'the calendar links again');
      expect(el.shadowRoot!.activeElement).to.equal(summary);
    });

    it('can be opened and used with the keyboard alone', async () => {
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(future({ registration: { mode: 'closed' } }))}</leerkring-agenda>`);
      const details = el.shadowRoot!.querySelector('details')!;
      const summary = details.querySelector('summary')!;
      summary.focus();
      expect(el.shadowRoot!.activeElement).to.equal(summary);
      await sendKeys({ press: 'Enter' });
      expect(details.open).to.equal(true);
      // The links' code loads when the disclosure opens (and the toggle event comes a task later).
      await waitFor(() => details.querySelector('a'), 'the calendar links');
      await expectAccessible(el);

      let downloaded: { name: string; text: string } | undefined;
      const origClick = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        if (this.download) {
          const href = this.href;
          const name = this.download;
          fetch(href).then(async (r) => (downloaded = { name, text: await r.text() }));
          return;
        }
        origClick.call(this);
      };
      try {
        await sendKeys({ press: 'Tab' });
        const ics = el.shadowRoot!.activeElement as HTMLElement;
        expect(ics.textContent).to.equal('Agendabestand (.ics)');
        await sendKeys({ press: 'Enter' });
        for (let i = 0; i < 100 && !downloaded; i++) await new Promise((r) => setTimeout(r, 20));
      } finally {
        HTMLAnchorElement.prototype.click = origClick;
      }
      expect(downloaded?.name).to.equal('een.ics');
      expect(downloaded?.text).to.contain('DTSTART:20300501T080000Z');
      expect(downloaded?.text.match(/BEGIN:VEVENT/g)).to.have.length(1);

      await sendKeys({ press: 'Tab' });
      const google = el.shadowRoot!.activeElement as HTMLAnchorElement;
      expect(google.textContent).to.equal('Google Agenda');
      expect(new URL(google.href).searchParams.get('dates')).to.equal('20300501T080000Z/20300501T100000Z');
      await sendKeys({ press: 'Tab' });
      expect((el.shadowRoot!.activeElement as HTMLElement).textContent).to.equal('Outlook');
    });
  });

  describe('events', () => {
    it('fires a cancelable, composed leerkring-session-select when someone chooses to register', async () => {
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(future())}</leerkring-agenda>`);
      let got: Event | undefined;
      document.addEventListener('leerkring-session-select', (e) => (got = e), { once: true });
      el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="button"]')[1]!.click();
      expect(got).to.be.instanceOf(Event);
      const e = got as any;
      expect([e.networkId, e.sessionId, e.bubbles, e.composed, e.cancelable]).to.deep.equal(['toekomst', 'twee', true, true, true]);
    });
  });

  describe('options', () => {
    it('speaks English on request and starts at the heading level asked for', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/twentse-noabers.json" heading-level="3" now="2022-04-01T10:00:00Z"></leerkring-agenda>', { lang: 'en' });
      const h = el.shadowRoot!.querySelector('#upcoming-heading')!;
      expect(h.localName).to.equal('h3');
      expect(h.textContent).to.equal('Upcoming meetings');
      expect(el.shadowRoot!.querySelector('.month-heading')!.localName).to.equal('h4');
      expect(el.shadowRoot!.querySelector('[part="title"]')!.localName).to.equal('h5');
      expect(shadowText(el)).to.contain('Thursday, 21 April 2022');
      expect(shadowText(el)).to.contain('Date to be announced');
      await expectAccessible(el);
    });

    it('links each session to its own page with the link template', async () => {
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda session-link="/agenda/{id}">${inline(future())}</leerkring-agenda>`);
      expect(el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="title"] a')!.getAttribute('href')).to.equal('/agenda/een');
    });

    it('filters a long agenda by theme and type', async () => {
      const sessions = Array.from({ length: 10 }, (_, i) => ({
        id: `s${i}`,
        title: `Bijeenkomst ${i}`,
        type: i % 2 ? 'thematic' : 'plenary',
        theme: i % 3 ? 'Energie' : 'Groen',
        date: `2030-0${1 + (i % 9)}-10`,
      }));
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(future({}, sessions))}</leerkring-agenda>`);
      // The filters' code is a chunk of its own, loaded when an agenda first shows them.
      await until(() => !!el.shadowRoot!.querySelector('select'), 'the filters');
      // Their styles come with their code: side by side, a target of 44 px, and so in a second agenda too.
      expect(getComputedStyle(el.shadowRoot!.querySelector('.filters')!).display).to.equal('flex');
      expect(getComputedStyle(el.shadowRoot!.querySelector('select')!).minBlockSize).to.equal('44px');
      const second = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(future({}, sessions))}</leerkring-agenda>`);
      await until(() => !!second.shadowRoot!.querySelector('select'), 'the filters of a second agenda');
      expect(getComputedStyle(second.shadowRoot!.querySelector('.filters')!).display).to.equal('flex');
      const [theme] = [...el.shadowRoot!.querySelectorAll('select')];
      theme!.value = 'Groen';
      theme!.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[part="session"]')).to.have.length(4);
      expect(el.shadowRoot!.querySelector('.filter-count')!.textContent).to.equal('4 bijeenkomsten');
      await expectAccessible(el);
    });

    it('puts schema.org JSON-LD in the light DOM, and leaves it out on request', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/twentse-noabers.json"></leerkring-agenda>');
      const data = await jsonLdOf(el);
      expect(data['@type']).to.equal('EventSeries');
      expect(data.subEvent).to.have.length(1);
      expect(data.subEvent[0]).to.include({ name: 'Aftrap', startDate: '2022-04-21T17:30:00.000Z' });
      const off = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/twentse-noabers.json" structured-data="off"></leerkring-agenda>');
      expect(off.querySelector('script')).to.equal(null);
    });

    it('reflows at 320 CSS pixels without horizontal scrolling', async () => {
      const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/vitaal-platteland.json" now="2019-09-01T10:00:00Z"></leerkring-agenda>', { width: 320 });
      expect(el.scrollWidth).to.be.at.most(320);
      for (const child of el.shadowRoot!.querySelectorAll('*')) expect((child as HTMLElement).getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
    });
  });

  describe('inside <leerkring-network>', () => {
    it('takes the network from context, and the network shows an invalid document once', async () => {
      const doc = await seedJson('twentse-noabers');
      const net = await fixture<HTMLElement>(`<leerkring-network now="2022-04-01T10:00:00Z">${inline(doc)}<leerkring-agenda></leerkring-agenda><leerkring-agenda show="upcoming"></leerkring-agenda></leerkring-network>`);
      const agendas = [...net.querySelectorAll('leerkring-agenda')];
      for (const a of agendas) expect(shadowText(a)).to.contain('Aftrap');
      const bad = { ...doc, kind: 'borrel' };
      const net2 = await fixture<HTMLElement>(`<leerkring-network>${inline(bad)}<leerkring-agenda></leerkring-agenda></leerkring-network>`);
      expect(shadowText(net2)).to.contain('kind: onbekende waarde "borrel"');
      // A second element meeting the problem view gets its styles too.
      expect(getComputedStyle(net2.shadowRoot!.querySelector('.problems')!).borderInlineStartWidth).to.equal('5px');
      expect(shadowText(net2.querySelector('leerkring-agenda')!)).to.equal('');
      await expectAccessible(net2);
    });
  });
});

describe('<leerkring-agenda> without a source (issue 25, item 14)', () => {
  it('says plainly that there is no agenda, instead of "Agenda laden…" for ever, and tells the developer why in the console', async () => {
    let el: HTMLElement | undefined;
    const seen = await warnings(async () => {
      el = await fixture<HTMLElement>('<leerkring-agenda></leerkring-agenda>');
      await until(() => !!el!.shadowRoot?.querySelector('[role="alert"]'), 'a message instead of loading');
    });
    const text = el!.shadowRoot!.textContent!;
    expect(text).to.not.contain('Agenda laden');
    expect(text).to.contain('De agenda kon niet worden geladen.');
    expect(!!el!.shadowRoot!.querySelector('button'), 'no retry button that can do nothing').to.equal(false);
    expect(seen.some((w) => w.includes('<leerkring-agenda>') && w.includes('src') && w.includes('api')), seen.join('\n')).to.equal(true);
    await expectAccessible(el!);
  });
});
