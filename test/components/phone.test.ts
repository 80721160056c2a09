// Registering on a phone (issue 12, items 1–4): what focus, scroll position, the error summary and
// the accessibility tree do for a person on a 375 px screen with a screen reader, against the real server.
import { expect } from '@esm-bundle/chai';
import { a11ySnapshot, sendKeys, setViewport } from '@web/test-runner-commands';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, settle } from '../helpers/dom.js';
import { WAITLIST_DOC } from '../helpers/fixtures.js';
import { post, $, until, fill } from '../helpers/form.js';


/** Counts the page's requests in flight, so a test can wait until the refresh after an outcome has settled. */
function trackFetches() {
  const original = window.fetch;
  let pending = 0;
  let started = 0;
  window.fetch = (input, init) => {
    pending++;
    started++;
    return original(input, init).finally(() => pending--);
  };
  return {
    get pending() {
      return pending;
    },
    get started() {
      return started;
    },
    restore: () => (window.fetch = original),
  };
}

const person = { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Voorbeeld', role: 'Beleidsadviseur' };

describe('registering on a phone', () => {
  let spacer: HTMLElement;
  beforeEach(async () => {
    await post('/test-api/reset');
    await setViewport({ width: 375, height: 667 });
    // Content above the element, as on a real page, so that a jump to the top is measurable.
    spacer = document.createElement('div');
    spacer.style.blockSize = '2000px';
    document.body.prepend(spacer);
  });
  afterEach(() => {
    spacer.remove();
    window.scrollTo(0, 0);
  });

  describe('after every outcome, the outcome stays on screen with focus on its heading', () => {
    const wacht = WAITLIST_DOC;
    const cases: { name: string; network: string; asOf: string; heading: string; prepare: (el: LeerkringSignup) => Promise<void> }[] = [
      {
        name: 'confirmed (vitaal-platteland, per meeting)',
        network: 'vitaal-platteland',
        asOf: '2019-11-04T09:00:00+01:00',
        heading: 'Je bent aangemeld',
        prepare: async (el) => {
          el.shadowRoot!.querySelector<HTMLInputElement>('input[name="sessionId"]')!.click();
          fill(el, { ...person, organisationType: 'province', 'answer:gebied': 'Friese Veenweiden' });
        },
      },
      {
        name: 'intake (aardgasvrij-leerkring)',
        network: 'aardgasvrij-leerkring',
        asOf: '2021-10-25T09:00:00+02:00',
        heading: 'We hebben je aanmelding ontvangen',
        prepare: async (el) => {
          fill(el, { ...person, organisationType: 'municipality' });
          $<HTMLInputElement>(el, '#f-declarations-werkt-samen-met-initiatief').click();
        },
      },
      {
        name: 'full (aardgasvrij-leerkring, the last place taken while the form was open)',
        network: 'aardgasvrij-leerkring',
        asOf: '2021-10-25T09:00:00+02:00',
        heading: 'Er zijn geen plaatsen meer',
        prepare: async (el) => {
          fill(el, { ...person, organisationType: 'municipality' });
          $<HTMLInputElement>(el, '#f-declarations-werkt-samen-met-initiatief').click();
          await post('/test-api/networks/aardgasvrij-leerkring/registrations', { status: 'pending', count: 12 });
        },
      },
      {
        name: 'waiting list',
        network: 'wacht',
        asOf: '',
        heading: 'Je staat op de wachtlijst',
        prepare: async (el) => {
          fill(el, { name: 'Tweede', email: 'twee@example.org' });
        },
      },
    ];

    for (const c of cases) {
      for (const shape of ['inside <leerkring-network> with the agenda', 'on its own'] as const) {
        it(`${c.name}, ${shape}`, async () => {
          if (c.network === 'wacht') {
            await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(wacht) });
            const { formToken } = await (await fetch('/api/networks/wacht/form-token')).json();
            await post('/api/networks/wacht/registrations', { participant: { name: 'Eerste', email: 'een@example.org' }, formToken });
          }
          if (c.asOf) await post('/test-api/clock', { now: c.asOf });
          const now = c.asOf ? ` now="${c.asOf}"` : '';
          const markup =
            shape === 'on its own'
              ? `<leerkring-signup api="" network-id="${c.network}"${now}></leerkring-signup>`
              : `<leerkring-network api="" network-id="${c.network}"${now}><leerkring-agenda signup-href="#aanmelden"></leerkring-agenda><leerkring-signup id="aanmelden"></leerkring-signup></leerkring-network>`;
          const root = await fixture<HTMLElement>(markup, { width: 375 });
          const el = (root.localName === 'leerkring-signup' ? root : root.querySelector('leerkring-signup')!) as LeerkringSignup;
          const agenda = root.querySelector('leerkring-agenda');
          await c.prepare(el);
          const button = $<HTMLButtonElement>(el, 'button[type="submit"]');
          button.scrollIntoView({ block: 'center' });
          const scrolledTo = window.scrollY;
          expect(scrolledTo).to.be.above(1500);

          // Anything that says "loading" while the outcome is shown is what a screen reader would hear instead of it.
          const heard: string[] = [];
          const observer = new MutationObserver(() => {
            for (const host of [root, el, agenda].filter(Boolean) as Element[])
              for (const s of host.shadowRoot?.querySelectorAll('[role="status"]') ?? []) if (/laden/i.test(s.textContent ?? '')) heard.push(s.textContent!);
          });
          for (const host of [root, el, agenda].filter(Boolean) as Element[]) observer.observe(host.shadowRoot!, { childList: true, subtree: true, characterData: true });
          const agendaHeading = agenda?.shadowRoot!.querySelector('h2, h3');

          const fetches = trackFetches();
          let h: HTMLElement;
          try {
            button.click();
            await until(() => !!$(el, '#outcome-heading'), 'the outcome screen');
            await el.updateComplete;
            h = $(el, '#outcome-heading');
            // The refresh of availability after the outcome: wait until it was asked for and has come back.
            const before = fetches.started;
            await until(() => fetches.started > before || fetches.pending === 0, 'the refresh');
            await until(() => fetches.pending === 0, 'the refresh to finish');
            await settle(root);
            await new Promise((r) => requestAnimationFrame(() => r(undefined)));
          } finally {
            fetches.restore();
            observer.disconnect();
          }

          expect(h.textContent).to.equal(c.heading);
          expect(heard, 'a loading message replaced the outcome').to.deep.equal([]);
          expect($(el, '#outcome-heading'), 'the outcome heading is the same node after the refresh').to.equal(h);
          expect(h.isConnected).to.equal(true);
          // document.activeElement → the signup element (or the network around it) → … → the heading.
          let active: Element | null = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          expect(active).to.equal(h);
          expect(document.activeElement).to.equal(el);
          if (agenda) expect(agenda.shadowRoot!.querySelector('h2, h3'), 'the agenda stays').to.equal(agendaHeading);
          // The element starts below the 2000 px spacer: its heading in view means the page kept its place.
          expect(window.scrollY, 'the page did not jump to the top').to.be.at.least(2000 - window.innerHeight);
          const box = h.getBoundingClientRect();
          expect(box.top).to.be.at.least(0);
          expect(box.bottom).to.be.at.most(window.innerHeight);
        });
      }
    }
  });
});

describe('the error summary', () => {
  const asOf = '2019-11-04T09:00:00+01:00';
  beforeEach(async () => {
    await post('/test-api/reset');
    await post('/test-api/clock', { now: asOf });
  });

  it('lists the problems in the order of the form, is an alert and takes focus', async () => {
    const el = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="vitaal-platteland" now="${asOf}"></leerkring-signup>`);
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    await el.updateComplete;
    const summary = $(el, '.error-summary');
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    const hrefs = [...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['#f-sessionId', '#f-participant-name', '#f-participant-email', '#f-participant-organisation', '#f-participant-organisationType', '#f-answers-gebied']);
    // Each link's target is further down the form than the one before.
    const targets = hrefs.map((h) => $(el, h!));
    for (let i = 1; i < targets.length; i++) expect(targets[i - 1]!.compareDocumentPosition(targets[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
  });

  it('says a problem that belongs to no field as plain text, not as a link that goes nowhere', async () => {
    const el = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="vitaal-platteland" now="${asOf}"></leerkring-signup>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="sessionId"]')!.click();
    fill(el, { ...person, organisationType: 'province', 'answer:gebied': 'Friese Veenweiden', website: 'https://spam.example' });
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    await el.updateComplete;
    const summary = $(el, '.error-summary');
    const items = [...summary.querySelectorAll('li')];
    expect(items).to.have.length(1);
    expect(items[0]!.querySelector('a')).to.equal(null);
    expect(items[0]!.textContent!.trim()).to.not.equal('');
    expect(summary.querySelector('a[href="#f-"]')).to.equal(null);
  });
});

describe('the agenda\'s "Aanmelden" link to the form on the same page', () => {
  const asOf = '2019-11-04T09:00:00+01:00';
  beforeEach(async () => {
    await post('/test-api/reset');
    await post('/test-api/clock', { now: asOf });
  });

  it('puts focus on the form heading, and it stays there after the link is followed', async () => {
    const root = await fixture<HTMLElement>(
      `<leerkring-network api="" network-id="vitaal-platteland" now="${asOf}"><leerkring-agenda signup-href="#aanmelden"></leerkring-agenda><leerkring-signup id="aanmelden"></leerkring-signup></leerkring-network>`,
    );
    const el = root.querySelector('leerkring-signup')!;
    const agenda = root.querySelector('leerkring-agenda')!;
    const link = agenda.shadowRoot!.querySelector<HTMLAnchorElement>('a[href="#aanmelden"]')!;
    link.focus();
    // A real key press: the link's own navigation runs after the element has moved focus.
    await sendKeys({ press: 'Enter' });
    const heading = $(el, '#signup-heading');
    await until(() => el.shadowRoot!.activeElement === heading, 'focus on the form heading');
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(heading);
    const box = heading.getBoundingClientRect();
    expect(box.top).to.be.at.least(0);
    expect(box.top).to.be.below(window.innerHeight);
  });
});

describe('what assistive technology is told about the form and the agenda', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
  });

  it('marks required controls as required, and radios and the declaration invalid when in error', async () => {
    const asOf = '2019-11-04T09:00:00+01:00';
    await post('/test-api/clock', { now: asOf });
    const el = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="vitaal-platteland" now="${asOf}"></leerkring-signup>`);
    const required = (sel: string) => {
      const c = $<HTMLInputElement>(el, sel);
      return c.required || c.getAttribute('aria-required') === 'true';
    };
    for (const sel of ['#f-sessionId', '#f-participant-name', '#f-participant-email', '#f-participant-organisation', '#f-participant-organisationType', '#f-answers-gebied']) expect(required(sel), sel).to.equal(true);
    expect(required('#f-participant-role'), 'role is optional').to.equal(false);
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    for (const radio of el.shadowRoot!.querySelectorAll('input[name="sessionId"]')) expect(radio.getAttribute('aria-invalid')).to.equal('true');

    await post('/test-api/clock', { now: '2021-10-25T09:00:00+02:00' });
    const other = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="aardgasvrij-leerkring" now="2021-10-25T09:00:00+02:00"></leerkring-signup>`);
    const box = $<HTMLInputElement>(other, '#f-declarations-werkt-samen-met-initiatief');
    expect(box.required || box.getAttribute('aria-required') === 'true').to.equal(true);
    $<HTMLButtonElement>(other, 'button[type="submit"]').click();
    await other.updateComplete;
    expect(box.getAttribute('aria-invalid')).to.equal('true');
  });

  it('the accessibility tree says required and invalid, and descriptions keep their spaces', async () => {
    const asOf = '2021-10-25T09:00:00+02:00';
    await post('/test-api/clock', { now: asOf });
    const el = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="aardgasvrij-leerkring" now="${asOf}"></leerkring-signup>`);
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    type Node = { role: string; name: string; description?: string; required?: boolean; invalid?: string; children?: Node[] };
    const nodes: Node[] = [];
    const walk = (n: Node) => {
      nodes.push(n);
      n.children?.forEach(walk);
    };
    walk((await a11ySnapshot({})) as unknown as Node);
    const find = (role: string, name: string) => {
      const n = nodes.find((x) => x.role === role && x.name.startsWith(name));
      if (!n) throw new Error(`no ${role} "${name}" in the accessibility tree`);
      return n;
    };
    expect(find('textbox', 'Naam')).to.deep.include({ required: true, invalid: 'true' });
    // Chromium reports "required" in this tree for text fields only; the select's and checkbox's attributes are checked above.
    expect(find('combobox', 'Soort organisatie')).to.deep.include({ invalid: 'true' });
    expect(find('checkbox', 'Onze gemeente werkt al samen')).to.deep.include({ invalid: 'true' });
    const question = find('textbox', 'Met welk bewonersinitiatief');
    expect(question.description).to.contain('Waarom we dit vragen: Zo kunnen we het intakegesprek goed voorbereiden.');
  });

  it('makes no landmark of each month or of the privacy block', async () => {
    const asOf = '2019-11-04T09:00:00+01:00';
    await post('/test-api/clock', { now: asOf });
    const root = await fixture<HTMLElement>(
      `<leerkring-network api="" network-id="vitaal-platteland" now="${asOf}"><leerkring-agenda></leerkring-agenda><leerkring-signup></leerkring-signup></leerkring-network>`,
    );
    const agenda = root.querySelector('leerkring-agenda')!;
    const signup = root.querySelector('leerkring-signup')!;
    expect(agenda.shadowRoot!.querySelectorAll('.month-heading').length).to.be.above(0);
    for (const h of agenda.shadowRoot!.querySelectorAll('.month-heading')) {
      const group = h.parentElement!;
      expect(group.localName === 'section' && group.hasAttribute('aria-labelledby'), 'a month is a region').to.equal(false);
      expect(group.getAttribute('role')).to.not.equal('region');
    }
    const privacy = $(signup, '#privacy-heading').parentElement!;
    expect(privacy.localName === 'section' && privacy.hasAttribute('aria-labelledby'), 'the privacy block is a region').to.equal(false);
  });
});
