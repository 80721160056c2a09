// Issue 23: Frisian. A page in Frisian (lang="fy") gets the agenda, the form and the manage page
// in Frisian, loaded only then; a Frisian network on a Dutch page keeps its own words marked fy.
import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, expectAccessible, shadowText, inline, waitFor } from '../helpers/dom.js';
import { post, $, until, fill } from '../helpers/form.js';
import { FRISIAN_NETWORK } from '../helpers/frisian.js';
import { formMessages, loadFormMessages, loadManageMessages, loadMessages, manageMessages, messages } from '../../src/core/lean.js';
import { joinsMessages } from '../../src/core/i18n/joins.js';

const doc = FRISIAN_NETWORK;
const asOf = '2030-01-10T10:00:00+01:00';
const SAME = new Set(['Gemeente', 'Workshop', 'Online', 'Google Agenda', 'Outlook', 'Alle', 'Programma', 'E-mailadres', 'Status', 'Datum', 'Ja', 'Nee', 'Kies…', 'Fol', 'Kosten', 'Adres']);

/** The language a node is read in: the nearest lang, across the shadow boundary. */
function langOf(node: Node): string {
  let n: Node | null = node;
  while (n) {
    if (n instanceof Element && n.hasAttribute('lang')) return n.getAttribute('lang')!;
    n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null);
  }
  return '';
}

describe('Frisian', () => {
  // Every catalogue a Frisian page's elements read words from (the series-choice words are a
  // catalogue of their own, loaded apart, so they were missed when this listed only three).
  it('has every text the Dutch catalogues have, none empty (agenda, form, manage page, series choices)', async () => {
    await Promise.all([loadMessages('fy'), loadFormMessages('fy'), loadManageMessages('fy')]);
    const walk = (a: any, b: any, path: string) => {
      expect(Object.keys(b ?? {}).sort(), path).to.deep.equal(Object.keys(a).sort());
      for (const k of Object.keys(a)) {
        if (typeof a[k] === 'object') walk(a[k], b[k], `${path}.${k}`);
        else if (typeof a[k] === 'string' && a[k]) {
          expect(b[k], `${path}.${k}`).to.be.a('string').and.not.equal('');
          // Words Frisian shares with Dutch; anything else still in Dutch is a missing translation.
          if (!SAME.has(a[k])) expect(b[k], `${path}.${k}`).not.to.equal(a[k]);
        }
      }
    };
    walk(messages('nl'), messages('fy'), 'messages');
    walk(formMessages('nl'), formMessages('fy'), 'form');
    walk(manageMessages('nl'), manageMessages('fy'), 'manage');
    walk(joinsMessages('nl'), joinsMessages('fy'), 'joins');
    expect(joinsMessages('fy').alsoComing('X')).not.to.equal(joinsMessages('nl').alsoComing('X'));
  });

  it('a Frisian form marks an error "Flater:", not "Fout:"', async () => {
    const el = await fixture<LeerkringSignup>(`<leerkring-signup now="${asOf}">${inline(doc)}</leerkring-signup>`, { lang: 'fy' });
    await waitFor(() => el.shadowRoot!.querySelector('form') && shadowText(el).includes('Namme'), 'the Frisian form');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    const error = await waitFor(() => el.shadowRoot!.querySelector('.error .visually-hidden'), 'an error');
    expect(error.textContent).to.equal('Flater:');
  });

  it('a Frisian page shows the agenda in Frisian', async () => {
    const el = await fixture(`<leerkring-agenda now="${asOf}">${inline(doc)}</leerkring-agenda>`, { lang: 'fy' });
    await waitFor(() => shadowText(el).includes('Kommende gearkomsten'), 'the Frisian agenda');
    expect(shadowText(el).toLowerCase()).to.contain('moandei 27 maaie 2030');
    await expectAccessible(el);
  });

  it('a Frisian page shows the form in Frisian: Namme, E-mailadres, Oanmelde', async () => {
    const el = await fixture<LeerkringSignup>(`<leerkring-signup now="${asOf}">${inline(doc)}</leerkring-signup>`, { lang: 'fy' });
    await waitFor(() => el.shadowRoot!.querySelector('form') && shadowText(el).includes('Namme'), 'the Frisian form');
    const text = shadowText(el);
    for (const word of ['Namme', 'E-mailadres', 'Oanmelde']) expect(text).to.contain(word);
    expect(text).not.to.contain('Aanmelden');
    await expectAccessible(el);
  });

  it('a Frisian network on a Dutch page: its own words are marked lang="fy", ours are Dutch', async () => {
    const el = await fixture(`<leerkring-agenda now="${asOf}">${inline(doc)}</leerkring-agenda>`);
    const title = await waitFor(() => el.shadowRoot!.querySelector('.title'), 'the session title');
    expect(title.textContent).to.contain('Twadaagse op Skylge');
    expect(langOf(title)).to.equal('fy');
    expect(shadowText(el)).to.contain('Komende bijeenkomsten');
  });

  describe('through the reference server', () => {
    beforeEach(async () => {
      await post('/test-api/reset');
      await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) });
    });

    it('registers from a Frisian form: "Jo binne oanmeld", and the manage page speaks Frisian', async () => {
      const el = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="waddenwurkpleats" now="${asOf}"></leerkring-signup>`, { lang: 'fy' });
      await until(() => !!el.shadowRoot!.querySelector('form') && shadowText(el).includes('Namme'), 'the Frisian form');
      fill(el, { name: 'Anna de Boer', email: 'anna@example.org' });
      $<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await until(() => !!$(el, '#outcome-heading'), 'the outcome');
      expect($(el, '#outcome-heading').textContent).to.equal('Jo binne oanmeld');
      const regs = (await (await fetch('/test-api/registrations')).json()) as { manageToken?: string }[];
      expect(regs).to.have.length(1);
      const { formToken } = await (await fetch('/api/networks/waddenwurkpleats/form-token')).json();
      const made = await (await fetch('/api/networks/waddenwurkpleats/registrations', { method: 'POST', body: JSON.stringify({ locale: 'fy', participant: { name: 'Pieter Visser', email: 'pieter@example.org' }, formToken }) })).json();
      // The token travels after "#", as in the link from the e-mail.
      location.hash = `token=${made.manageToken}`;
      const manage = await fixture(`<leerkring-manage api="" now="${asOf}"></leerkring-manage>`, { lang: 'fy' });
      await until(() => !!manage.shadowRoot?.querySelector('#cancel'), 'the manage page');
      history.replaceState(null, '', location.pathname + location.search);
      const text = shadowText(manage);
      expect(text).to.contain('Jo oanmelding').and.contain('Netwurk').and.contain('Status Oanmeld');
      const title = [...manage.shadowRoot!.querySelectorAll('dd')].find((d) => d.textContent === 'Wurkpleats Waddeneilannen');
      expect(title, 'the network title').to.exist;
      expect($(manage, '#cancel').textContent?.trim()).to.equal('Ôfmelde');
      await expectAccessible(manage);
    });
  });
});
