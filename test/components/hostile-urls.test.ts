import { expect } from '@esm-bundle/chai';
import type { LeerkringAgenda, LeerkringSignup } from '../../src/components/index.js';
import { fixture, inline, shadowText, warnings, jsonLdOf, waitFor } from '../helpers/dom.js';

// A registration API is a server the page trusts only as far as its data goes: a hostile or
// broken one (a `data-api` an editor typed, a compromised host) can send any JSON. These
// responses are files served over HTTP as they are, without the schema a real server applies.
const HOSTILE_API = '/test/components/fixtures/hostile-api';
const NOW = '2030-04-01T09:00:00Z';

const PWNED = '__leerkringPwned';
const pwned = () => (window as unknown as Record<string, unknown>)[PWNED];

/** Every link in the shadow DOM, as the browser reads it: scheme and the href as written. */
function links(el: Element): { protocol: string; href: string; text: string }[] {
  // The agenda's subscribe links are built from the api attribute, not from what the API sends.
  return [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[href]:not([part="subscribe"] a)')].map((a) => ({ protocol: a.protocol, href: a.getAttribute('href')!, text: a.textContent!.trim() }));
}

function expectNoScriptLinks(el: Element): void {
  const bad = links(el).filter((l) => !['http:', 'https:', 'mailto:'].includes(l.protocol) || /bcc=|cc=/i.test(l.href));
  expect(bad).to.deep.equal([]);
  // And clicking what is there runs nothing.
  for (const a of el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[href^="javascript:" i]')) a.click();
  expect(pwned()).to.equal(undefined);
}


describe('URLs from a hostile registration API', () => {
  beforeEach(() => {
    delete (window as unknown as Record<string, unknown>)[PWNED];
  });

  describe('<leerkring-agenda>', () => {
    it('renders no script link for registration.url or resource urls; titles stay as text', async () => {
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda api="${HOSTILE_API}" network-id="external.json" now="${NOW}"></leerkring-agenda>`);
      expect(shadowText(el)).to.contain('Eerste bijeenkomst');
      expectNoScriptLinks(el);
      for (const title of ['Verslag', 'Video', 'Publicatie', 'Werkplaats']) expect(shadowText(el)).to.contain(title);
      // The safe resource link is still a link.
      expect(links(el).map((l) => l.text)).to.deep.equal(['Nieuws']);
      // What search engines read is not a script URL either.
      const jsonLd = await jsonLdOf(el);
      expect(jsonLd.url).to.match(/^https?:/);
    });

    it('offers no mailto that smuggles in another recipient', async () => {
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda api="${HOSTILE_API}" network-id="email.json" now="${NOW}"></leerkring-agenda>`);
      expect(shadowText(el)).to.contain('Eerste bijeenkomst');
      expectNoScriptLinks(el);
    });
  });

  describe('<leerkring-signup>', () => {
    it('renders no script link for an external registration.url', async () => {
      const el = await fixture<LeerkringSignup>(`<leerkring-signup api="${HOSTILE_API}" network-id="external.json" now="${NOW}"></leerkring-signup>`);
      expect(el.shadowRoot!.querySelector('#outcome-heading')!.textContent).to.equal('Aanmelden');
      expectNoScriptLinks(el);
    });

    it('renders no script link for the privacy statement or the contact', async () => {
      const el = await fixture<LeerkringSignup>(`<leerkring-signup api="${HOSTILE_API}" network-id="built-in.json" now="${NOW}"></leerkring-signup>`);
      expect(el.shadowRoot!.querySelector('form')).to.not.equal(null);
      expect(shadowText(el)).to.contain('Gemeente Voorbeeld');
      expectNoScriptLinks(el);
    });

    it('offers no mailto that smuggles in another recipient', async () => {
      const el = await fixture<LeerkringSignup>(`<leerkring-signup api="${HOSTILE_API}" network-id="email.json" now="${NOW}"></leerkring-signup>`);
      expect(shadowText(el)).to.contain('Het secretariaat');
      expectNoScriptLinks(el);
    });
  });
});

describe('URL attributes set on the element itself', () => {
  const doc = {
    id: 'attributen',
    kind: 'learning-circle',
    title: 'Attributen',
    summary: 'Voor tests.',
    organisers: [{ name: 'Gemeente Voorbeeld', type: 'municipality' }],
    sessions: [{ id: 'een', title: 'Eerste bijeenkomst', type: 'kick-off', start: '2030-05-01T10:00', end: '2030-05-01T12:00' }],
    registration: { mode: 'built-in', scope: 'session' },
  };

  beforeEach(() => {
    delete (window as unknown as Record<string, unknown>)[PWNED];
  });

  for (const value of ['javascript:window.__leerkringPwned=1', ' JavaScript:window.__leerkringPwned=1', 'java\tscript:window.__leerkringPwned=1', 'data:text/html,x']) {
    it(`agenda: signup-href and session-link ${JSON.stringify(value)} give no link, with a warning that names the attribute`, async () => {
      let el!: LeerkringAgenda;
      const said = await warnings(async () => {
        el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="${NOW}">${inline(doc)}</leerkring-agenda>`);
        el.setAttribute('signup-href', value);
        el.setAttribute('session-link', value);
        await el.updateComplete;
      });
      expectNoScriptLinks(el);
      expect(el.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal('Eerste bijeenkomst');
      expect(el.shadowRoot!.querySelector('button.button')!.textContent).to.equal('Aanmelden voor Eerste bijeenkomst');
      expect(said.some((w) => w.includes('signup-href'))).to.equal(true);
      expect(said.some((w) => w.includes('session-link'))).to.equal(true);
      expect(said.join(' ')).to.not.contain('script:');
    });
  }

  it('agenda: a safe session-link and signup-href still link', async () => {
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="${NOW}" session-link="https://www.example.org/agenda/{id}" signup-href="#aanmelden">${inline(doc)}</leerkring-agenda>`);
    expect(links(el).map((l) => l.href)).to.deep.equal(['https://www.example.org/agenda/een', '#aanmelden']);
  });

  for (const tag of ['leerkring-agenda', 'leerkring-signup', 'leerkring-network']) {
    it(`${tag}: a src that is not http(s) or relative is not loaded`, async () => {
      // A data: URL would be fetched and shown as if the site had published it.
      const data = `data:application/json,${encodeURIComponent(JSON.stringify(doc))}`;
      let el!: HTMLElement;
      const said = await warnings(async () => {
        el = await fixture<HTMLElement>(`<${tag} src="${data}"></${tag}>`);
      });
      // The error's code is a chunk of its own, loaded when an element first meets one.
      const alert = await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the load error');
      expect(alert.textContent).to.contain('kon niet worden geladen');
      expect(shadowText(el)).to.not.contain('Eerste bijeenkomst');
      expect(said.some((w) => w.includes('src'))).to.equal(true);
      expect(said.join(' ')).to.not.contain('data:');
    });
  }

  it('an api that is not http(s) or relative is not called', async () => {
    let el!: HTMLElement;
    const said = await warnings(async () => {
      el = await fixture<HTMLElement>(`<leerkring-agenda api="javascript:void%200//" network-id="attributen"></leerkring-agenda>`);
    });
    await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the load error');
    expect(said.some((w) => w.includes('api'))).to.equal(true);
  });
});
