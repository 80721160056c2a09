// Places per session inside a series, the follow-ups of issue 23: changing a choice on the manage
// page sends an e-mail whose calendars an independent reader (ical.js) reads as PUBLISH for what
// the person joins and CANCEL (same UID, higher SEQUENCE) for what they left; a full session with
// places of its own honours `waitlist.enabled: false`; and a session's own waiting list follows
// the moment someone said yes to it, not the order of registration.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { startServer, network, person, deliverAll, recipient, type TestServer } from './helpers.js';

const sessions = [
  { id: 'start', title: 'Aftrap', type: 'plenary', start: '2030-05-01T10:00', end: '2030-05-01T12:00' },
  { id: 'ronde-a', title: 'Werkplaats A', type: 'workshop', start: '2030-05-15T13:00', end: '2030-05-15T15:00', chooseOne: 'middag' },
  { id: 'ronde-b', title: 'Werkplaats B', type: 'workshop', start: '2030-05-15T13:00', end: '2030-05-15T15:00', chooseOne: 'middag' },
  { id: 'excursie', title: 'Excursie', type: 'other', start: '2030-06-02T10:00', end: '2030-06-02T15:00', optional: true, capacity: 1 },
];
const open = network({ id: 'reeks', sessions, registration: { mode: 'built-in', capacity: 50, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } } });
const noWaitlist = network({ id: 'zonder-wachtlijst', sessions, registration: { mode: 'built-in', capacity: 50, waitlist: { enabled: false }, fields: { organisation: 'optional', organisationType: 'off' } } });

/** The calendars of an e-mail as ical.js reads them: METHOD, and per event its SUMMARY, UID, SEQUENCE and STATUS. */
function calendars(mail: ParsedMail) {
  return mail.attachments
    .filter((a) => a.contentType === 'text/calendar')
    .map((a) => {
      const cal = new ICAL.Component(ICAL.parse(a.content.toString('utf8')));
      return {
        method: cal.getFirstPropertyValue('method') as string,
        events: cal.getAllSubcomponents('vevent').map((v) => ({
          summary: String(v.getFirstPropertyValue('summary')).replace(/ \(.*\)$/, ''),
          uid: String(v.getFirstPropertyValue('uid')),
          sequence: Number(v.getFirstPropertyValue('sequence') ?? 0),
          status: String(v.getFirstPropertyValue('status')),
          organizer: String(v.getFirstPropertyValue('organizer') ?? ''),
        })),
      };
    });
}

describe('series places: follow-ups', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer('pglite', [open, noWaitlist], { now: () => new Date('2030-03-01T12:00:00Z'), publicUrl: 'https://aanmelden.example.org' });
  });
  after(() => s.close());
  const register = (id: string, n: string, joins: string[]) => s.post(`/api/networks/${id}/registrations`, { ...person(n), joins });
  const joins = (token: string, list: string[]) => s.post(`/api/registrations/${token}/joins`, { joins: list });
  const places = async (token: string) => (await s.get(`/api/registrations/${token}`)).body.places;

  test('changing a choice sends an e-mail: PUBLISH for the sessions joined, CANCEL with the same UID and a higher SEQUENCE for the one left', async () => {
    const made = await register('reeks', 'keuze', ['ronde-a']);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const first = (await deliverAll(s.db)).find((m) => recipient(m) === 'deelnemerkeuze@example.org');
    assert.ok(first);
    const before = new Map(calendars(first).flatMap((c) => c.events.map((e) => [e.summary, e] as const)));
    assert.ok(before.get('Werkplaats A'), 'the confirmation has the workshop chosen');

    assert.equal((await joins(made.body.manageToken, ['ronde-b'])).status, 200);
    const mails = (await deliverAll(s.db)).filter((m) => recipient(m) === 'deelnemerkeuze@example.org');
    assert.equal(mails.length, 1, `one e-mail about the change (got ${mails.length})`);
    const cals = calendars(mails[0]!);
    const publish = cals.find((c) => c.method === 'PUBLISH');
    const cancel = cals.find((c) => c.method === 'CANCEL');
    assert.ok(publish && cancel, JSON.stringify(cals.map((c) => c.method)));
    assert.deepEqual(publish.events.map((e) => e.summary).sort(), ['Aftrap', 'Werkplaats B']);
    assert.deepEqual(cancel.events.map((e) => e.summary), ['Werkplaats A']);
    const left = cancel.events[0]!;
    assert.equal(left.uid, before.get('Werkplaats A')!.uid, 'the same UID as the item the person had');
    assert.ok(left.sequence > before.get('Werkplaats A')!.sequence, `a higher SEQUENCE (${left.sequence} after ${before.get('Werkplaats A')!.sequence})`);
    assert.equal(left.status, 'CANCELLED');
    for (const c of cals) for (const e of c.events) assert.match(e.organizer, /^mailto:/);
    assert.doesNotMatch(mails[0]!.text ?? '', /Werkplaats A/, 'the text no longer lists the workshop left');
  });

  test('a session\'s own waiting list follows the moment someone said yes, not the order of registration', async () => {
    // Early registers without the excursion; Holder takes its one place; Later says yes next and waits;
    // then Early says yes and waits too. When Holder gives the place up, it goes to Later.
    const early = await register('reeks', 'vroeg', ['ronde-a']);
    const holder = await register('reeks', 'houder', ['ronde-a', 'excursie']);
    const later = await register('reeks', 'later', ['ronde-a', 'excursie']);
    assert.equal((await places(later.body.manageToken)).excursie, 'waitlisted');
    assert.equal((await joins(early.body.manageToken, ['ronde-a', 'excursie'])).status, 200);
    assert.equal((await places(early.body.manageToken)).excursie, 'waitlisted');
    assert.equal((await places(holder.body.manageToken)).excursie, 'confirmed');
    assert.equal((await joins(holder.body.manageToken, ['ronde-a'])).status, 200);
    assert.equal((await places(later.body.manageToken)).excursie, 'confirmed', 'who said yes first moves up');
    assert.equal((await places(early.body.manageToken)).excursie, 'waitlisted');
  });

  test('a full session with places of its own and `waitlist.enabled: false` has no waiting list: refused with a sentence', async () => {
    const first = await register('zonder-wachtlijst', 'eerste', ['ronde-a', 'excursie']);
    assert.equal(first.status, 201);
    const second = await register('zonder-wachtlijst', 'tweede', ['ronde-a', 'excursie']);
    assert.equal(second.status, 409, JSON.stringify(second.body));
    assert.match(second.body.error.message, /Excursie/);
    assert.doesNotMatch(second.body.error.message, /wachtlijst staat/);
    const third = await register('zonder-wachtlijst', 'derde', ['ronde-a']);
    assert.equal(third.status, 201, 'without the full session the series place is given');
    const change = await joins(third.body.manageToken, ['ronde-a', 'excursie']);
    assert.equal(change.status, 409, JSON.stringify(change.body));
    assert.match(change.body.error.message, /Excursie/);
    assert.equal((await places(third.body.manageToken)).excursie, 'declined', 'nothing changed');
  });
});
