import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, expectAccessible, shadowText, inline, waitFor } from '../helpers/dom.js';
import { WAITLIST_DOC } from '../helpers/fixtures.js';
import { post, $, until, fill, submit, outcome } from '../helpers/form.js';

const registrations = async () => (await (await fetch('/test-api/registrations')).json()) as { status: string; participant: { email: string }; sessionId?: string }[];
const nextFrame = () => new Promise((r) => setTimeout(r, 0));

const signup = (id: string, asOf: string, extra = '') =>
  `<leerkring-signup api="" network-id="${id}" now="${asOf}" ${extra}></leerkring-signup>`;

const person = { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Voorbeeld', role: 'Beleidsadviseur' };

describe('<leerkring-signup>', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
  });

  describe('default values', () => {
    it('has sensible defaults', () => {
      const el = document.createElement('leerkring-signup') as LeerkringSignup;
      expect(el.headingLevel).to.equal(2);
      expect(el.session).to.equal(undefined);
      expect(el.manageToken).to.equal(undefined);
    });
  });

  describe('aardgasvrij-leerkring: municipalities only, declaration, intake, full', () => {
    const asOf = '2021-10-25T09:00:00+02:00';
    beforeEach(() => post('/test-api/clock', { now: asOf }));

    it('tells a province at once, before anyone types their name, that it cannot join', async () => {
      const el = await fixture<LeerkringSignup>(signup('aardgasvrij-leerkring', asOf));
      fill(el, { organisationType: 'province' });
      await el.updateComplete;
      const status = $(el, '#f-participant-organisationType-eligibility');
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent).to.equal('Deze leerkring is uitsluitend voor gemeenten die al samenwerken met bewonersinitiatieven aan aardgasvrij.');
      expect(($<HTMLInputElement>(el, '#f-participant-name')).value).to.equal('');
      await expectAccessible(el);
    });

    it('says who may join and that an intake comes first at the top of the form, before anything is filled in', async () => {
      const el = await fixture<LeerkringSignup>(signup('aardgasvrij-leerkring', asOf));
      const notice = $(el, '[part="eligibility"]');
      expect([...notice.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
        'Deze leerkring is uitsluitend voor gemeenten die al samenwerken met bewonersinitiatieven aan aardgasvrij.',
        'Na je aanmelding nemen we contact met je op voor een kennismakings- en intakegesprek.',
      ]);
      expect(notice.compareDocumentPosition($(el, 'form')) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    });

    it('stops a province at the form, before sending, with the reason at the field', async () => {
      const el = await fixture<LeerkringSignup>(signup('aardgasvrij-leerkring', asOf));
      fill(el, { ...person, organisationType: 'province' });
      $<HTMLInputElement>(el, '#f-declarations-werkt-samen-met-initiatief').click();
      await submit(el);
      await nextFrame();
      expect($(el, '#outcome-heading')).to.equal(null);
      const summary = $(el, '.error-summary');
      expect(el.shadowRoot!.activeElement).to.equal(summary);
      expect([...summary.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([
        ['#f-participant-organisationType', 'Deze leerkring is uitsluitend voor gemeenten die al samenwerken met bewonersinitiatieven aan aardgasvrij.'],
      ]);
      expect(await registrations()).to.deep.equal([]);
    });

    it('shows an error summary that takes focus and links to each field, keeping what was typed', async () => {
      const el = await fixture<LeerkringSignup>(signup('aardgasvrij-leerkring', asOf));
      fill(el, { name: 'Sam de Vries', email: 'sam@' });
      await submit(el);
      await nextFrame();
      const summary = $(el, '.error-summary');
      expect(el.shadowRoot!.activeElement).to.equal(summary);
      const links = [...summary.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);
      expect(links).to.deep.equal([
        ['#f-participant-email', 'Vul een e-mailadres in zoals naam@example.org'],
        ['#f-participant-organisation', 'Vul de naam van je organisatie in'],
        ['#f-participant-organisationType', 'Kies het soort organisatie'],
        ['#f-declarations-werkt-samen-met-initiatief', 'Bevestig: Onze gemeente werkt al samen met een of meer bewonersinitiatieven aan aardgasvrij.'],
      ]);
      expect($(el, '#f-participant-email-error').textContent).to.contain('Vul een e-mailadres in zoals naam@example.org');
      expect($(el, '#f-participant-email').getAttribute('aria-describedby')).to.contain('f-participant-email-error');
      expect($<HTMLInputElement>(el, '#f-participant-name').value).to.equal('Sam de Vries');
      expect($<HTMLInputElement>(el, '#f-participant-email').value).to.equal('sam@');
      (summary.querySelector('a') as HTMLAnchorElement).click();
      expect(el.shadowRoot!.activeElement?.id).to.equal('f-participant-email');
      await expectAccessible(el);
      expect(await registrations()).to.have.length(0);
    });

    it('registers a municipality for intake (pending) and says who will call', async () => {
      const el = await fixture<LeerkringSignup>(signup('aardgasvrij-leerkring', asOf));
      fill(el, { ...person, organisationType: 'municipality' });
      $<HTMLInputElement>(el, '#f-declarations-werkt-samen-met-initiatief').click();
      await submit(el);
      const h = await outcome(el);
      expect(h.textContent).to.equal('We hebben je aanmelding ontvangen');
      expect(el.shadowRoot!.activeElement).to.equal(h);
      expect(shadowText(el)).to.contain('Femke Jansen (demo) neemt contact met je op binnen 10 werkdagen.');
      await expectAccessible(el);
      const regs = await registrations();
      expect(regs.map((r) => r.status)).to.deep.equal(['pending']);
    });

    it('says "maximum number of registrations reached" plainly once the places are taken, with the contact', async () => {
      await post('/test-api/networks/aardgasvrij-leerkring/registrations', { status: 'pending', count: 12 });
      const el = await fixture<LeerkringSignup>(signup('aardgasvrij-leerkring', asOf));
      expect($(el, '#outcome-heading').textContent).to.equal('Er zijn geen plaatsen meer');
      expect(shadowText(el)).to.contain('Maximaal aantal aanmeldingen bereikt, je kunt je niet meer aanmelden');
      expect(el.shadowRoot!.querySelector('a[href^="mailto:leerkring-aardgasvrij@example.org"]')).to.not.equal(null);
      expect(el.shadowRoot!.querySelector('form')).to.equal(null);
      await expectAccessible(el);
    });

    it('offers a way back from a refusal that has no field (registration closed while the form was open): the form returns with what was typed, focus on the first field', async () => {
      const el = await fixture<LeerkringSignup>(signup('aardgasvrij-leerkring', asOf));
      fill(el, { ...person, email: 'sam@example.org', organisationType: 'municipality' });
      $<HTMLInputElement>(el, '#f-declarations-werkt-samen-met-initiatief').click();
      const { network } = await (await fetch('/api/networks/aardgasvrij-leerkring')).json();
      const closed = await fetch('/test-api/networks/aardgasvrij-leerkring', { method: 'PUT', body: JSON.stringify({ ...network, registration: { ...network.registration, closes: '2021-10-24' } }) });
      expect(closed.status).to.equal(204);
      await submit(el);
      expect((await outcome(el)).textContent).to.equal('Aanmelden is niet gelukt');
      const back = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Terug naar het formulier');
      expect(back, 'a way back to the form').to.not.equal(undefined);
      back!.click();
      await el.updateComplete;
      await nextFrame();
      expect($<HTMLInputElement>(el, '#f-participant-name').value).to.equal(person.name);
      expect($<HTMLInputElement>(el, '#f-participant-email').value).to.equal('sam@example.org');
      expect($<HTMLSelectElement>(el, '#f-participant-organisationType').value).to.equal('municipality');
      expect($<HTMLInputElement>(el, '#f-declarations-werkt-samen-met-initiatief').checked).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal($(el, 'form input:not([type="hidden"]), form select, form textarea'));
      await expectAccessible(el);
    });
  });

  describe('twentse-noabers: by e-mail, citizen initiatives by invitation', () => {
    it('prepares an e-mail to the contact and says who may join', async () => {
      const el = await fixture<LeerkringSignup>(signup('twentse-noabers', '2022-04-04T09:00:00+02:00'));
      const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="button"]')!;
      expect(link.textContent).to.equal('E-mail opstellen');
      const url = new URL(link.href);
      expect(url.protocol).to.equal('mailto:');
      expect(decodeURIComponent(url.search)).to.contain('subject=Aanmelding leerkring Twentse Noabers');
      expect(decodeURIComponent(url.search)).to.contain('Uitnodigingscode (als je die hebt gekregen): ');
      expect(shadowText(el)).to.contain('op uitnodiging van Twentse Noabers');
      await expectAccessible(el);
    });
  });

  describe('vitaal-platteland: per meeting', () => {
    const asOf = '2019-11-04T09:00:00+01:00';
    beforeEach(() => post('/test-api/clock', { now: asOf }));

    it('can be completed with the keyboard alone, and offers the meeting for the calendar', async () => {
      const el = await fixture<LeerkringSignup>(signup('vitaal-platteland', asOf));
      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="sessionId"]')];
      // The third meeting is past; the closing meeting has no date yet but takes registrations.
      expect(radios.map((r) => r.value)).to.deep.equal(['werkplaats-4-maatschappelijke-partners', 'slotbijeenkomst']);
      radios[0]!.focus();
      await sendKeys({ press: 'Space' });
      expect(radios[0]!.checked).to.equal(true);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Sam de Vries' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'sam@example.org' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Provincie Fryslân' });
      await sendKeys({ press: 'Tab' });
      // A native select: type to choose.
      await sendKeys({ type: 'Prov' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Friese Veenweiden' });
      await sendKeys({ press: 'Enter' });
      const h = await outcome(el);
      expect(h.textContent).to.equal('Je bent aangemeld');
      expect(el.shadowRoot!.activeElement).to.equal(h);
      // The calendar links' code comes with the confirmation (it was asked for when the form was sent).
      await waitFor(() => el.shadowRoot!.querySelector('.calendars button.linklike') !== null);
      expect(shadowText(el)).to.contain('Samenwerken met maatschappelijke partners: Agendabestand (.ics) Google Agenda Outlook');
      const regs = await registrations();
      expect(regs).to.have.length(1);
      expect(regs[0]!.sessionId).to.equal('werkplaats-4-maatschappelijke-partners');
      await expectAccessible(el);
    });
  });

  describe('overheidsparticipatie-workshop: in-company on request, at most 20', () => {
    it('refuses 21 participants and sends a request for 20', async () => {
      const el = await fixture<LeerkringSignup>(signup('overheidsparticipatie-workshop', ''));
      expect($(el, '#signup-heading').textContent).to.equal('Workshop aanvragen');
      fill(el, { ...person, organisationType: 'municipality', groupSize: '21' });
      await submit(el);
      expect($(el, '#f-groupSize-error').textContent).to.contain('Vul een aantal deelnemers in van 1 tot en met 20');
      await expectAccessible(el);
      fill(el, { groupSize: '20' });
      await submit(el);
      expect((await outcome(el)).textContent).to.equal('We hebben je aanvraag ontvangen');
      expect(shadowText(el)).to.contain('We nemen contact met je op om datum, plaats en programma af te stemmen.');
      expect((await registrations()).map((r) => r.status)).to.deep.equal(['pending']);
    });
  });

  describe('groene-domein: per meeting, intervision by invitation only', () => {
    it('offers only the open meeting and confirms a water board', async () => {
      const asOf = '2015-06-01T09:00:00+02:00';
      await post('/test-api/clock', { now: asOf });
      const el = await fixture<LeerkringSignup>(signup('groene-domein', asOf));
      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="sessionId"]')];
      expect(radios.map((r) => r.value)).to.deep.equal(['kansen-en-dilemmas-2015']);
      radios[0]!.click();
      fill(el, { ...person, organisation: 'Waterschap Voorbeeld', organisationType: 'water-board' });
      await submit(el);
      expect((await outcome(el)).textContent).to.equal('Je bent aangemeld');
    });
  });

  describe('waiting list and manage link', () => {
    const doc = WAITLIST_DOC;

    it('puts the second person on the waiting list, with their position', async () => {
      await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) });
      const first = await fixture<LeerkringSignup>(signup('wacht', ''));
      fill(first, { name: 'Eerste', email: 'een@example.org' });
      await submit(first);
      expect((await outcome(first)).textContent).to.equal('Je bent aangemeld');

      const second = await fixture<LeerkringSignup>(signup('wacht', ''));
      expect($(second, 'button[type="submit"]').textContent).to.equal('Aanmelden voor de wachtlijst');
      fill(second, { name: 'Tweede', email: 'twee@example.org' });
      await submit(second);
      expect((await outcome(second)).textContent).to.equal('Je staat op de wachtlijst');
      expect(shadowText(second)).to.contain('Je staat op plaats 1.');
      await expectAccessible(second);
      expect((await registrations()).map((r) => r.status)).to.deep.equal(['confirmed', 'waitlisted']);
    });

    it('with the manage token: the manage page, where cancelling asks first; the waiting list moves up', async () => {
      await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) });
      const { formToken } = await (await fetch('/api/networks/wacht/form-token')).json();
      const made = await (
        await fetch('/api/networks/wacht/registrations', { method: 'POST', body: JSON.stringify({ participant: { name: 'Eerste', email: 'een@example.org' }, formToken }) })
      ).json();
      await fetch('/api/networks/wacht/registrations', { method: 'POST', body: JSON.stringify({ participant: { name: 'Tweede', email: 'twee@example.org' }, formToken }) });
      const el = await fixture<LeerkringSignup>(signup('wacht', '', `manage-token="${made.manageToken}"`));
      const manage = () => el.shadowRoot!.querySelector('leerkring-manage');
      await until(() => !!manage()?.shadowRoot?.querySelector('#cancel'), 'the manage page');
      const text = () => (manage()!.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
      expect(text()).to.contain('Workshop met wachtlijst').and.contain('Eerste').and.contain('Aangemeld');
      await expectAccessible(el);
      manage()!.shadowRoot!.querySelector<HTMLButtonElement>('#cancel')!.click();
      await until(() => !!manage()!.shadowRoot!.querySelector('#confirm-cancel'), 'the confirmation');
      expect((await registrations()).map((r) => r.status)).to.deep.equal(['confirmed', 'waitlisted'], 'one tap does not cancel');
      expect(text()).to.contain('Je plaats gaat dan naar de eerste op de wachtlijst.');
      manage()!.shadowRoot!.querySelector<HTMLButtonElement>('#confirm-cancel')!.click();
      await until(() => manage()!.shadowRoot!.activeElement?.textContent === 'Je bent afgemeld', 'the outcome, focused');
      const regs = await registrations();
      expect(regs.map((r) => [r.participant.email, r.status])).to.deep.equal([
        ['een@example.org', 'cancelled'],
        ['twee@example.org', 'confirmed'],
      ]);
    });
  });

  describe('talking to the server', () => {
    const asOf = '2019-11-04T09:00:00+01:00';
    beforeEach(() => post('/test-api/clock', { now: asOf }));

    async function ready() {
      const el = await fixture<LeerkringSignup>(signup('vitaal-platteland', asOf));
      el.shadowRoot!.querySelector<HTMLInputElement>('input[name="sessionId"]')!.click();
      fill(el, { ...person, organisationType: 'province', 'answer:gebied': 'Friese Veenweiden' });
      return el;
    }

    it('keeps everything and offers a retry when the server fails; the retry counts once', async () => {
      const el = await ready();
      await post('/test-api/lose-next-response');
      await submit(el);
      await until(() => !!el.shadowRoot!.querySelector('[role="alert"]'), 'the network error');
      expect(shadowText(el)).to.contain('Je aanmelding kon niet worden verstuurd.');
      expect($(el, 'button[type="submit"]').textContent).to.equal('Opnieuw versturen');
      expect($<HTMLInputElement>(el, '#f-participant-name').value).to.equal('Sam de Vries');
      await expectAccessible(el);
      await submit(el);
      expect((await outcome(el)).textContent).to.equal('Je bent aangemeld');
      expect(await registrations()).to.have.length(1);
    });

    it('asks the server for a form token once, when the form is shown, and sends it with the registration', async () => {
      const original = window.fetch;
      const calls: { url: string; body?: string }[] = [];
      window.fetch = (input, init) => {
        calls.push({ url: String(input), ...(typeof init?.body === 'string' && { body: init.body }) });
        return original(input, init);
      };
      try {
        const el = await ready();
        await until(() => calls.some((c) => c.url.endsWith('/form-token')), 'the form token request');
        await el.updateComplete;
        await submit(el);
        expect((await outcome(el)).textContent).to.equal('Je bent aangemeld');
      } finally {
        window.fetch = original;
      }
      expect(calls.filter((c) => c.url.endsWith('/form-token')).map((c) => c.url)).to.deep.equal(['/api/networks/vitaal-platteland/form-token']);
      const sent = JSON.parse(calls.find((c) => c.url.endsWith('/registrations'))!.body!);
      expect(sent.formToken).to.match(/^[0-9a-z]+\.[A-Za-z0-9_-]{24}$/);
      expect(sent).to.not.have.property('startedAt');
    });

    it('a registration without the form token is refused as automated', async () => {
      const r = await post('/api/networks/vitaal-platteland/registrations', { participant: { name: 'Bot', email: 'bot@example.org' }, startedAt: 1 });
      expect(r.status).to.equal(422);
      expect((await r.json()).error.code).to.equal('spam');
    });

    it('a changed form after a lost answer is a new submission, not a refused retry', async () => {
      const el = await ready();
      await post('/test-api/lose-next-response');
      await submit(el);
      await until(() => !!el.shadowRoot!.querySelector('[role="alert"]'), 'the network error');
      fill(el, { email: 'sam.de.vries@example.org' });
      await submit(el);
      expect((await outcome(el)).textContent).to.equal('Je bent aangemeld');
      expect((await registrations()).map((r) => r.participant.email)).to.deep.equal(['sam@example.org', 'sam.de.vries@example.org']);
    });

    it('does not register twice on a double click', async () => {
      const el = await ready();
      // Count what the page sends: the shared idempotency key alone would already make the
      // server store one registration, so the stored count cannot show the second send.
      const original = window.fetch;
      let sent = 0;
      window.fetch = (input, init) => {
        if (String(input).endsWith('/registrations') && init?.method === 'POST') sent++;
        return original(input, init);
      };
      try {
        const button = $<HTMLButtonElement>(el, 'button[type="submit"]');
        button.click();
        button.click();
        await outcome(el);
      } finally {
        window.fetch = original;
      }
      expect(sent).to.equal(1);
      expect(await registrations()).to.have.length(1);
    });

    it('lets a host page take over with a cancelable leerkring-register event', async () => {
      const el = await ready();
      let got: any;
      el.addEventListener('leerkring-register', (e) => {
        got = e;
        e.preventDefault();
      }, { once: true });
      await submit(el);
      expect(got.registration.participant).to.deep.include({ name: 'Sam de Vries', email: 'sam@example.org', organisationType: 'province' });
      expect(got.registration.sessionId).to.equal('werkplaats-4-maatschappelijke-partners');
      expect([got.bubbles, got.composed, got.cancelable]).to.deep.equal([true, true, true]);
      await outcome(el);
      expect(await registrations()).to.have.length(0);
      el.showOutcome({ kind: 'waitlisted', position: 3 });
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Je staat op plaats 3.');
      // Vitaal Platteland keeps no waiting list: a cancellation promises nothing to one.
      el.showOutcome({ kind: 'cancelled' });
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Je bent afgemeld').and.not.contain('wachtlijst');
    });

    it('fires leerkring-registered after the server accepted', async () => {
      const el = await ready();
      const got = new Promise<any>((r) => el.addEventListener('leerkring-registered', r, { once: true }));
      await submit(el);
      const e = await got;
      expect([e.networkId, e.status]).to.deep.equal(['vitaal-platteland', 'confirmed']);
    });
  });

  describe('when there is no form', () => {
    const base = {
      id: 'dicht',
      kind: 'learning-circle',
      title: 'Kring',
      summary: 'Test',
      organisers: [{ name: 'Gemeente Voorbeeld' }],
      sessions: [{ id: 'a', title: 'A', type: 'other', start: '2030-05-01T10:00' }],
    };
    for (const [name, registration, heading] of [
      ['not yet open', { mode: 'built-in', opens: '2029-12-01' }, 'Aanmelden kan nog niet'],
      ['closed', { mode: 'built-in', closes: '2020-01-01' }, 'Aanmelden is gesloten'],
      ['external', { mode: 'external', url: 'https://forms.example.org/kring' }, 'Aanmelden'],
    ] as const) {
      it(`says so plainly: ${name}`, async () => {
        const el = await fixture<LeerkringSignup>(`<leerkring-signup>${inline({ ...base, registration })}</leerkring-signup>`);
        expect($(el, '#outcome-heading').textContent).to.equal(heading);
        expect(el.shadowRoot!.querySelector('form')).to.equal(null);
        if (name === 'external') expect($<HTMLAnchorElement>(el, 'a[part="button"]').href).to.equal('https://forms.example.org/kring');
        await expectAccessible(el);
      });
    }
  });

  it('reflows at 320 CSS pixels', async () => {
    const el = await fixture<LeerkringSignup>(signup('aardgasvrij-leerkring', '2021-10-25T09:00:00+02:00'), { width: 320 });
    expect(el.scrollWidth).to.be.at.most(320);
  });
});
