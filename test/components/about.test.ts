import { expect } from '@esm-bundle/chai';
import type { LeerkringAbout } from '../../src/components/index.js';
import { parseRichText } from '../../src/core/index.js';
import { fixture, expectAccessible, inline } from '../helpers/dom.js';

/** The text as a person reads it: blocks separated by a space. */
const shadowText = (el: Element) =>
  [...el.shadowRoot!.children].map((c) => (c as HTMLElement).innerText ?? c.textContent).join(' ').replace(/\s+/g, ' ').trim();
import { seedJson } from '../helpers/seeds.js';

const doc = (extra: Record<string, unknown> = {}) => ({
  id: 'over',
  kind: 'learning-network',
  title: 'Leernetwerk Over',
  subtitle: 'Samen leren over participatie',
  summary: 'Een netwerk voor ambtenaren.',
  description:
    'Eerste alinea met een [link](https://example.org/meer) en *nadruk* en **sterk**.\n\nWat we doen:\n- leren\n- delen met een [gevaarlijke link](javascript:alert`1`)\n\n<script>window.hacked = 1</script> <img src=x onerror="window.hacked=2">',
  organisers: [{ name: 'Gemeente Voorbeeld', url: 'https://example.org', role: 'trekker' }],
  partners: [{ name: 'Kennisinstituut (demo)' }],
  funders: [{ name: 'Ministerie (demo)', role: 'financier' }],
  sponsors: [{ name: 'Fonds (demo)' }],
  membership: { explanation: 'Alleen voor de leden van de kerngroep.', organisations: [{ name: 'Provincie Noord (demo)' }, { name: 'Provincie Zuid (demo)' }] },
  facilitators: [{ name: 'Femke de Vries', role: 'procesbegeleider', organisation: 'Bureau Samen (demo)' }],
  contact: { name: 'Secretariaat (demo)', email: 'secretariaat@example.org', phone: '030 123 45 67' },
  audience: { organisationTypes: ['municipality', 'province'], description: 'Voor ambtenaren die met initiatieven werken.' },
  price: { type: 'amount', amount: 350, currency: 'EUR', note: 'per deelnemer' },
  resources: [
    { type: 'publication', title: 'De publicatie', url: 'https://example.org/publicatie.pdf' },
    { type: 'report', title: 'Alleen voor deelnemers', url: 'https://example.org/geheim', participantsOnly: true },
  ],
  sessions: [],
  registration: { mode: 'closed' },
  ...extra,
});

describe('<leerkring-about>', () => {
  describe('default values', () => {
    it('shows every part at heading level 2 with JSON-LD on', () => {
      const el = document.createElement('leerkring-about') as LeerkringAbout;
      expect(el.headingLevel).to.equal(2);
      expect(el.structuredData).to.equal('on');
      expect(el.parts).to.deep.equal(['title', 'description', 'audience', 'organisers', 'practical', 'contact', 'resources']);
    });
  });

  describe('rendering', () => {
    it('renders the description as paragraphs, lists, safe links and emphasis, never as raw HTML', async () => {
      const el = await fixture<LeerkringAbout>(`<leerkring-about>${inline(doc())}</leerkring-about>`);
      const root = el.shadowRoot!;
      const d = root.querySelector('[part="description"]')!;
      expect([...d.children].map((c) => c.localName)).to.deep.equal(['p', 'p', 'p', 'ul', 'p']);
      expect([...d.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.org/meer']);
      expect(d.querySelector('em')!.textContent).to.equal('nadruk');
      expect(d.querySelector('strong')!.textContent).to.equal('sterk');
      expect(d.querySelectorAll('li')[1]!.textContent).to.equal('delen met een gevaarlijke link');
      expect(d.querySelector('script, img')).to.equal(null);
      expect(d.textContent).to.contain('<script>');
      expect((window as any).hacked).to.equal(undefined);
      await expectAccessible(el);
    });

    it('shows organisers, partners, funders, sponsors, members, facilitators, audience, price, contact and public resources', async () => {
      const el = await fixture<LeerkringAbout>(`<leerkring-about>${inline(doc())}</leerkring-about>`);
      const text = shadowText(el);
      for (const said of [
        'Leernetwerk Over',
        'Samen leren over participatie',
        'Organisatie Gemeente Voorbeeld (trekker)',
        'Partners Kennisinstituut (demo)',
        'Mogelijk gemaakt door Ministerie (demo) (financier)',
        'Met steun van Fonds (demo)',
        'Leden Provincie Noord (demo) Provincie Zuid (demo)',
        'Alleen voor de leden van de kerngroep.',
        'Begeleiding Femke de Vries, procesbegeleider, Bureau Samen (demo)',
        'Voor wie Voor ambtenaren die met initiatieven werken. Gemeente Provincie',
        'Kosten € 350 · per deelnemer',
        'Secretariaat (demo)',
        'Publicatie: De publicatie',
      ])
        expect(text).to.contain(said);
      expect(text).to.not.contain('Alleen voor deelnemers');
      const root = el.shadowRoot!;
      expect(root.querySelector('a[href="mailto:secretariaat@example.org"]')).to.not.equal(null);
      expect(root.querySelector('a[href="tel:0301234567"]')).to.not.equal(null);
      expect([...root.querySelectorAll('h2, h3')].map((h) => h.localName + ' ' + h.textContent)).to.deep.equal([
        'h2 Leernetwerk Over',
        'h3 Voor wie',
        'h3 Organisatie',
        'h3 Partners',
        'h3 Mogelijk gemaakt door',
        'h3 Met steun van',
        'h3 Leden',
        'h3 Begeleiding',
        'h3 Praktisch',
        'h3 Contact',
        'h3 Publicaties en materiaal',
      ]);
      await expectAccessible(el);
    });

    it('shows only the parts a site chooses, with the headings one level up without the title', async () => {
      const el = await fixture<LeerkringAbout>(`<leerkring-about show="contact resources" heading-level="3">${inline(doc())}</leerkring-about>`);
      expect([...el.shadowRoot!.querySelectorAll('h2, h3, h4')].map((h) => h.localName + ' ' + h.textContent)).to.deep.equal(['h3 Contact', 'h3 Publicaties en materiaal']);
      expect(shadowText(el)).to.not.contain('Een netwerk voor ambtenaren');
      await expectAccessible(el);
    });

    it('speaks English inside lang="en"', async () => {
      const el = await fixture<LeerkringAbout>(`<leerkring-about show="organisers contact">${inline(doc())}</leerkring-about>`, { lang: 'en' });
      expect(shadowText(el)).to.contain('Organised by').and.contain('Made possible by').and.contain('Email');
    });

    it('in English, marks the network\'s own (Dutch) words with lang="nl" and keeps English UI outside it (issue 25, item 16, WCAG 3.1.2)', async () => {
      const el = await fixture<LeerkringAbout>(`<leerkring-about>${inline(doc())}</leerkring-about>`, { lang: 'en' });
      const root = el.shadowRoot!;
      const langOf = (node: Element) => node.closest('[lang]')?.getAttribute('lang') ?? 'en';
      // Document content: the title, the description, the names and roles, the membership rule, the contact's name.
      for (const sel of ['[part="title"]', '[part="description"]', 'section ul li bdi']) {
        const found = [...root.querySelectorAll(sel)];
        expect(found.length, sel).to.be.greaterThan(0);
        for (const node of found) expect(langOf(node), `${sel} "${node.textContent}"`).to.equal('nl');
      }
      const own = (text: string) => [...root.querySelectorAll('p, li, dd, span, a')].find((n) => n.textContent?.trim() === text);
      for (const text of ['Samen leren over participatie', 'Alleen voor de leden van de kerngroep.'])
        expect(own(text) && langOf(own(text)!), text).to.equal('nl');
      // Our words: headings and labels in English, never inside lang="nl".
      const headings = [...root.querySelectorAll('section > h3, dt')];
      expect(headings.length).to.be.greaterThan(2);
      for (const h of headings) expect(langOf(h), `"${h.textContent}"`).to.equal('en');
      await expectAccessible(el);
    });

    it('shows the groene-domein network with its funder and its publication, newsletter, brochures and videos', async () => {
      const el = await fixture<LeerkringAbout>('<leerkring-about src="/demo/data/groene-domein.json"></leerkring-about>');
      const text = shadowText(el);
      expect(text).to.contain('Ministerie van Economische Zaken');
      expect(text).to.contain('Nieuwsbrief: Nieuwsbrief van het leernetwerk');
      expect(el.shadowRoot!.querySelectorAll('[part="description"] ul li').length).to.be.greaterThan(1);
      await expectAccessible(el);
    });
  });

  describe('the seed networks show what their pages show', () => {
    const textOf = async (id: string) => shadowText(await fixture<LeerkringAbout>(`<leerkring-about src="/demo/data/${id}.json"></leerkring-about>`));

    it('groene-domein: its partners and its publication, newsletter, brochures and portrait videos', async () => {
      const text = await textOf('groene-domein');
      expect(text).to.contain('Partners Provincie Zuid-Holland (gastorganisatie intervisie 2014)');
      expect(text).to.contain('Waterschap Rijn en IJssel').and.contain('Gemeente Apeldoorn');
      for (const r of ['Publicatie: Publicatie van het leernetwerk', 'Nieuwsbrief: Nieuwsbrief van het leernetwerk', 'Brochure: Brochures over', 'Video: Portretvideo deelnemer 5'])
        expect(text).to.contain(r);
    });

    it('the Twentse leerkring: its facilitator and its supporters', async () => {
      const text = await textOf('twentse-noabers');
      expect(text).to.contain('Begeleiding Ferenc van Damme, begeleidt de aftrap');
      expect(text).to.contain('Met steun van Fonds Samen Twente (demo) (maakt de leerkringen mede mogelijk) Stichting Noaberschap (demo)');
    });

    it('the workshop: its trainers, its price, group size and length', async () => {
      const text = await textOf('overheidsparticipatie-workshop');
      expect(text).to.contain('Begeleiding Trainers met ervaring als raadslid of wethouder, workshopleiding');
      expect(text).to.contain('Kosten Op aanvraag · de investering hangt af van de opzet bij jouw gemeente');
      expect(text).to.contain('Groepsgrootte Maximaal 20 deelnemers');
      expect(text).to.contain('Duur 1 dag');
    });
  });

  describe('structured data', () => {
    it('adds a schema.org Organization with members, funders, sponsors and the contact point, and none when it adds nothing', async () => {
      const el = await fixture<LeerkringAbout>(`<leerkring-about>${inline(doc())}</leerkring-about>`);
      const ld = JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!);
      expect(ld['@type']).to.equal('Organization');
      expect(ld.member.map((m: any) => m.name)).to.deep.equal(['Provincie Noord (demo)', 'Provincie Zuid (demo)']);
      expect(ld.funder[0].name).to.equal('Ministerie (demo)');
      expect(ld.contactPoint.email).to.equal('secretariaat@example.org');
      const bare = doc();
      for (const k of ['funders', 'sponsors', 'membership', 'contact']) delete (bare as any)[k];
      const plain = await fixture<LeerkringAbout>(`<leerkring-about>${inline(bare)}</leerkring-about>`);
      expect(plain.querySelector('script[type="application/ld+json"]')).to.equal(null);
    });

    it('keeps one JSON-LD script in step: gone when structured data is turned off, and when the element leaves the page', async () => {
      const el = await fixture<LeerkringAbout>(`<leerkring-about>${inline(doc())}</leerkring-about>`);
      expect(el.querySelectorAll('script[type="application/ld+json"]').length).to.equal(1);
      el.requestUpdate();
      await el.updateComplete;
      expect(el.querySelectorAll('script[type="application/ld+json"]').length).to.equal(1);
      el.structuredData = 'off';
      await el.updateComplete;
      expect(el.querySelectorAll('script[type="application/ld+json"]').length).to.equal(0);
      el.structuredData = 'on';
      await el.updateComplete;
      expect(el.querySelectorAll('script[type="application/ld+json"]').length).to.equal(1);
      el.remove();
      expect(el.querySelectorAll('script[type="application/ld+json"]').length).to.equal(0);
    });
  });
});

describe('parseRichText', () => {
  it('keeps what only looks like markup as text', () => {
    expect(parseRichText('a * b [x](ftp://y) **')).to.deep.equal([{ type: 'paragraph', content: [{ type: 'text', text: 'a * b x **' }] }]);
    expect(parseRichText('regel een\nregel twee')).to.deep.equal([{ type: 'paragraph', content: [{ type: 'text', text: 'regel een regel twee' }] }]);
  });
});
