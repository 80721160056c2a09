// English mode (issue 12, item 7): the network's own words keep the document's language
// (lang="nl", WCAG 3.1.2), and the screens around them are English throughout.
import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, expectAccessible, inline } from '../helpers/dom.js';
import { post, $, until, fill } from '../helpers/form.js';

const asOf = '2021-10-25T09:00:00+02:00';
const doc = {
  eligibility: 'Deze leerkring is uitsluitend voor gemeenten die al samenwerken met bewonersinitiatieven aan aardgasvrij.',
  intake: 'Na je aanmelding nemen we contact met je op voor een kennismakings- en intakegesprek.',
  declaration: 'Onze gemeente werkt al samen met een of meer bewonersinitiatieven aan aardgasvrij.',
  question: 'Met welk bewonersinitiatief werkt je gemeente samen?',
  reason: 'Zo kunnen we het intakegesprek goed voorbereiden.',
};

/** The language an element's text is in, as a screen reader decides it: the nearest lang, across the shadow boundary. */
function langOf(node: Node): string {
  let n: Node | null = node;
  while (n) {
    if (n instanceof Element && n.hasAttribute('lang')) return n.getAttribute('lang')!;
    n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null);
  }
  return '';
}

/** Every text node in a shadow root whose text contains `text`. */
function textNodes(root: ShadowRoot, text: string): Text[] {
  const found: Text[] = [];
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.textContent!.includes(text)) found.push(n as Text);
  return found;
}

describe('English mode', () => {
  beforeEach(() => post('/test-api/reset').then(() => post('/test-api/clock', { now: asOf })));

  it("marks the network's own words in the form as Dutch, and only those", async () => {
    const el = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="aardgasvrij-leerkring" now="${asOf}"></leerkring-signup>`, { lang: 'en' });
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    for (const [what, text] of Object.entries(doc)) {
      const nodes = textNodes(el.shadowRoot!, text);
      expect(nodes.length, `${what} is shown`).to.be.greaterThan(0);
      for (const n of nodes) expect(langOf(n), what).to.equal('nl');
    }
    for (const ui of ['Name', 'Email address', 'Why we ask:', 'Register']) {
      const nodes = textNodes(el.shadowRoot!, ui);
      expect(nodes.length, ui).to.be.greaterThan(0);
      for (const n of nodes) expect(langOf(n), ui).to.equal('en');
    }
    await expectAccessible(el);
  });

  it("the intake screen is English around the network's own Dutch explanation", async () => {
    const el = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="aardgasvrij-leerkring" now="${asOf}"></leerkring-signup>`, { lang: 'en' });
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    fill(el, { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Voorbeeld', role: 'Adviseur', organisationType: 'municipality' });
    $<HTMLInputElement>(el, '#f-declarations-werkt-samen-met-initiatief').click();
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => !!el.shadowRoot!.querySelector('#outcome-heading'), 'the outcome');
    const screen = el.shadowRoot!.querySelector('.outcome')!;
    expect(screen.querySelector('#outcome-heading')!.textContent).to.equal('We have received your registration');
    const paragraphs = [...screen.querySelectorAll('p')].map((p) => [p.textContent!.trim(), langOf(p)]);
    expect(paragraphs[0]).to.deep.equal([doc.intake, 'nl']);
    for (const [text, lang] of paragraphs.slice(1)) {
      expect(lang, text).to.equal('en');
      expect(text, "no Dutch sentence outside the document's own words").to.not.match(/\b(neemt|contact met je|werkdagen|Vragen)\b/);
    }
    await expectAccessible(el);
  });

  it('in the agenda, session titles and the network\'s own explanation keep lang="nl"; our headings are English', async () => {
    const el = await fixture<HTMLElement>(`<leerkring-agenda api="" network-id="aardgasvrij-leerkring" now="${asOf}"></leerkring-agenda>`, { lang: 'en' });
    await until(() => !!el.shadowRoot!.querySelector('[part="title"]'), 'the sessions');
    const title = el.shadowRoot!.querySelector('[part="title"]')!;
    expect(title.textContent!.trim()).to.equal('Startbijeenkomst');
    expect(langOf(title.firstChild!)).to.equal('nl');
    for (const n of textNodes(el.shadowRoot!, doc.eligibility)) expect(langOf(n)).to.equal('nl');
    for (const n of textNodes(el.shadowRoot!, 'Upcoming meetings')) expect(langOf(n)).to.equal('en');
    await expectAccessible(el);
  });

  it("the confirmation names the meeting in the document's language inside the English sentence", async () => {
    await post('/test-api/clock', { now: '2019-11-04T09:00:00+01:00' });
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="vitaal-platteland" now="2019-11-04T09:00:00+01:00"></leerkring-signup>', { lang: 'en' });
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="sessionId"]')!.click();
    fill(el, { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Voorbeeld', organisationType: 'province', 'answer:gebied': 'Friese Veenweiden' });
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => el.shadowRoot!.querySelector('#outcome-heading')?.textContent === 'You are registered', 'the confirmation');
    const title = 'Samenwerken met maatschappelijke partners (Werkplaats Vitaal Platteland)';
    const nodes = textNodes(el.shadowRoot!, title);
    expect(nodes.length).to.equal(1);
    expect(langOf(nodes[0]!)).to.equal('nl');
    expect(langOf(textNodes(el.shadowRoot!, 'is confirmed')[0]!)).to.equal('en');
    for (const n of textNodes(el.shadowRoot!, 'Samenwerken met maatschappelijke partners')) expect(langOf(n)).to.equal('nl');
  });
});

describe('English mode: the Dutch inside our English sentences (issue 25, item 16)', () => {
  const own = {
    theme: 'Werken als één overheid',
    venueNote: 'Ingang aan de achterkant, bij de fietsenstalling',
    role: 'procesbegeleider',
    statusNote: 'Vanwege de storm gaat de buitendag niet door',
    title: 'Startbijeenkomst Vitaal Platteland',
    programme: 'Rondleiding over het erf',
    declaration: 'Ik werk bij een overheid in het landelijk gebied.',
  };
  const doc = {
    id: 'taal',
    kind: 'learning-network',
    language: 'nl',
    title: 'Werkplaats Taal',
    summary: 'Voor tests.',
    organisers: [{ name: 'Gemeente Voorbeeld' }],
    sessions: [
      {
        id: 'start', title: own.title, type: 'kick-off', theme: own.theme, start: '2030-05-12T10:00', end: '2030-05-12T12:00',
        venue: { type: 'physical', name: 'Stadhuis', city: 'Zwolle', note: own.venueNote },
        facilitators: [{ name: 'Ferenc van Damme', role: own.role }],
        programme: [{ time: '10:00', title: own.programme }],
      },
      { id: 'storm', title: 'Buitendag', type: 'other', date: '2030-06-02', status: 'cancelled', statusNote: own.statusNote },
    ],
    registration: { mode: 'built-in', scope: 'session', capacity: 20, declarations: [{ id: 'overheid', text: own.declaration }], fields: { organisation: 'optional', organisationType: 'off' } },
  };
  const now = '2030-04-01T09:00:00+02:00';

  it('the agenda marks the theme, venue note, role, status note, programme and the title in "Register for …" as Dutch', async () => {
    const el = await fixture<HTMLElement>(`<leerkring-agenda now="${now}">${inline(doc)}</leerkring-agenda>`, { lang: 'en' });
    await until(() => !!el.shadowRoot!.querySelector('[part="title"]'), 'the sessions');
    el.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true));
    for (const [what, text] of Object.entries(own).filter(([k]) => k !== 'declaration')) {
      const nodes = textNodes(el.shadowRoot!, text);
      expect(nodes.length, `${what} is shown`).to.be.greaterThan(0);
      for (const n of nodes) expect(langOf(n), `${what}: "${n.textContent}"`).to.equal('nl');
    }
    const button = el.shadowRoot!.querySelector('[part="availability"] [part="button"]')!;
    expect(button.textContent!.trim()).to.equal(`Register for ${own.title}`);
    expect(langOf(textNodes(button as unknown as ShadowRoot, 'Register for')[0]!)).to.equal('en');
    for (const ui of ['Kick-off meeting', 'Cancelled', 'Programme']) for (const n of textNodes(el.shadowRoot!, ui)) expect(langOf(n), ui).to.equal('en');
    await expectAccessible(el);
  });

  it('the form marks the session labels and the Dutch quoted in an error as Dutch', async () => {
    const el = await fixture<LeerkringSignup>(`<leerkring-signup now="${now}">${inline(doc)}</leerkring-signup>`, { lang: 'en' });
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    const label = el.shadowRoot!.querySelector('label[for="f-sessionId"]')!;
    expect(label.textContent).to.contain(own.title);
    expect(langOf(textNodes(label as unknown as ShadowRoot, own.title)[0]!), 'session label').to.equal('nl');
    expect(langOf(textNodes(label as unknown as ShadowRoot, '2030')[0]!), 'the date in the label').to.equal('en');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => !!el.shadowRoot!.querySelector('.error-summary'), 'the error summary');
    const errors = [...el.shadowRoot!.querySelectorAll('.error, .error-summary li')].filter((e) => e.textContent!.includes(own.declaration));
    expect(errors.length, 'the declaration is quoted in the summary and at its field').to.equal(2);
    for (const e of errors) {
      expect(langOf(textNodes(e as unknown as ShadowRoot, own.declaration)[0]!), 'quoted Dutch').to.equal('nl');
      expect(langOf(textNodes(e as unknown as ShadowRoot, 'confirm')[0]!), 'our words around it').to.equal('en');
    }
    await expectAccessible(el);
  });
  /**
   * A series `id` whose two sessions at one time are a choice (titles `a` and `b`), sent empty in
   * English: the form and its "Choose one of" errors, which stand in the summary and at the field.
   */
  async function chooseOneErrors(id: string, a: string, b: string): Promise<{ el: LeerkringSignup; errors: Element[] }> {
    const series = {
      ...doc,
      id,
      sessions: [
        { id: 'groen', title: a, type: 'workshop', chooseOne: 'mei', start: '2030-05-13T13:30', end: '2030-05-13T16:00' },
        { id: 'regen', title: b, type: 'workshop', chooseOne: 'mei', start: '2030-05-13T13:30', end: '2030-05-13T16:00' },
      ],
      registration: { mode: 'built-in', scope: 'network', capacity: 40, fields: { organisation: 'optional', organisationType: 'off' } },
    };
    const el = await fixture<LeerkringSignup>(`<leerkring-signup now="${now}">${inline(series)}</leerkring-signup>`, { lang: 'en' });
    await until(() => !!el.shadowRoot!.querySelector('form') && (el.shadowRoot!.textContent ?? '').includes(b), 'the form with its choice');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => [...el.shadowRoot!.querySelectorAll('.error-summary li')].some((e) => e.textContent!.includes('Choose one of')), 'the choice in the error summary');
    const errors = [...el.shadowRoot!.querySelectorAll('.error, .error-summary li')].filter((e) => e.textContent!.includes('Choose one of'));
    expect(errors.length, 'in the summary and at the field').to.equal(2);
    return { el, errors };
  }
  it('the form marks the session titles in "Choose one of: …" as Dutch', async () => {
    const a = 'Werkplaats A: groene schoolpleinen';
    const b = 'Werkplaats B: regenwater in de straat';
    const { el, errors } = await chooseOneErrors('keuze', a, b);
    for (const e of errors) {
      for (const title of [a, b]) expect(langOf(textNodes(e as unknown as ShadowRoot, title)[0]!), title).to.equal('nl');
      expect(langOf(textNodes(e as unknown as ShadowRoot, 'Choose one of')[0]!), 'our words around them').to.equal('en');
    }
    await expectAccessible(el);
  });
  it('a long series chosen from a list: each <option> with a Dutch title says lang="nl"; "Choose" stays English', async () => {
    // More than eight sessions: the form gives a <select>, whose options can only hold text.
    const many = {
      ...doc,
      id: 'reeks',
      sessions: Array.from({ length: 9 }, (_, i) => ({ id: `s${i}`, title: `Werksessie ${i + 1}`, type: 'workshop', start: `2030-05-${String(10 + i).padStart(2, '0')}T10:00`, end: `2030-05-${String(10 + i).padStart(2, '0')}T12:00` })),
    };
    const el = await fixture<LeerkringSignup>(`<leerkring-signup now="${now}">${inline(many)}</leerkring-signup>`, { lang: 'en' });
    await until(() => (el.shadowRoot!.querySelector('select[name="sessionId"]')?.querySelectorAll('option').length ?? 0) === 10, 'the list of sessions');
    const options = [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('select[name="sessionId"] option')];
    const [choose, ...sessions] = options;
    expect(langOf(choose!), 'our "Choose"').to.equal('en');
    for (const o of sessions) {
      expect(o.textContent, 'the option holds the title').to.contain('Werksessie');
      expect(o.getAttribute('lang'), o.textContent!).to.equal('nl');
    }
    await expectAccessible(el);
  });
  it('a title that is also a word of our sentence ("one") marks only the quoted titles', async () => {
    const a = 'one';
    const b = 'Werkplaats B: regenwater in de straat';
    const { el, errors } = await chooseOneErrors('keuze-een', a, b);
    for (const e of errors) {
      expect(langOf(textNodes(e as unknown as ShadowRoot, b)[0]!), b).to.equal('nl');
      expect(langOf(textNodes(e as unknown as ShadowRoot, `${a}, ${b}`)[0] ?? textNodes(e as unknown as ShadowRoot, b)[0]!), 'the quoted list').to.equal('nl');
      expect(langOf(textNodes(e as unknown as ShadowRoot, 'Choose one of')[0]!), 'our words around them').to.equal('en');
    }
    await expectAccessible(el);
  });
});
