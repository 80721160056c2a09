import { expect } from '@esm-bundle/chai';
import type { LeerkringCatalogue } from '../../src/components/index.js';
import { fixture, expectAccessible, waitFor } from '../helpers/dom.js';

const KINDS = ['learning-network', 'learning-circle', 'community-of-practice', 'intervision', 'workshop'];
const extra = (i: number) => ({
  id: `netwerk-${i}`,
  kind: KINDS[i % KINDS.length],
  title: `Netwerk ${i}`,
  summary: `Netwerk nummer ${i}, voor tests.`,
  organisers: [{ name: 'Provincie Voorbeeld', type: 'province' }],
  audience: { organisationTypes: i % 3 === 0 ? ['political-party', 'party-branch'] : ['municipality'] },
  themes: [i % 2 ? 'Energie' : 'Wonen'],
  sessions: [
    { id: 'later', title: 'Latere bijeenkomst', type: 'plenary', start: `2031-0${(i % 9) + 1}-10T19:30` },
    { id: 'eerst', title: 'Eerste bijeenkomst', type: 'kick-off', start: `2030-0${(i % 9) + 1}-10T19:30` },
    { id: 'geweest', title: 'Geweest', type: 'info', start: '2020-01-10T19:30' },
  ],
  registration: { mode: 'built-in', capacity: 10 },
});

async function cards(el: LeerkringCatalogue) {
  await el.updateComplete;
  return [...el.shadowRoot!.querySelectorAll('[part="card"]')];
}

async function choose(el: LeerkringCatalogue, id: string, value: string) {
  const select = el.shadowRoot!.getElementById(id) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

describe('<leerkring-catalogue>', () => {
  beforeEach(async () => {
    await fetch('/test-api/reset', { method: 'POST' });
    await fetch('/test-api/clock', { method: 'POST', body: JSON.stringify({ now: '2026-11-23T10:00:00Z' }) });
  });

  describe('default values', () => {
    it('has heading level 2 and automatic filters', () => {
      const el = document.createElement('leerkring-catalogue') as LeerkringCatalogue;
      expect(el.headingLevel).to.equal(2);
      expect(el.filters).to.equal('auto');
    });
  });

  describe('rendering, against the real server', () => {
    it('in English, marks each network\'s own words (title, summary) as Dutch and keeps the English UI outside lang="nl" (issue 25, item 16)', async () => {
      // One document that says its language, one that leaves it to the default (Dutch).
      for (const doc of [{ ...extra(1), language: 'nl' }, extra(2)]) expect((await fetch(`/test-api/networks/${doc.id}`, { method: 'PUT', body: JSON.stringify(doc) })).status).to.equal(204);
      const el = await fixture<LeerkringCatalogue>('<leerkring-catalogue api=""></leerkring-catalogue>', { lang: 'en' });
      await el.loadComplete;
      // The English texts are a chunk of their own: the cards come when it is there.
      const list = await waitFor(() => {
        const found = [...el.shadowRoot!.querySelectorAll('[part="card"]')];
        return found.length ? found : undefined;
      }, 'the cards in English');
      const langOf = (node: Element) => node.closest('[lang]')?.getAttribute('lang') ?? 'en';
      for (const card of list) {
        const title = card.querySelector('[part="title"]')!;
        expect(langOf(title), title.textContent!).to.equal('nl');
        expect(langOf(card.querySelector('.kind + p')!), 'the summary').to.equal('nl');
        for (const ui of card.querySelectorAll('.kind, .next, [part="availability"]')) expect(langOf(ui), `"${ui.textContent}" in ${title.textContent}`).to.equal('en');
      }
      await expectAccessible(el);
    });

    it('shows twenty networks as cards with kind, audience, next session, places and a link, and filters them', async () => {
      for (let i = 1; i <= 15; i++) {
        const res = await fetch(`/test-api/networks/netwerk-${i}`, { method: 'PUT', body: JSON.stringify(extra(i)) });
        expect(res.status).to.equal(204);
      }
      await fetch('/test-api/networks/netwerk-3/registrations', { method: 'POST', body: JSON.stringify({ status: 'confirmed', count: 7 }) });
      const el = await fixture<LeerkringCatalogue>('<leerkring-catalogue api="" network-link="/demo/netwerk.html?id={id}"></leerkring-catalogue>');
      await el.loadComplete;
      let list = await cards(el);
      expect(list).to.have.length(21);
      const three = list.find((c) => c.querySelector('h2')!.textContent === 'Netwerk 3')!;
      expect(three.querySelector('a')!.getAttribute('href')).to.equal('/demo/netwerk.html?id=netwerk-3');
      const text = (three as HTMLElement).innerText.replace(/\s+/g, ' ');
      expect(text).to.contain('Intervisie');
      expect(text).to.contain('Voor: politieke partij en lokale afdeling van een partij');
      expect(text).to.contain('Volgende bijeenkomst: woensdag 10 april 2030, 19.30 uur');
      expect(three.querySelector('[part="availability"]')!.textContent).to.equal('Aanmelden is mogelijk, nog 3 plaatsen');
      await expectAccessible(el);

      const status = () => el.shadowRoot!.querySelector('[part="status"]')!.textContent;
      expect(status()).to.equal('21 netwerken');
      await choose(el, 'f-audience', 'political-party');
      list = await cards(el);
      expect(list.map((c) => c.querySelector('h2')!.textContent)).to.deep.equal(['Netwerk 3', 'Netwerk 6', 'Netwerk 9', 'Netwerk 12', 'Netwerk 15']);
      await choose(el, 'f-theme', 'Energie');
      expect((await cards(el)).map((c) => c.querySelector('h2')!.textContent)).to.deep.equal(['Netwerk 3', 'Netwerk 9', 'Netwerk 15']);
      await choose(el, 'f-kind', 'intervision');
      expect((await cards(el)).map((c) => c.querySelector('h2')!.textContent)).to.deep.equal(['Netwerk 3']);
      expect(status()).to.equal('1 netwerk');
      await expectAccessible(el);
    });

    it('shows the six demo networks with their kind, and a past network without a next session', async () => {
      const el = await fixture<LeerkringCatalogue>('<leerkring-catalogue api="" network-link="/demo/netwerk.html?id={id}" heading-level="3"></leerkring-catalogue>');
      await el.loadComplete;
      const list = await cards(el);
      expect(list).to.have.length(6);
      const gas = list.find((c) => c.textContent!.includes('aardgasvrije'))! as HTMLElement;
      expect(gas.querySelector('h3 a')).to.not.equal(null);
      expect(gas.innerText).to.contain('Leerkring').and.contain('Aanmelden is mogelijk, nog 12 plaatsen');
      const groen = list.find((c) => c.textContent!.includes('groene burgerinitiatieven'))! as HTMLElement;
      expect(groen.innerText).to.contain('Leernetwerk').and.contain('Nog geen nieuwe bijeenkomst gepland');
      // The demo has six networks: the filters show from six on ("auto").
      expect(!!el.shadowRoot!.querySelector('[part="filters"]')).to.equal(true);
      await expectAccessible(el);
    });

    it('drops an unsafe link template and says when the list cannot be loaded', async () => {
      const el = await fixture<LeerkringCatalogue>('<leerkring-catalogue api="" network-link="javascript:alert({id})"></leerkring-catalogue>');
      await el.loadComplete;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="card"] a')).to.equal(null);
      const broken = await fixture<LeerkringCatalogue>('<leerkring-catalogue api="/bestaat-niet"></leerkring-catalogue>');
      await broken.loadComplete;
      await broken.updateComplete;
      expect(broken.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('De netwerken konden niet worden geladen.');
      await expectAccessible(broken);
    });
  });
});
