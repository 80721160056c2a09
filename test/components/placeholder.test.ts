import { expect } from '@esm-bundle/chai';
import { upgradeFallbacks } from '../../src/components/index.js';
import { placeholderAttributes, type PlaceholderKind } from '../../src/components/upgrade.js';
import { settle, warnings } from '../helpers/dom.js';

// A CMS lets editors without script rights write any data-* attribute. Nothing they write there
// may become script, a style, or a focus trap on the page.

const PWNED = '__leerkringPwned';
const pwned = () => (window as unknown as Record<string, unknown>)[PWNED];
const SET = `window.${PWNED}=1`;

const doc = {
  id: 'plaatshouder',
  kind: 'learning-circle',
  title: 'Plaatshouder-netwerk',
  summary: 'Voor tests.',
  organisers: [{ name: 'Gemeente Voorbeeld', type: 'municipality' }],
  sessions: [{ id: 'een', title: 'Eerste bijeenkomst', type: 'kick-off', start: '2030-05-01T10:00', end: '2030-05-01T12:00' }],
  registration: { mode: 'built-in', scope: 'session', capacity: 5 },
};

const containers: HTMLElement[] = [];
afterEach(() => {
  while (containers.length) containers.pop()!.remove();
});

/** Pastes markup as a CMS would (the HTML parser decodes entities), upgrades it, and waits for the elements. */
async function paste(markup: string): Promise<HTMLElement> {
  const container = document.createElement('div');
  container.innerHTML = markup;
  document.body.append(container);
  containers.push(container);
  expect(upgradeFallbacks(container)).to.equal(1);
  await settle(container);
  return container.querySelector<HTMLElement>('[data-leerkring] > *:not(noscript)')!;
}

/** Every link in the element's shadow DOM whose scheme, as the browser reads it, is not http(s) (or webcal: for the agenda's own feed). */
function scriptLinks(el: Element): string[] {
  const feed = (a: HTMLAnchorElement) => a.protocol === 'webcal:' && a.closest('[part="subscribe"]') && a.pathname.endsWith('/calendar.ics');
  return [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[href]')].filter((a) => !['http:', 'https:', 'mailto:'].includes(a.protocol) && !feed(a)).map((a) => a.getAttribute('href')!);
}


describe('data-leerkring placeholders', () => {
  beforeEach(async () => {
    delete (window as unknown as Record<string, unknown>)[PWNED];
    await fetch('/test-api/reset', { method: 'POST' });
    const res = await fetch('/test-api/networks/plaatshouder', { method: 'PUT', body: JSON.stringify(doc) });
    expect(res.status).to.equal(204);
  });

  it('allows exactly the attributes custom-elements.json documents for each element', async () => {
    const manifest = await (await fetch('/custom-elements.json')).json();
    const documented = new Map<string, string[]>();
    for (const mod of manifest.modules) for (const d of mod.declarations ?? []) if (d.customElement) documented.set(d.tagName, (d.attributes ?? []).map((a: { name: string }) => a.name).sort());
    for (const kind of ['network', 'agenda', 'signup'] as PlaceholderKind[]) {
      expect([...placeholderAttributes(kind)].sort(), kind).to.deep.equal(documented.get(`leerkring-${kind}`));
    }
  });

  it('copies the documented attributes', async () => {
    const el = await paste(
      '<div data-leerkring="agenda" data-api="" data-network-id="plaatshouder" data-heading-level="3" data-places="coarse" data-signup-href="#aanmelden" data-session-link="/agenda/{id}"></div>',
    );
    expect(el.localName).to.equal('leerkring-agenda');
    expect(Object.fromEntries(el.getAttributeNames().map((n) => [n, el.getAttribute(n)]))).to.deep.equal({
      api: '',
      'network-id': 'plaatshouder',
      'heading-level': '3',
      places: 'coarse',
      'signup-href': '#aanmelden',
      'session-link': '/agenda/{id}',
    });
    expect(el.shadowRoot!.querySelector('[part="title"] a')!.getAttribute('href')).to.equal('/agenda/een');
    expect(el.shadowRoot!.querySelector('a.button')!.getAttribute('href')).to.equal('#aanmelden');
  });

  it('never copies event handlers, style, focus or identity attributes, and no script runs', async () => {
    const el = await paste(
      `<div data-leerkring="agenda" data-api="" data-network-id="plaatshouder" data-tabindex="0" data-autofocus
        data-onfocus="${SET}" data-onclick="${SET}" data-onmouseover="${SET}" data-onanimationstart="${SET}"
        data-style="position:fixed;inset:0;z-index:2147483647;background:red" data-id="overlay" data-class="x" data-slot="y"
        data-is="z" data-hidden data-contenteditable="true" data-popover="manual" data-accesskey="a" data-part="p" data-exportparts="e"></div>`,
    );
    expect(el.getAttributeNames().sort()).to.deep.equal(['api', 'network-id']);
    el.focus();
    el.dispatchEvent(new FocusEvent('focus'));
    el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    el.click();
    expect(document.activeElement).to.not.equal(el);
    expect(pwned()).to.equal(undefined);
    expect(getComputedStyle(el).position).to.equal('static');
  });

  // The browser decodes "&#9;" to a tab, which it drops again when it reads the scheme.
  for (const value of [`javascript:${SET}`, ` javascript:${SET}`, `JAVASCRIPT:${SET}`, `java&#9;script:${SET}`, `java&#10;script:${SET}`, `&#1;javascript:${SET}`, `data:text/html,&lt;script&gt;${SET}&lt;/script&gt;`, 'vbscript:msgbox(1)']) {
    it(`leaves out signup-href and session-link "${value}", and says so`, async () => {
      let el!: HTMLElement;
      const said = await warnings(async () => {
        el = await paste(`<div data-leerkring="agenda" data-api="" data-network-id="plaatshouder" data-signup-href="${value}" data-session-link="${value}"></div>`);
      });
      expect(el.hasAttribute('signup-href')).to.equal(false);
      expect(el.hasAttribute('session-link')).to.equal(false);
      expect(scriptLinks(el)).to.deep.equal([]);
      // Registering still works: the element's own button instead of the refused link.
      expect(el.shadowRoot!.querySelector('button.button')!.textContent).to.equal('Aanmelden voor Eerste bijeenkomst');
      expect(said.some((w) => w.includes('data-signup-href'))).to.equal(true);
      expect(said.some((w) => w.includes('data-session-link'))).to.equal(true);
      // The warning names the attribute, never what was in it.
      expect(said.join(' ')).to.not.contain('script:');
      // Click every link that could run something; an http(s) or webcal link (the agenda's feed)
      // would navigate the test page itself away.
      for (const a of el.shadowRoot!.querySelectorAll('a')) if (!['http:', 'https:', 'webcal:'].includes(a.protocol)) a.click();
      expect(pwned()).to.equal(undefined);
    });
  }

  it('leaves out a src or api that is not http(s) or relative', async () => {
    const said = await warnings(async () => {
      const container = document.createElement('div');
      container.innerHTML = `<div data-leerkring="network" data-src="javascript:${SET}" data-api="data:application/json,{}" data-network-id="plaatshouder"></div>`;
      document.body.append(container);
      containers.push(container);
      upgradeFallbacks(container);
      const el = container.querySelector('leerkring-network')!;
      expect(el.getAttributeNames()).to.deep.equal(['network-id']);
    });
    expect(said.filter((w) => /data-(src|api)\b/.test(w))).to.have.length(2);
  });
});
