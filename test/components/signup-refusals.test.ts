// Refusals from the server that a person can put right at a field (issue 25, item 17): a wrong
// invitation code, one per organisation, an address registered already. They belong in the
// form's error summary, at their field, not on a screen of their own.
import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, expectAccessible, waitFor } from '../helpers/dom.js';
import { post, $, until, fill, submit, outcome } from '../helpers/form.js';

const nextFrame = () => new Promise((r) => setTimeout(r, 0));

const signup = (id: string, asOf: string) => `<leerkring-signup api="" network-id="${id}" now="${asOf}"></leerkring-signup>`;

describe('<leerkring-signup>', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
  });

  describe('refusals from the server at their field (issue 25, item 17)', () => {
    const asOf = '2030-04-01T09:00:00+02:00';
    const DOC = {
      id: 'weigeringen',
      kind: 'learning-circle',
      title: 'Leerkring met uitnodiging',
      summary: 'Test',
      organisers: [{ name: 'Gemeente Voorbeeld' }],
      contact: { name: 'Organisator (demo)', email: 'organisator@example.org' },
      sessions: [{ id: 'dag', title: 'Startdag', type: 'kick-off', start: '2030-05-01T10:00', end: '2030-05-01T16:00' }],
      registration: {
        mode: 'built-in',
        capacity: 20,
        maxPerOrganisation: 1,
        // The code is WELKOM-2030.
        invitation: { organisationTypes: ['citizen-initiative'], codes: [{ hash: 'sha256:976f87ddf2f79410329626d5100bacc9f6e0c82e191752c2ff093008563b8b75' }] },
        fields: { organisation: 'required', organisationType: 'required' },
      },
    };
    beforeEach(async () => {
      await post('/test-api/clock', { now: asOf });
      await fetch('/test-api/networks/weigeringen', { method: 'PUT', body: JSON.stringify(DOC) });
    });

    /** Fills the form and sends it; resolves once the server's answer is shown. */
    async function send(el: LeerkringSignup, values: Record<string, string>) {
      const { invitationCode, ...rest } = values;
      fill(el, rest);
      await el.updateComplete;
      if (invitationCode) fill(el, { invitationCode });
      await submit(el);
      await until(() => !!$(el, '#outcome-heading') || !!$(el, '.error-summary'), 'the answer from the server');
      await el.updateComplete;
      await nextFrame();
    }

    /** The summary's links and the field they point to: its error text, aria-invalid and description. */
    function atField(el: LeerkringSignup, id: string) {
      // Booleans and text only: chai's message for a failed element comparison takes minutes to build.
      expect($(el, '#outcome-heading')?.textContent ?? 'no separate screen').to.equal('no separate screen');
      const summary = $(el, '.error-summary');
      expect(el.shadowRoot!.activeElement === summary, 'the summary has focus').to.equal(true);
      const link = summary.querySelector<HTMLAnchorElement>(`a[href="#${id}"]`);
      expect(!!link, `a link to #${id} in the summary`).to.equal(true);
      const field = $<HTMLInputElement>(el, `#${id}`);
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.getAttribute('aria-describedby')).to.contain(`${id}-error`);
      expect($(el, `#${id}-error`).textContent).to.contain(link!.textContent!);
      return link!.textContent;
    }

    const initiative = { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Buurtkracht Oost', organisationType: 'citizen-initiative' };

    it('a wrong invitation code: in the summary, at the code field, marked invalid', async () => {
      const el = await fixture<LeerkringSignup>(signup('weigeringen', asOf));
      await send(el, { ...initiative, invitationCode: 'FOUT-1234' });
      expect(atField(el, 'f-invitationCode')).to.equal('Deze uitnodigingscode klopt niet.');
      expect($<HTMLInputElement>(el, '#f-invitationCode').value).to.equal('FOUT-1234');
      await expectAccessible(el);
      // Put right, it goes through.
      await send(el, { invitationCode: 'WELKOM-2030' });
      expect((await outcome(el)).textContent).to.equal('Je bent aangemeld');
    });

    it('one per organisation: in the summary, at the organisation field', async () => {
      const el = await fixture<LeerkringSignup>(signup('weigeringen', asOf));
      await send(el, { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Voorbeeld', organisationType: 'municipality' });
      const second = await fixture<LeerkringSignup>(signup('weigeringen', asOf));
      await send(second, { name: 'Noor Bakker', email: 'noor@example.org', organisation: 'Gemeente Voorbeeld', organisationType: 'municipality' });
      expect(atField(second, 'f-participant-organisation')).to.match(/Gemeente Voorbeeld|organisatie/);
      await expectAccessible(second);
    });

    it('a duplicate e-mail address: in the summary at the e-mail field, with the way to the manage link', async () => {
      const el = await fixture<LeerkringSignup>(signup('weigeringen', asOf));
      await send(el, { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Voorbeeld', organisationType: 'municipality' });
      const second = await fixture<LeerkringSignup>(signup('weigeringen', asOf));
      await send(second, { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Anders', organisationType: 'municipality' });
      expect(atField(second, 'f-participant-email')).to.equal('Met dit e-mailadres ben je al aangemeld.');
      await expectAccessible(second);
      const ask = [...$(second, '.error-summary').querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Stuur mij een nieuwe link');
      expect(!!ask, 'the "send me my manage link" action').to.equal(true);
      ask!.click();
      const sent = await waitFor(() => [...second.shadowRoot!.querySelectorAll('[role="status"]')].find((x) => /Als sam@example.org bij ons bekend is/.test(x.textContent!)), 'the link is on its way');
      expect(sent.textContent).to.contain('krijg je binnen een paar minuten een e-mail met een nieuwe link');
      await expectAccessible(second);
    });
  });

});
