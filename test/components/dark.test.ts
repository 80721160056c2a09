// Colours on a host page with a dark theme (issue 12, item 6): the elements take the host's
// tokens where it gives them, and keep AA contrast in both schemes where it gives none.
import { expect } from '@esm-bundle/chai';
import { fixture, expectAccessible, settle } from '../helpers/dom.js';
import { post, $, until } from '../helpers/form.js';

const asOf = '2019-11-04T09:00:00+01:00';
const page = `<leerkring-network api="" network-id="vitaal-platteland" now="${asOf}">
  <leerkring-agenda heading-level="2"></leerkring-agenda>
  <leerkring-signup heading-level="2"></leerkring-signup>
</leerkring-network>`;

/** A page region styled as a dark site: its own background and text, `color-scheme: dark`, and optionally its own tokens. */
function darkHost(tokens: Record<string, string> = {}): () => void {
  const root = document.documentElement;
  const before = root.getAttribute('style');
  root.style.colorScheme = 'dark';
  root.style.background = '#121212';
  root.style.color = '#ececec';
  document.body.style.background = '#121212';
  for (const [k, v] of Object.entries({ '--utrecht-document-color': '#ececec', ...tokens })) root.style.setProperty(k, v);
  return () => {
    if (before === null) root.removeAttribute('style');
    else root.setAttribute('style', before);
    document.body.removeAttribute('style');
  };
}

describe('on a dark host page', () => {
  let restore: () => void;
  beforeEach(() => post('/test-api/reset').then(() => post('/test-api/clock', { now: asOf })));
  afterEach(() => restore());

  for (const [name, tokens] of [
    ['without tokens of its own', {}],
    ['with its own link and focus colours', { '--utrecht-link-color': '#9ecbff', '--utrecht-focus-outline-color': '#ffffff' }],
  ] as const) {
    it(`${name}: agenda, form and its errors pass axe's contrast checks`, async () => {
      restore = darkHost(tokens);
      const el = await fixture<HTMLElement>(page);
      await settle(el);
      const signup = el.querySelector('leerkring-signup')!;
      await until(() => !!signup.shadowRoot?.querySelector('form'), 'the form');
      await expectAccessible(el);
      $<HTMLButtonElement>(signup, 'button[type="submit"]').click();
      await until(() => !!signup.shadowRoot!.querySelector('[part="error-summary"]'), 'the error summary');
      await expectAccessible(el);
      // The host's own accent is used where it gives one.
      const accent = getComputedStyle($(signup, 'button[type="submit"]')).borderTopColor;
      expect(accent).to.equal('--utrecht-link-color' in tokens ? 'rgb(158, 203, 255)' : 'rgb(140, 200, 240)');
    });
  }

  it('the manage page and its field error pass too', async () => {
    restore = darkHost();
    const el = await fixture<HTMLElement>('<leerkring-manage api=""></leerkring-manage>');
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the new-link form');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => !!el.shadowRoot!.querySelector('#new-link-error'), 'the field error');
    await expectAccessible(el);
  });
});
