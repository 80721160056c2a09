// Calendar objects as an independent reader sees them (issue 23): ical.js (Mozilla's iCalendar
// parser, not our writer's code) reads what networkCalendar writes for e-mails, with METHOD,
// ORGANIZER, a person's own cancellation, venue notes and join links.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { networkCalendar, venueText, publicNetwork, type Session } from '../../src/core/index.js';
import { makeNetwork } from '../helpers/fixtures.js';

/** The calendar as ical.js reads it: METHOD, and per event UID, SEQUENCE, STATUS, ORGANIZER (address and CN), LOCATION, DESCRIPTION. */
function read(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return {
    method: cal.getFirstPropertyValue('method') as string | null,
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const organizer = v.getFirstProperty('organizer');
      return {
        uid: v.getFirstPropertyValue('uid') as string,
        sequence: v.getFirstPropertyValue('sequence') as number,
        status: v.getFirstPropertyValue('status') as string,
        organizer: organizer ? String(organizer.getFirstValue()) : undefined,
        cn: organizer?.getParameter('cn') as string | undefined,
        location: (v.getFirstPropertyValue('location') as string | null) ?? undefined,
        description: String(v.getFirstPropertyValue('description') ?? ''),
      };
    }),
  };
}

const sessions: Session[] = [
  {
    id: 'slot',
    title: 'Slotbijeenkomst',
    type: 'plenary',
    start: '2030-05-01T13:00',
    end: '2030-05-01T16:00',
    venue: { type: 'hybrid', name: 'Provinciehuis', city: 'Zwolle', joinUrl: 'https://meet.example.org/slot', note: 'Zaal volgt per e-mail' },
  },
  { id: 'tour', title: 'Rondgang', type: 'plenary', start: '2030-06-01T10:00', end: '2030-06-01T12:00', venue: { type: 'to-be-announced', note: 'bij een van de deelnemende gemeenten' } },
];
const network = makeNetwork({}, sessions, { contact: { name: 'Team "Leerkring"', email: 'contact@example.org' } });

describe('calendar objects for e-mail, read by ical.js', () => {
  test('a PUBLISH says its METHOD and has an ORGANIZER with a name that cannot break the parameter', () => {
    const r = read(networkCalendar(network, { method: 'PUBLISH', organizer: { name: 'Team "Leerkring"', email: 'contact@example.org' } }));
    assert.equal(r.method, 'PUBLISH');
    assert.equal(r.events.length, 2);
    for (const e of r.events) {
      assert.equal(e.organizer, 'mailto:contact@example.org');
      assert.equal(e.cn, 'Team Leerkring');
      assert.equal(e.status, 'CONFIRMED');
    }
  });

  test("a person's own cancellation is a CANCEL of the same UID with a higher SEQUENCE", () => {
    const before = read(networkCalendar(network, { method: 'PUBLISH', sessionIds: ['slot'] })).events[0]!;
    const r = read(networkCalendar(network, { method: 'CANCEL', cancelled: true, sessionIds: ['slot'], organizer: { email: 'contact@example.org' } }));
    assert.equal(r.method, 'CANCEL');
    assert.equal(r.events[0]!.uid, before.uid);
    assert.equal(r.events[0]!.sequence, before.sequence + 1);
    assert.equal(r.events[0]!.status, 'CANCELLED');
  });

  test('a session cancelled by its organisers is not counted up twice by a personal cancellation', () => {
    const cancelled = makeNetwork({}, [{ ...sessions[0]!, status: 'cancelled' }]);
    const feed = read(networkCalendar(cancelled)).events[0]!;
    const mine = read(networkCalendar(cancelled, { method: 'CANCEL', cancelled: true })).events[0]!;
    assert.equal(mine.sequence, feed.sequence);
  });

  test("a person's withdrawals before: their items outrank their own earlier CANCEL, and a new CANCEL outranks those", () => {
    const plain = read(networkCalendar(network, { method: 'PUBLISH', sessionIds: ['slot', 'tour'] })).events;
    const withdrawals = { slot: 1 };
    const again = read(networkCalendar(network, { method: 'PUBLISH', sessionIds: ['slot', 'tour'], withdrawals })).events;
    const earlierCancel = read(networkCalendar(network, { method: 'CANCEL', cancelled: true, sessionIds: ['slot'] })).events[0]!;
    assert.equal(again[0]!.sequence, earlierCancel.sequence + 1, 'published again: one above the CANCEL the person got');
    assert.equal(again[1]!.sequence, plain[1]!.sequence, 'a session never left keeps its SEQUENCE');
    const cancelAgain = read(networkCalendar(network, { method: 'CANCEL', cancelled: true, sessionIds: ['slot'], withdrawals })).events[0]!;
    assert.equal(cancelAgain.sequence, again[0]!.sequence + 1);
  });

  test('venue notes are in LOCATION; the join link only where asked for, never from the public document', () => {
    const plain = read(networkCalendar(network)).events;
    assert.equal(plain[0]!.location, 'Provinciehuis, Zwolle · Op locatie en online · Zaal volgt per e-mail');
    assert.equal(plain[1]!.location, 'Locatie volgt · bij een van de deelnemende gemeenten');
    assert.doesNotMatch(plain[0]!.description, /meet\.example\.org/);
    const withLink = read(networkCalendar(network, { joinLinks: ['slot'] })).events;
    assert.match(withLink[0]!.description, /^Online meedoen: https:\/\/meet\.example\.org\/slot/);
    const fromPublic = read(networkCalendar(publicNetwork(network), { joinLinks: ['slot'] })).events;
    assert.doesNotMatch(fromPublic[0]!.description, /meet\.example\.org/);
    assert.equal(venueText(sessions[1]!.venue, 'en'), 'Location to be announced · bij een van de deelnemende gemeenten');
  });
});
