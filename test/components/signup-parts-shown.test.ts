// Issue 23 (real networks): parts of the form that came after the press on "Aanmelden" and show
// something (here the price) are shown, and nothing is sent until the person presses again. Its
// own file: once the parts came, a page has them (see signup-parts.test.ts).
import { expect } from '@esm-bundle/chai';
import { expectAccessible } from '../helpers/dom.js';
import { post, $, until, fill } from '../helpers/form.js';
import { formWhileHeld, priced, registrations, status } from '../helpers/parts.js';

describe('<leerkring-signup>: its own parts came after the press (issue 23)', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
  });
  afterEach(() => post('/test-api/extras', { mode: 'load' }));

  it('shows the price that came after the press and sends nothing until the person presses again; updateComplete waits for the parts', async () => {
    expect((await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(priced) })).status).to.equal(204);
    await post('/test-api/extras', { mode: 'hold' });
    const { el, done } = await formWhileHeld('met-prijs');
    try {
      fill(el, { name: 'Pia Prijs', email: 'pia@example.org', organisation: 'Adviesbureau Voorbeeld', organisationType: 'business' });
      $<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await until(() => status(el) === 'Je aanmelding wordt verstuurd…', `busy, got "${status(el)}"`);
      let ready = false;
      const readySignal = el.updateComplete.then(() => {
        ready = !!$(el, '[part="price"]');
      });
      const released = (await (await post('/test-api/extras', { mode: 'load' })).json()) as { postedWhileHeld: number };
      expect(released.postedWhileHeld, 'registrations sent before the parts came').to.equal(0);
      await readySignal;
      expect(ready, 'updateComplete resolves with the price shown').to.equal(true);
      await until(() => !!$(el, '#parts-message'), 'the message about what came');
      const message = $(el, '#parts-message');
      expect(message.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'Er staat nu meer in het formulier, zoals de prijs of keuzes. Je aanmelding is nog niet verstuurd. Lees het en klik dan opnieuw op de knop onderaan.',
      );
      await until(() => el.shadowRoot!.activeElement === message, 'focus on the message');
      expect(status(el)).to.equal('');
      expect(await registrations(), 'not sent without the price seen').to.deep.equal([]);
      await expectAccessible(el);
      $<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await until(() => !!$(el, '#outcome-heading'), 'the outcome');
      expect((await registrations()).map((r) => r.participant.name).join(', ')).to.equal('Pia Prijs');
    } finally {
      done();
    }
  });
});
