// Issue 23: a session over two days (27 May 08.30 to 28 May 17.30) lets its programme items say
// which day they are on (`day: 2`). The validator refuses an item outside the session with a
// sentence at its path; the e-mails and the calendar item (read back by ical.js) give the
// programme by day, each day with its date; the session's date shows both days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { formatProblem, parseNetwork, sessionTiming, sessionWhenText, networkCalendar, type Network } from '../../src/core/index.js';
import { composeMail } from '../../src/server/mail/compose.js';

const doc = (programme: unknown[], session: Record<string, unknown> = {}) => ({
  id: 'eilanden',
  kind: 'learning-network',
  title: 'Eilandendag',
  summary: 'Gemeenten op de eilanden leren samen.',
  organisers: [{ name: 'Provincie Fryslân', type: 'province' }],
  contact: { name: 'Sjoukje de Jong', email: 'sjoukje@example.org' },
  sessions: [{ id: 'skylge', title: 'Dagen op Terschelling', type: 'thematic', start: '2030-05-27T08:30', end: '2030-05-28T17:30', programme, ...session }],
  registration: { mode: 'built-in', scope: 'session', capacity: 30 },
});

const programme = [
  { time: '09:00', title: 'Ontvangst op de boot' },
  { time: '14:00', end: '17:00', title: 'Werkbezoek haven', day: 1 },
  { time: '08:00', title: 'Wandeling over het wad', day: 2 },
  { time: '16:30', end: '17:30', title: 'Afsluiting', day: 2 },
];

function valid(d: unknown): Network {
  const r = parseNetwork(d);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
}

test('programme items say their day in a session over two days; an item outside the session is refused with a sentence at its path', () => {
  valid(doc(programme));
  const third = parseNetwork(doc([...programme, { time: '09:00', title: 'Terugreis', day: 3 }]));
  assert.equal(third.ok, false);
  const p = !third.ok ? third.problems.find((x) => x.path === 'sessions[0].programme[4].day') : undefined;
  assert.ok(p, JSON.stringify(!third.ok && third.problems));
  assert.match(formatProblem(p, 'nl'), /valt buiten de bijeenkomst/);
  const oneDay = parseNetwork(doc([{ time: '10:00', title: 'Tweede dag', day: 2 }], { end: '2030-05-27T17:30' }));
  assert.ok(!oneDay.ok && oneDay.problems.some((x) => x.path === 'sessions[0].programme[0].day'), 'a one-day session has no day 2');
});

test('the session over two days shows both days', () => {
  const n = valid(doc(programme));
  assert.equal(sessionWhenText(sessionTiming(n.sessions[0]!), 'nl'), 'maandag 27 mei 2030, 08.30 uur – dinsdag 28 mei 2030, 17.30 uur');
});

test('the e-mail and its calendar item give the programme by day, with each day\'s date', () => {
  const n = valid(doc(programme));
  const mail = composeMail('confirmed', { network: n, sessionId: 'skylge', participant: { name: 'Anna de Boer', email: 'anna@example.org' }, locale: 'nl', now: new Date('2030-01-01T00:00:00Z') });
  assert.match(mail.text, /Programma:\nmaandag 27 mei 2030\n09\.00 uur Ontvangst op de boot\n14\.00[^\n]*Werkbezoek haven\ndinsdag 28 mei 2030\n08\.00 uur Wandeling over het wad\n16\.30[^\n]*Afsluiting/);
  assert.match(mail.text, /maandag 27 mei 2030, 08\.30 uur – dinsdag 28 mei 2030, 17\.30 uur/);
  const cal = new ICAL.Component(ICAL.parse(networkCalendar(n, {})));
  const description = String(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('description'));
  assert.match(description, /maandag 27 mei 2030\n09\.00 uur Ontvangst op de boot[\s\S]*dinsdag 28 mei 2030\n08\.00 uur Wandeling over het wad/);
});
