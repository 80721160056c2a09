import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { networkCalendar, parseNetwork, type Network } from '../../src/core/index.js';
import { parseIcs, prop } from '../helpers/ical.js';

function doc(extra: Record<string, unknown> = {}, session: Record<string, unknown> = {}): Network {
  const r = parseNetwork({
    id: 'inhoud',
    kind: 'learning-circle',
    title: 'Leerkring Energie',
    summary: 'Gemeenten leren samen;\nover energie, warmte en meer.',
    organisers: [{ name: 'Gemeente Voorbeeld' }],
    sessions: [
      {
        id: 'start',
        title: 'Startbijeenkomst',
        type: 'kick-off',
        start: '2030-03-12T19:30',
        end: '2030-03-12T21:30',
        doorsOpen: '19:00',
        venue: { type: 'physical', name: 'Stadhuis', room: 'Zaal 2', address: 'Markt 1', postalCode: '3511 AB', city: 'Utrecht', accessibility: 'Parkeren bij P+R Westraven.' },
        programme: [
          { time: '19:30', end: '20:00', title: 'Welkom' },
          { time: '20:00', title: 'Gesprek in groepen' },
        ],
        speakers: [{ name: 'Anna de Boer', role: 'wethouder', organisation: 'Gemeente Voorbeeld' }],
        facilitators: [{ name: 'Femke Jansen', role: 'procesbegeleider' }],
        ...session,
      },
    ],
    registration: { mode: 'closed' },
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const eventOf = (n: Network, lang: 'nl' | 'en' = 'nl') => {
  const cal = parseIcs(networkCalendar(n, { locale: lang }));
  return { cal, event: cal.components.find((c) => c.name === 'VEVENT')! };
};

describe('calendar item content (read back by an independent parser)', () => {
  test('the description carries the doors-open time, the programme, speakers with role and organisation, and how to get there', () => {
    const { event } = eventOf(doc());
    const description = prop(event, 'DESCRIPTION')!.value;
    assert.match(description, /Inloop vanaf 19\.00 uur/);
    assert.match(description, /Programma:\n19\.30–20\.00 uur Welkom\n20\.00 uur Gesprek in groepen/);
    assert.match(description, /Sprekers: Anna de Boer \(wethouder, Gemeente Voorbeeld\)/);
    assert.match(description, /Begeleiding: Femke Jansen \(procesbegeleider\)/);
    assert.match(description, /Parkeren bij P\+R Westraven\./);
    assert.equal(prop(event, 'LOCATION')!.value, 'Stadhuis, Zaal 2, Markt 1, 3511 AB Utrecht');
  });

  test('a cancelled session says so with its status note first', () => {
    const { event } = eventOf(doc({}, { status: 'cancelled', statusNote: 'Vanwege de storm verplaatst naar het voorjaar.' }));
    const description = prop(event, 'DESCRIPTION')!.value;
    assert.ok(description.startsWith('Deze bijeenkomst gaat niet door. Vanwege de storm verplaatst naar het voorjaar.'), description);
    assert.equal(prop(event, 'STATUS')!.value, 'CANCELLED');
    const moved = prop(eventOf(doc({}, { statusNote: 'Let op: nieuwe zaal.' })).event, 'DESCRIPTION')!.value;
    assert.ok(moved.startsWith('Let op: nieuwe zaal.'), moved);
  });

  test('the summary does not repeat the title when session and network share it', () => {
    assert.equal(prop(eventOf(doc()).event, 'SUMMARY')!.value, 'Startbijeenkomst (Leerkring Energie)');
    const workshop = doc({ title: 'Workshop overheidsparticipatie', kind: 'workshop' }, { title: 'Workshop overheidsparticipatie' });
    assert.equal(prop(eventOf(workshop).event, 'SUMMARY')!.value, 'Workshop overheidsparticipatie');
    const within = doc({ title: 'Leerkring Energie' }, { title: 'Leerkring Energie: slotbijeenkomst' });
    assert.equal(prop(eventOf(within).event, 'SUMMARY')!.value, 'Leerkring Energie: slotbijeenkomst');
  });

  test('texts are in the network\'s language only, whatever language the feed was asked in', () => {
    const partners = { partners: [{ name: 'Kennisbureau (demo)' }] };
    const dutch = prop(eventOf(doc({}, partners), 'en').event, 'DESCRIPTION')!.value;
    assert.doesNotMatch(dutch, /In cooperation with|Doors open|Programme|Speakers|Learning circle:/);
    assert.match(dutch, /i\.s\.m\. Kennisbureau \(demo\)/);
    const english = prop(eventOf(doc({ language: 'en' }, partners), 'nl').event, 'DESCRIPTION')!.value;
    assert.match(english, /Doors open at 19:00/);
    assert.match(english, /Programme:\n19:30–20:00 Welkom/);
    assert.doesNotMatch(english, /Inloop|Programma|Sprekers|i\.s\.m\./);
  });

  test('the feed names itself, describes itself and says how often to refresh', () => {
    const { cal } = eventOf(doc());
    assert.equal(prop(cal, 'X-WR-CALNAME')!.value, 'Leerkring Energie');
    assert.equal(prop(cal, 'X-WR-CALDESC')!.value, 'Gemeenten leren samen;\nover energie, warmte en meer.');
    const refresh = prop(cal, 'REFRESH-INTERVAL')!;
    assert.equal(refresh.params.VALUE, 'DURATION');
    assert.match(refresh.value, /^PT?\d+[HMD]/);
    assert.equal(prop(cal, 'X-PUBLISHED-TTL')!.value, refresh.value);
  });

  test('every seed network gives a feed the parser reads, one event per dated session', () => {
    for (const id of ['groene-domein', 'aardgasvrij-leerkring', 'twentse-noabers', 'vitaal-platteland', 'overheidsparticipatie-workshop']) {
      const r = parseNetwork(readFileSync(`demo/data/${id}.json`, 'utf8'));
      assert.ok(r.ok, id);
      const cal = parseIcs(networkCalendar(r.value));
      const dated = r.value.sessions.filter((s) => s.start || s.date).length;
      assert.equal(cal.components.filter((c) => c.name === 'VEVENT').length, dated, id);
    }
  });
});
