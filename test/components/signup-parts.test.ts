// Issue 23 (real networks): the form loads its rarer parts (price, choices, reserved places, a long
// list of sessions; src/components/signup/extras.ts) on demand. A press on "Aanmelden" before they
// came sends nothing the person has not seen: the form waits for them (busy, so a second click
// does nothing), shows what they add and sends only when they add nothing to see. The reference
// server holds or fails the chunk on request (POST /test-api/extras). Each file holds them once:
// once they came, a page has them.
import { expect } from '@esm-bundle/chai';
import { post, $, until, fill } from '../helpers/form.js';
import { formWhileHeld, registrations, status, twoSessions } from '../helpers/parts.js';

describe('<leerkring-signup>: sending before its own parts came (issue 23)', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
  });
  afterEach(() => post('/test-api/extras', { mode: 'load' }));

  it('a double click while the parts load is busy at once and registers exactly once, when the parts add nothing to see', async () => {
    expect((await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(twoSessions) })).status).to.equal(204);
    await post('/test-api/extras', { mode: 'hold' });
    const { el, done } = await formWhileHeld('twee-plekken');
    try {
      $<HTMLInputElement>(el, 'input[name="sessionId"][value="assen"]').click();
      fill(el, { name: 'Dirk Dubbel', email: 'dirk@example.org', organisation: 'Gemeente Assen', organisationType: 'municipality' });
      const button = $<HTMLButtonElement>(el, 'button[type="submit"]');
      button.click();
      button.click();
      await until(() => status(el) === 'Je aanmelding wordt verstuurd…', `busy at once, got "${status(el)}"`);
      const released = (await (await post('/test-api/extras', { mode: 'load' })).json()) as { postedWhileHeld: number };
      expect(released.postedWhileHeld, 'registrations sent before the parts came').to.equal(0);
      await until(() => !!$(el, '#outcome-heading'), 'the outcome');
      const regs = await registrations();
      expect(regs.map((r) => r.participant.name).join(', ')).to.equal('Dirk Dubbel');
      expect(regs[0]!.sessionId).to.equal('assen');
    } finally {
      done();
    }
  });
});
