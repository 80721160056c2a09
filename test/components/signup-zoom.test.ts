// At 200% text the error summary can be taller than the screen. When it takes focus its start
// (the heading "Er ging iets mis" and the first problem) must be in view, not scrolled above it
// (issue 25, item 18).
import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture } from '../helpers/dom.js';
import { post, $, until } from '../helpers/form.js';

describe('<leerkring-signup>', () => {
  describe('accessibility: the error summary at 200% text', () => {
    const asOf = '2021-10-25T09:00:00+02:00';
    beforeEach(async () => {
      await post('/test-api/reset');
      await post('/test-api/clock', { now: asOf });
      await setViewport({ width: 375, height: 560 });
      document.documentElement.style.setProperty('font-size', '200%');
    });
    afterEach(async () => {
      document.documentElement.style.removeProperty('font-size');
      await setViewport({ width: 800, height: 600 });
    });

    it('shows the start of the summary when it takes focus, also when it is taller than the screen', async () => {
      // Content above the form, as on a real page, so that the form starts below the fold.
      const before = document.createElement('div');
      before.style.blockSize = '1500px';
      document.body.prepend(before);
      try {
        const el = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="aardgasvrij-leerkring" now="${asOf}"></leerkring-signup>`);
        $<HTMLButtonElement>(el, 'button[type="submit"]').click();
        await until(() => el.shadowRoot!.activeElement?.id === 'error-summary', 'the summary to take focus');
        await new Promise(requestAnimationFrame);
        const box = $(el, '#error-summary').getBoundingClientRect();
        expect(box.height, 'the summary is taller than the screen (else this proves nothing)').to.be.greaterThan(innerHeight);
        expect(Math.round(box.top), 'the top of the summary is in view').to.be.within(0, innerHeight - 40);
      } finally {
        before.remove();
      }
    });
  });
});
