// Issue 23 (real networks): when the form's rarer parts (price, choices, reserved places;
// src/components/signup/extras.ts) cannot load, the form sends nothing and says so, with the one
// way that works: Chromium keeps a module that failed to load as failed until the page is loaded
// again. A file of its own: the failure stays for the whole page.
import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup } from '../../src/components/index.js';
import { expectAccessible } from '../helpers/dom.js';
import { post, $, until, fill } from '../helpers/form.js';
import { priced, registrations } from '../helpers/parts.js';

describe('<leerkring-signup>: its own parts could not load (issue 23)', () => {
  before(async () => {
    await post('/test-api/reset');
    expect((await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(priced) })).status).to.equal(204);
    await post('/test-api/extras', { mode: 'fail' });
  });
  after(() => post('/test-api/extras', { mode: 'load' }));

  it('sends nothing, says so in plain words with the way out (reload), focused; pressing again sends nothing either', async () => {
    const container = document.createElement('div');
    container.setAttribute('lang', 'nl');
    container.innerHTML = '<leerkring-signup api="" network-id="met-prijs" now="2030-01-10T10:00:00+01:00"></leerkring-signup>';
    document.body.append(container);
    const el = container.firstElementChild as LeerkringSignup;
    try {
      await until(() => !!el.shadowRoot?.querySelector('form button[type="submit"]'), 'the form');
      fill(el, { name: 'Noor Netloos', email: 'noor@example.org', organisation: 'Adviesbureau Voorbeeld', organisationType: 'business' });
      const said = 'Een deel van dit formulier kon niet worden geladen, zoals de prijs of de keuzes. Je aanmelding is niet verstuurd. Laad de pagina opnieuw en probeer het dan nog een keer.';
      let before: Element | null = null;
      for (const press of ['first', 'second']) {
        const button = $<HTMLButtonElement>(el, 'button[type="submit"]');
        button.focus();
        button.click();
        // Said anew (a new alert) on each press.
        await until(() => !!$(el, '#parts-message') && $(el, '#parts-message') !== before, `the message after the ${press} press`);
        const message = $(el, '#parts-message');
        expect(message.textContent!.replace(/\s+/g, ' ').trim()).to.equal(said);
        expect(message.getAttribute('role')).to.equal('alert');
        await until(() => el.shadowRoot!.activeElement === message, `focus on the message after the ${press} press`);
        expect($(el, 'form [part="status"]').textContent!.trim(), 'no longer busy').to.equal('');
        expect(await registrations(), `nothing sent after the ${press} press`).to.deep.equal([]);
        before = message;
      }
      await expectAccessible(el);
    } finally {
      container.remove();
    }
  });
});
