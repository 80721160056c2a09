import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { LeerkringAgenda } from '../../src/components/index.js';
import { fixture, expectAccessible, shadowText, inline, jsonLdOf } from '../helpers/dom.js';
import { until } from '../helpers/form.js';

const network = (sessions: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 'volgorde',
  kind: 'learning-network',
  title: 'Volgorde',
  summary: 'Voor tests.',
  organisers: [{ name: 'Gemeente Voorbeeld' }],
  sessions,
  registration: { mode: 'closed' },
  ...extra,
});

const months = (el: LeerkringAgenda) =>
  [...el.shadowRoot!.querySelectorAll('section[aria-labelledby="upcoming-heading"] .month')].map((g) => ({
    label: g.querySelector('.month-heading')!.textContent,
    sessions: [...g.querySelectorAll('[part="title"]')].map((t) => t.textContent),
  }));

/** Where a piece of text is drawn, whether or not it has an element of its own. */
function rectOf(root: Node, text: string): DOMRect {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = n.textContent!.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(n, at);
    range.setEnd(n, at + text.length);
    return range.getBoundingClientRect();
  }
  throw new Error(`"${text}" not found`);
}

describe('<leerkring-agenda>: order and time (issue 13)', () => {
  it('lists upcoming sessions in time order, with an undated one after the dated ones it follows', async () => {
    const doc = network([
      { id: 'feb', title: 'Februari', type: 'thematic', date: '2028-02-10' },
      { id: 'jun', title: 'Juni', type: 'thematic', start: '2027-06-01T10:00' },
      { id: 'jul', title: 'Juli', type: 'thematic', date: '2027-07-05' },
      { id: 'later', title: 'Later', type: 'closing', period: 'najaar 2028' },
    ]);
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2027-01-01T10:00:00Z">${inline(doc)}</leerkring-agenda>`);
    expect(months(el)).to.deep.equal([
      { label: 'juni 2027', sessions: ['Juni'] },
      { label: 'juli 2027', sessions: ['Juli'] },
      { label: 'februari 2028', sessions: ['Februari'] },
      { label: 'Datum volgt', sessions: ['Later'] },
    ]);
    expect(shadowText(el)).to.contain('Datum volgt (najaar 2028)');
    await expectAccessible(el);
  });

  it('puts an undated session whose period has passed with the past, saying it never got a date', async () => {
    const el = await fixture<LeerkringAgenda>('<leerkring-agenda src="/demo/data/vitaal-platteland.json" now="2026-11-23T10:00:00Z"></leerkring-agenda>');
    const upcoming = el.shadowRoot!.querySelector('section[aria-labelledby="upcoming-heading"]')!;
    expect(upcoming.querySelectorAll('[part="session"]')).to.have.length(0);
    expect(upcoming.textContent).to.contain('Er zijn op dit moment geen komende bijeenkomsten.');
    const archive = el.shadowRoot!.querySelector('.archive')!;
    const first = archive.querySelector('[part="session"]')!;
    expect(first.querySelector('[part="title"]')!.textContent).to.equal('Slotbijeenkomst');
    expect(first.querySelector('[part="date"]')!.textContent!.trim()).to.equal('Zonder datum (gepland voor voorjaar 2021)');
    await expectAccessible(el);
  });

  it('takes the external sign-up button away after the network\'s last session', async () => {
    const doc = network(
      [
        { id: 'a', title: 'Eerste', type: 'kick-off', date: '2019-11-28' },
        { id: 'slot', title: 'Slot', type: 'closing', period: 'voorjaar 2021' },
      ],
      { registration: { mode: 'external', url: 'https://example.org/aanmelden' } },
    );
    const during = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2020-03-01T10:00:00Z">${inline(doc)}</leerkring-agenda>`);
    expect(during.shadowRoot!.querySelector('a[part="button"]')?.getAttribute('href')).to.equal('https://example.org/aanmelden');
    const after = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2026-11-23T10:00:00Z">${inline(doc)}</leerkring-agenda>`);
    expect(after.shadowRoot!.querySelector('a[part="button"]')).to.equal(null);
    await expectAccessible(after);
  });
});

describe('<leerkring-agenda>: what the document says (issue 13)', () => {
  const programmeDoc = network([
    {
      id: 'avond',
      title: 'Avond over warmte',
      type: 'thematic',
      start: '2030-03-12T19:30',
      end: '2030-03-12T21:30',
      speakers: [{ name: 'Anna de Vries', role: 'lector', organisation: 'Saxion' }],
      facilitators: [{ name: 'Ferenc van Damme', role: 'procesbegeleider' }],
      programme: [
        { time: '19:30', end: '20:00', title: 'Inloop met koffie' },
        { time: '20:00', title: 'Lezing', description: 'Over warmtenetten in dorpen.' },
      ],
    },
    { id: 'storm', title: 'Buitendag', type: 'other', date: '2030-04-02', status: 'cancelled', statusNote: 'Vanwege de storm gaat de buitendag niet door; we plannen een nieuwe datum.' },
  ]);

  it('shows the programme, speakers and facilitators with role and organisation, and a cancelled session\'s note', async () => {
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2030-01-01T10:00:00Z">${inline(programmeDoc)}</leerkring-agenda>`);
    const [avond, storm] = [...el.shadowRoot!.querySelectorAll('[part="session"]')];
    const items = [...avond!.querySelectorAll('[part="programme"] li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(items).to.deep.equal(['19.30–20.00 Inloop met koffie', '20.00 Lezing — Over warmtenetten in dorpen.']);
    const text = avond!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Sprekers: Anna de Vries (lector, Saxion)');
    expect(text).to.contain('Begeleiding: Ferenc van Damme (procesbegeleider)');
    expect(storm!.querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('Vanwege de storm gaat de buitendag niet door; we plannen een nieuwe datum.');
    await expectAccessible(el);
  });

  it('shows on which day a session over two days ends (issue 23)', async () => {
    const doc = network([{ id: 'eiland', title: 'Eilanddagen', type: 'other', start: '2030-05-27T08:30', end: '2030-05-28T17:30' }]);
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2030-01-01T10:00:00Z">${inline(doc)}</leerkring-agenda>`);
    const when = el.shadowRoot!.querySelector('[part="date"]')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(when).to.contain('maandag 27 mei 2030');
    expect(when).to.contain('dinsdag 28 mei 2030, 17.30');
  });

  it('groups the programme of a session over two days by day, each day with its date (issue 23)', async () => {
    const doc = network([
      {
        id: 'eiland', title: 'Eilanddagen', type: 'other', start: '2030-05-27T08:30', end: '2030-05-28T17:30',
        programme: [
          { time: '09:00', title: 'Ontvangst op de boot' },
          { time: '14:00', end: '17:00', title: 'Werkbezoek haven', day: 1 },
          { time: '08:00', title: 'Wandeling over het wad', day: 2 },
        ],
      },
    ]);
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2030-01-01T10:00:00Z">${inline(doc)}</leerkring-agenda>`);
    // The grouping's code loads when a session's items name their day: wait for the days to show.
    await until(() => !!el.shadowRoot!.querySelector('[part="programme"] h6'), 'the programme by day');
    const programme = el.shadowRoot!.querySelector('[part="programme"]')!;
    // Each day is a heading one level below "Programma", above the list of that day's items.
    const days = [...programme.querySelectorAll('h6')].map((d) => ({
      day: d.textContent!.trim(),
      items: [...d.nextElementSibling!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
    }));
    expect(JSON.stringify(days)).to.equal(JSON.stringify([
      { day: 'maandag 27 mei 2030', items: ['09.00 Ontvangst op de boot', '14.00–17.00 Werkbezoek haven'] },
      { day: 'dinsdag 28 mei 2030', items: ['08.00 Wandeling over het wad'] },
    ]));
    await expectAccessible(el);
  });

  it('shows the note of a hybrid venue and of a venue still to be announced (issue 23)', async () => {
    const doc = network([
      { id: 'slot', title: 'Slot', type: 'closing', start: '2030-03-12T13:00', end: '2030-03-12T16:00', venue: { type: 'hybrid', name: 'Provinciehuis', city: 'Zwolle', note: 'Zaal volgt per e-mail' } },
      { id: 'rond', title: 'Rondgang', type: 'other', start: '2030-04-12T10:00', venue: { type: 'to-be-announced', note: 'bij een van de deelnemende gemeenten' } },
    ]);
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2030-01-01T10:00:00Z">${inline(doc)}</leerkring-agenda>`);
    const venues = [...el.shadowRoot!.querySelectorAll('[part="session"] .venue')].map((v) => v.textContent!.replace(/\s+/g, ' ').trim());
    expect(venues[0]).to.contain('Zaal volgt per e-mail');
    expect(venues[1]).to.contain('bij een van de deelnemende gemeenten');
    await expectAccessible(el);
  });

  it('puts the programme and the speakers in the JSON-LD where schema.org has a place for them', async () => {
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2030-01-01T10:00:00Z">${inline(programmeDoc)}</leerkring-agenda>`);
    const data = await jsonLdOf(el);
    const avond = data.subEvent.find((e: any) => e.name === 'Avond over warmte');
    expect(avond.performer).to.deep.equal([
      { '@type': 'Person', name: 'Anna de Vries', jobTitle: 'lector', affiliation: { '@type': 'Organization', name: 'Saxion' } },
      { '@type': 'Person', name: 'Ferenc van Damme', jobTitle: 'procesbegeleider' },
    ]);
    expect(avond.subEvent).to.deep.equal([
      { '@type': 'Event', name: 'Inloop met koffie', startDate: '2030-03-12T18:30:00.000Z', endDate: '2030-03-12T19:00:00.000Z' },
      { '@type': 'Event', name: 'Lezing', startDate: '2030-03-12T19:00:00.000Z', description: 'Over warmtenetten in dorpen.' },
    ]);
    const storm = data.subEvent.find((e: any) => e.name === 'Buitendag');
    expect(storm.eventStatus).to.equal('https://schema.org/EventCancelled');
  });
});

describe('<leerkring-agenda>: right-to-left names (issue 13)', () => {
  it('keeps two Arabic names in their order with the comma between them', async () => {
    const doc = network([
      {
        id: 'rtl',
        title: 'Gesprek',
        type: 'thematic',
        date: '2030-05-01',
        speakers: [{ name: 'محمد علي' }, { name: 'سارة أحمد' }, { name: 'Jan Smit' }],
        partners: [{ name: 'جمعية الحي' }, { name: 'بلدية' }],
      },
    ]);
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2030-01-01T10:00:00Z">${inline(doc)}</leerkring-agenda>`, { width: 800 });
    const session = el.shadowRoot!.querySelector('[part="session"]')!;
    expect(session.textContent!.replace(/\s+/g, ' ')).to.contain('Sprekers: محمد علي, سارة أحمد en Jan Smit');
    // In a left-to-right page the first name is drawn first (left), then its comma, then the second.
    expect(rectOf(session, 'محمد علي').left).to.be.below(rectOf(session, 'سارة أحمد').left);
    expect(rectOf(session, 'جمعية الحي').left).to.be.below(rectOf(session, 'بلدية').left);
    for (const name of ['محمد علي', 'سارة أحمد', 'جمعية الحي']) {
      const holder = [...session.querySelectorAll('bdi, [dir="auto"]')].find((e) => e.textContent === name);
      expect(holder, `${name} isolated`).to.not.equal(undefined);
    }
    await expectAccessible(el);
  });
});

describe('<leerkring-agenda>: calendar subscription (issue 13)', () => {
  it('offers a webcal: link beside the https feed when the agenda has an API', async () => {
    const doc = network([{ id: 'een', title: 'Een', type: 'thematic', start: '2030-05-01T10:00' }], { id: 'toekomst' });
    const res = await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) });
    expect(res.status).to.equal(204);
    const el = await fixture<LeerkringAgenda>('<leerkring-agenda api="" network-id="toekomst" now="2030-01-01T10:00:00Z"></leerkring-agenda>');
    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="subscribe"] a')];
    const feed = `${location.host}/api/networks/toekomst/calendar.ics`;
    expect(links.map((a) => [a.textContent!.trim(), a.getAttribute('href')])).to.deep.equal([
      ['Abonneer op deze agenda', `webcal://${feed}`],
      ['Agenda-adres (https)', `${location.protocol}//${feed}`],
    ]);
    const ics = await (await fetch(links[1]!.href)).text();
    expect(ics).to.contain('BEGIN:VCALENDAR');
    await expectAccessible(el);
    const none = await fixture<LeerkringAgenda>(`<leerkring-agenda>${inline(doc)}</leerkring-agenda>`);
    expect(none.shadowRoot!.querySelector('[part="subscribe"]')).to.equal(null);
  });
});

describe('<leerkring-agenda>: a network with 1,000 sessions (issue 13)', () => {
  const big = network(
    Array.from({ length: 1000 }, (_, i) => {
      const date = new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10);
      return { id: `s${i}`, title: `Bijeenkomst ${i + 1}`, type: i % 3 ? 'thematic' : 'plenary', theme: `Thema ${i % 7}`, start: `${date}T19:30`, venue: { type: 'physical', name: 'Stadhuis', city: 'Utrecht' } };
    }),
  );
  const drawn = (el: LeerkringAgenda) => el.shadowRoot!.querySelectorAll('[part="session"]').length;
  const address = location.href;
  afterEach(() => history.replaceState(null, '', address));

  it('shows the next month first, and "toon meer" opens the next month with focus on its first session', async () => {
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2029-12-01T10:00:00Z">${inline(big)}</leerkring-agenda>`, { width: 375 });
    await until(() => drawn(el) === 31, 'January drawn');
    expect(months(el).map((g) => g.label)).to.deep.equal(['januari 2030']);
    expect(el.getBoundingClientRect().height, 'a page, not 400,000 px').to.be.below(25000);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!;
    expect(more.textContent!.trim()).to.equal('Toon meer (nog 969 bijeenkomsten)');
    await expectAccessible(el);
    more.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => drawn(el) === 59, 'February drawn');
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    expect(focused.id).to.equal('session-s31');
    expect(focused.textContent).to.equal('Bijeenkomst 32');
    expect(months(el).map((g) => g.label)).to.deep.equal(['januari 2030', 'februari 2030']);
    expect(el.shadowRoot!.querySelector('button.more')!.textContent!.trim()).to.equal('Toon meer (nog 941 bijeenkomsten)');
    await expectAccessible(el);
  });

  it('keeps the filters in the address, so a shared or reloaded link shows the same choice', async () => {
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2029-12-01T10:00:00Z">${inline(big)}</leerkring-agenda>`);
    // The filters' code is a chunk of its own, loaded when an agenda first shows them.
    await until(() => el.shadowRoot!.querySelectorAll('select').length === 2, 'the filters');
    const [theme, type] = [...el.shadowRoot!.querySelectorAll('select')];
    theme!.value = 'Thema 3';
    theme!.dispatchEvent(new Event('change'));
    type!.value = 'plenary';
    type!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const query = new URLSearchParams(location.search);
    expect([query.get('leerkring-theme'), query.get('leerkring-type')]).to.deep.equal(['Thema 3', 'plenary']);
    // Only words of the document go into the address.
    expect(location.href).to.not.match(/@|naam|name=/i);
    const again = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2029-12-01T10:00:00Z">${inline(big)}</leerkring-agenda>`);
    await until(() => again.shadowRoot!.querySelectorAll('select').length === 2, 'the filters');
    const [theme2, type2] = [...again.shadowRoot!.querySelectorAll('select')];
    expect([theme2!.value, type2!.value]).to.deep.equal(['Thema 3', 'plenary']);
    // Every 21st day is both theme 3 and plenary: 48 of 1,000.
    expect(again.shadowRoot!.querySelector('.filter-count')!.textContent).to.equal('48 bijeenkomsten');
    await until(() => drawn(again) > 0, 'sessions drawn');
    for (const t of again.shadowRoot!.querySelectorAll('[part="session"] .meta')) expect(t.textContent).to.equal('Plenaire bijeenkomst · Thema 3');
    theme2!.value = '';
    theme2!.dispatchEvent(new Event('change'));
    expect(new URLSearchParams(location.search).has('leerkring-theme')).to.equal(false);
  });
});
