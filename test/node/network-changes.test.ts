/**
 * Issue 15: a saved revision that dates, moves, re-venues or cancels a session tells everyone
 * concerned, in the revision's transaction, with the calendar item (same UID, higher SEQUENCE,
 * METHOD:CANCEL for a cancellation); the feed carries the same SEQUENCE.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, deliverAll, gasvrijNetwork, network, person, recipient, smtpPeer, startNetworkServer, type NetworkDocumentApi, type SignedIn, type TestServer } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { twoWorkshops } from './fanout-setup.js';

const gasvrij = gasvrijNetwork({ mode: 'built-in', capacity: 2, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } });

/**
 * A strict reading of an iCalendar text, independent of the library that wrote it: CRLF line
 * ends, unfolded, `NAME(;params):value`, components nested. Returns the calendar's properties
 * and each event's.
 */
function readIcs(text: string): { calendar: Record<string, string>; events: Record<string, string>[] } {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.equal(/\r(?!\n)|(?<!\r)\n/.test(text), false, 'no bare CR or LF');
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const stack: string[] = [];
  const calendar: Record<string, string> = {};
  const events: Record<string, string>[] = [];
  for (const line of lines) {
    const m = /^([A-Z][A-Z0-9-]*)((?:;[^:]*)?):(.*)$/.exec(line);
    assert.ok(m, `a content line: ${line}`);
    const [, name, , value] = m;
    if (name === 'BEGIN') {
      stack.push(value!);
      if (value === 'VEVENT') events.push({});
      continue;
    }
    if (name === 'END') {
      assert.equal(stack.pop(), value, 'components nest');
      continue;
    }
    if (stack.at(-1) === 'VEVENT') events.at(-1)![name!] = value!;
    else if (stack.at(-1) === 'VCALENDAR') calendar[name!] = value!;
  }
  assert.deepEqual(stack, [], 'every component ends');
  return { calendar, events };
}

type Outbox = { kind: string; registration_id: string; message: { to: string; subject: string; text: string; ics?: { content: string; method?: string } } };

for (const backend of BACKENDS) {
  describe(`what changes reach on ${backend}`, () => {
    let s: TestServer;
    let docs: NetworkDocumentApi;
    const ids: Record<string, string> = {};
    before(async () => {
      ({ s, docs } = await startNetworkServer(backend, [gasvrij]));
      for (const who of ['a', 'b', 'c']) {
        const r = await s.post('/api/networks/gasvrij/registrations', person(who));
        assert.equal(r.status, 201);
        ids[who] = r.body.id;
      }
      assert.equal((await s.get(`/api/networks/gasvrij`)).body.availability.network.state !== undefined, true);
    });
    after(() => s.close());

    const outbox = async (kind: string): Promise<Outbox[]> =>
      (await s.db.query<any>('SELECT kind, registration_id, message FROM mail_outbox WHERE kind = $1 ORDER BY id', [kind])).rows.map((r) => ({
        ...r,
        message: typeof r.message === 'string' ? JSON.parse(r.message) : r.message,
      }));
    const save = (edit: (doc: any) => void) => docs.save(edit);
    const feedEvent = async (sessionId: string) => readIcs(await (await fetch(`${s.url}/api/networks/gasvrij/calendar.ics`)).text()).events.find((e) => e.UID!.startsWith(`${sessionId}.`));

    test('a dry run says who will be told and shows the e-mail, and sends nothing', async () => {
      const { document: doc, revision } = await docs.edited((d) => (d.sessions[1].start = '2030-04-12T13:30'));
      const res = await docs.changes(doc);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.changes, [{ sessionId: 'tweede', title: 'Tweede bijeenkomst', kinds: ['dated'], recipients: 3 }]);
      assert.equal(res.body.email.subject, 'Datum bekend: Tweede bijeenkomst (Leerkring aardgasvrij)');
      assert.match(res.body.email.text, /Deelnemer a/);
      assert.equal((await s.db.query<any>('SELECT count(*)::int AS n FROM mail_outbox WHERE kind LIKE $1', ['session-%'])).rows[0].n, 0, 'nothing queued');
      assert.equal((await docs.get()).body.revision, revision, 'nothing saved');
      const bad = await docs.changes({ ...doc, title: '' });
      assert.equal(bad.status, 422);
    });

    test('dating the second meeting with an online venue: one e-mail per person, the item with the same UID and SEQUENCE 1; the join link only for people with a place', async () => {
      const statuses = (await s.db.query<any>('SELECT id, status FROM registrations ORDER BY seq')).rows.map((r) => r.status);
      assert.deepEqual(statuses, ['confirmed', 'confirmed', 'waitlisted']);
      await save((doc) => {
        doc.sessions[1].start = '2030-04-12T13:30';
        doc.sessions[1].end = '2030-04-12T16:00';
        doc.sessions[1].venue = { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheime-vergaderlink' };
      });
      const mails = await outbox('session-dated');
      assert.equal(mails.length, 3, 'one each: two with a place, one waiting');
      assert.deepEqual(mails.map((m) => m.registration_id).sort(), Object.values(ids).sort());
      for (const m of mails) {
        assert.equal(m.message.subject, 'Datum bekend: Tweede bijeenkomst (Leerkring aardgasvrij)');
        const ics = readIcs(m.message.ics!.content);
        assert.equal(ics.events.length, 1);
        assert.equal(ics.events[0]!.UID, 'tweede.gasvrij@leerkring');
        assert.equal(ics.events[0]!.SEQUENCE, '1');
        assert.equal(ics.events[0]!.DTSTART, '20300412T113000Z');
        assert.equal(ics.events[0]!.STATUS, 'CONFIRMED');
        const hasPlace = m.registration_id !== ids.c;
        assert.equal(m.message.text.includes('geheime-vergaderlink'), hasPlace, `join link ${hasPlace ? 'for' : 'not for'} ${m.registration_id}`);
        assert.equal(ics.calendar.METHOD ?? 'PUBLISH', 'PUBLISH');
      }
      assert.equal((await feedEvent('tweede'))!.SEQUENCE, '1', 'the feed says the same SEQUENCE');
    });

    test('a time moved in place (no movedFrom) raises SEQUENCE in the feed and in the e-mail', async () => {
      assert.equal((await feedEvent('kickoff'))!.SEQUENCE, '0');
      await save((doc) => {
        doc.sessions[0].start = '2030-03-01T13:00';
        doc.sessions[0].end = '2030-03-01T15:00';
      });
      const mails = await outbox('session-moved');
      assert.equal(mails.length, 3);
      assert.equal(readIcs(mails[0]!.message.ics!.content).events[0]!.SEQUENCE, '1');
      const feed = await feedEvent('kickoff');
      assert.equal(feed!.SEQUENCE, '1');
      assert.equal(feed!.DTSTART, '20300301T120000Z');
      assert.equal((await feedEvent('tweede'))!.SEQUENCE, '1', 'other sessions keep theirs');
    });

    test('a title edit tells nobody; cancelling sends METHOD:CANCEL with the note, the feed says STATUS:CANCELLED', async () => {
      const before = (await s.db.query<any>('SELECT count(*)::int AS n FROM mail_outbox')).rows[0].n;
      await save((doc) => (doc.sessions[1].title = 'Tweede bijeenkomst: warmtenet'));
      assert.equal((await s.db.query<any>('SELECT count(*)::int AS n FROM mail_outbox')).rows[0].n, before, 'no e-mail for a title');
      await save((doc) => {
        doc.sessions[1].status = 'cancelled';
        doc.sessions[1].statusNote = 'De spreker is ziek';
      });
      const mails = await outbox('session-cancelled');
      assert.equal(mails.length, 3);
      for (const m of mails) {
        assert.match(m.message.text, /De spreker is ziek/);
        assert.equal(m.message.ics!.method, 'CANCEL');
        const ics = readIcs(m.message.ics!.content);
        assert.equal(ics.calendar.METHOD, 'CANCEL');
        assert.equal(ics.events[0]!.STATUS, 'CANCELLED');
        assert.equal(ics.events[0]!.SEQUENCE, '2');
      }
      const feed = await feedEvent('tweede');
      assert.equal(feed!.STATUS, 'CANCELLED');
      assert.equal(feed!.SEQUENCE, '2');
      assert.equal(feed!.METHOD, undefined);
    });

    test('the cancellation arrives over SMTP as a text/calendar part with method=CANCEL', async () => {
      const peer = await smtpPeer();
      try {
        await deliverOutbox(s.db, createMailer({ smtpUrl: peer.url, outboxDir: '/nonexistent', from: 'noreply@example.org' }));
        const cancel = peer.received.filter((m) => m.subject?.startsWith('Bijeenkomst gaat niet door'));
        assert.equal(cancel.length, 3);
        const part = cancel[0]!.attachments.find((a) => a.contentType === 'text/calendar');
        assert.ok(part, 'a calendar part');
        assert.match(String(part!.headers.get('content-type') && (part!.headers.get('content-type') as any).params?.method), /CANCEL/i);
        const ics = readIcs(part!.content.toString('utf8'));
        assert.equal(ics.calendar.METHOD, 'CANCEL');
        assert.equal(ics.events[0]!.UID, 'tweede.gasvrij@leerkring');
      } finally {
        await peer.close();
      }
    });
  });
}

for (const backend of BACKENDS) {
  describe(`calendar files and the feed after edits on ${backend}`, () => {
    let s: TestServer;
    let docs: NetworkDocumentApi;
    before(async () => {
      ({ s, docs } = await startNetworkServer(backend, [gasvrijNetwork({ mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } })]));
    });
    after(() => s.close());

    test('the feed revalidates: If-None-Match is a 304 before a save and a 200 with the new revision right after it', async () => {
      const feedUrl = `${s.url}/api/networks/gasvrij/calendar.ics`;
      const first = await fetch(feedUrl);
      const etag = first.headers.get('etag')!;
      assert.ok(etag, 'an ETag');
      const cache = first.headers.get('cache-control') ?? '';
      const maxAge = Number(/max-age=(\d+)/.exec(cache)?.[1] ?? 0);
      assert.ok(/no-cache|must-revalidate/.test(cache), `revalidated: ${cache}`);
      assert.ok(maxAge <= 60, `a save is not hidden for long: ${cache}`);
      await first.text();
      const again = await fetch(feedUrl, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), etag);
      const listed = await fetch(feedUrl, { headers: { 'if-none-match': `"other", W/${etag}` } });
      assert.equal(listed.status, 304, 'a list of validators, weak ones too');
      await docs.save((doc) => (doc.sessions[1].start = '2030-05-20T10:00'));
      const after = await fetch(feedUrl, { headers: { 'if-none-match': etag } });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get('etag'), etag);
      assert.equal(readIcs(await after.text()).events.find((e) => e.UID!.startsWith('tweede.'))!.DTSTART, '20300520T080000Z');
    });

    test('a confirmation sent after two edits carries the SEQUENCE of the revision history, the same as the feed', async () => {
      for (const start of ['2030-03-01T13:00', '2030-03-01T14:00']) {
        await docs.save((doc) => {
          doc.sessions[0].start = start;
          doc.sessions[0].end = start.replace(/T1(\d)/, (_m: string, h: string) => `T1${Number(h) + 2}`);
        });
      }
      const feed = readIcs(await (await fetch(`${s.url}/api/networks/gasvrij/calendar.ics`)).text()).events.find((e) => e.UID!.startsWith('kickoff.'))!;
      assert.equal(feed.SEQUENCE, '2');
      const r = await s.post('/api/networks/gasvrij/registrations', person('laat'));
      assert.equal(r.status, 201);
      assert.equal(r.body.status, 'confirmed');
      // Composed when it is sent (issue 11): the calendar file as delivered.
      const mail = (await deliverAll(s.db)).find((m) => recipient(m) === 'deelnemerlaat@example.org')!;
      const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      assert.ok(ics, 'the confirmation has a calendar file');
      const event = readIcs(ics.content.toString('utf8')).events.find((e) => e.UID!.startsWith('kickoff.'))!;
      assert.equal(event.SEQUENCE, feed.SEQUENCE);
      assert.equal(event.DTSTAMP, feed.DTSTAMP);
      const own = /\/api\/calendar\/[^/\s]+\/agenda\.ics/.exec(mail.text!)?.[0];
      assert.ok(own, 'the confirmation names the personal feed');
      const personal = readIcs(await (await fetch(s.url + own)).text()).events.find((e) => e.UID!.startsWith('kickoff.'))!;
      assert.equal(personal.SEQUENCE, feed.SEQUENCE, 'the personal feed says the same');
    });
  });
}

const reeks = network({
  id: 'reeks',
  title: 'Leerkring reeks',
  sessions: [
    { id: 'een', title: 'Bijeenkomst 1', type: 'other', start: '2030-03-01T10:00', end: '2030-03-01T12:00', venue: { type: 'physical', name: 'Provinciehuis', city: 'Zwolle' } },
    { id: 'twee', title: 'Bijeenkomst 2', type: 'other' },
    { id: 'drie', title: 'Bijeenkomst 3', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00' },
    { id: 'vier', title: 'Bijeenkomst 4', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T12:00' },
  ],
  registration: { mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

for (const backend of BACKENDS) {
  describe(`one e-mail per person per save on ${backend}`, () => {
    let s: TestServer;
    let owner: SignedIn;
    let docs: NetworkDocumentApi;
    const ids: string[] = [];
    before(async () => {
      ({ s, owner, docs } = await startNetworkServer(backend, [reeks]));
      for (const who of ['p', 'q']) {
        const r = await s.post('/api/networks/reeks/registrations', person(who));
        assert.equal(r.status, 201);
        ids.push(r.body.id);
      }
    });
    after(() => s.close());

    const mails = async (): Promise<Outbox[]> =>
      (await s.db.query<any>(`SELECT kind, registration_id, message FROM mail_outbox WHERE kind LIKE 'session-%' ORDER BY id`)).rows.map((r) => ({
        ...r,
        message: typeof r.message === 'string' ? JSON.parse(r.message) : r.message,
      }));
    const clear = () => s.db.query(`DELETE FROM mail_outbox WHERE kind LIKE 'session-%'`);
    const save = (edit: (doc: any) => void) => docs.save(edit);
    const feedEvent = async (id: string) => readIcs(await (await fetch(`${s.url}/api/networks/reeks/calendar.ics`)).text()).events.find((e) => e.UID === `${id}.reeks@leerkring`);

    test('a save that dates one session and moves another: one e-mail each, listing both, one calendar file with both events; the dry run says the same', async () => {
      const change = (doc: any) => {
        doc.sessions[0].start = '2030-03-08T10:00';
        doc.sessions[0].end = '2030-03-08T12:00';
        doc.sessions[1].start = '2030-04-12T13:30';
        doc.sessions[1].end = '2030-04-12T16:00';
      };
      const { document: doc } = await docs.edited(change);
      const dry = await docs.changes(doc);
      assert.equal(dry.status, 200, dry.text);
      assert.equal(dry.body.emails, 2, 'two e-mails, one per person');
      assert.deepEqual(dry.body.changes.map((c: any) => [c.sessionId, c.recipients]), [['een', 2], ['twee', 2]]);
      assert.equal(dry.body.email.subject, 'Wijzigingen in Leerkring reeks');
      await save(change);
      const sent = await mails();
      assert.equal(sent.length, 2);
      assert.deepEqual(sent.map((m) => m.registration_id).sort(), [...ids].sort());
      for (const m of sent) {
        assert.equal(m.kind, 'session-changes');
        assert.equal(m.message.subject, dry.body.email.subject);
        assert.match(m.message.text, /Bijeenkomst 1/);
        assert.match(m.message.text, /Bijeenkomst 2/);
        assert.equal(m.message.moreIcs, undefined, 'nothing cancelled, one file');
        const ics = readIcs(m.message.ics!.content);
        assert.equal(ics.calendar.METHOD ?? 'PUBLISH', 'PUBLISH');
        assert.deepEqual(ics.events.map((e) => e.UID), ['een.reeks@leerkring', 'twee.reeks@leerkring']);
        assert.deepEqual(ics.events.map((e) => e.SEQUENCE), [(await feedEvent('een'))!.SEQUENCE, (await feedEvent('twee'))!.SEQUENCE]);
        assert.deepEqual(ics.events.map((e) => e.SEQUENCE), ['1', '1']);
      }
      await clear();
    });

    test('moving one and cancelling another: an update file and a METHOD:CANCEL file, both arriving over SMTP', async () => {
      await save((doc) => {
        doc.sessions[0].start = '2030-03-15T10:00';
        doc.sessions[0].end = '2030-03-15T12:00';
        doc.sessions[2].status = 'cancelled';
      });
      const sent = await mails();
      assert.equal(sent.length, 2);
      const m = sent[0]!.message;
      assert.equal(readIcs(m.ics!.content).events[0]!.UID, 'een.reeks@leerkring');
      assert.equal(m.moreIcs?.length, 1);
      const cancel = readIcs(m.moreIcs![0]!.content);
      assert.equal(cancel.calendar.METHOD, 'CANCEL');
      assert.deepEqual(cancel.events.map((e) => [e.UID, e.STATUS, e.SEQUENCE]), [['drie.reeks@leerkring', 'CANCELLED', '1']]);
      const peer = await smtpPeer();
      try {
        await deliverOutbox(s.db, createMailer({ smtpUrl: peer.url, outboxDir: '/nonexistent', from: 'noreply@example.org' }));
        const got = peer.received.find((r) => r.subject === 'Wijzigingen in Leerkring reeks')!;
        const parts = got.attachments.filter((a) => a.contentType === 'text/calendar');
        const methods = parts.map((p) => String((p.headers.get('content-type') as any)?.params?.method).toUpperCase()).sort();
        assert.deepEqual(methods, ['CANCEL', 'PUBLISH']);
      } finally {
        await peer.close();
      }
      await clear();
    });

    test('a session removed from the document: a cancellation with the same UID; the registrations stay', async () => {
      const before = (await s.db.query<any>('SELECT id, status FROM registrations ORDER BY seq')).rows;
      await save((doc) => (doc.sessions = doc.sessions.filter((x: any) => x.id !== 'vier')));
      const sent = await mails();
      assert.equal(sent.length, 2);
      for (const m of sent) {
        assert.equal(m.kind, 'session-removed');
        assert.equal(m.message.subject, 'Bijeenkomst gaat niet door: Bijeenkomst 4 (Leerkring reeks)');
        // With the date it had, so two sessions of one title can be told apart (issue 23).
        assert.match(m.message.text, /staat niet meer op het programma\.\nDit ging over de bijeenkomst van zaterdag 1 juni 2030, 10\.00 uur\.\n\nHet agendabestand in de bijlage haalt de bijeenkomst uit je agenda\./);
        assert.equal(m.message.ics!.method, 'CANCEL');
        const ics = readIcs(m.message.ics!.content);
        assert.equal(ics.calendar.METHOD, 'CANCEL');
        assert.deepEqual(ics.events.map((e) => [e.UID, e.STATUS, e.SEQUENCE, e.DTSTART]), [['vier.reeks@leerkring', 'CANCELLED', '1', '20300601T080000Z']]);
      }
      assert.deepEqual((await s.db.query<any>('SELECT id, status FROM registrations ORDER BY seq')).rows, before);
      await clear();
    });

    test('a restore that makes a dated session undated: "the date is no longer fixed" with a CANCEL of the old item', async () => {
      const revisions = (await s.request('GET', '/api/admin/networks/reeks/revisions', { headers: owner.headers })).body;
      const list = Array.isArray(revisions) ? revisions : revisions.revisions;
      const first = Math.min(...list.map((r: any) => r.revision));
      const res = await s.request('POST', `/api/admin/networks/reeks/revisions/${first}/restore`, { headers: { ...owner.headers, 'if-match': (await docs.get()).etag! }, body: {} });
      assert.ok(res.status === 200 || res.status === 201, res.text);
      const sent = await mails();
      assert.equal(sent.length, 2, 'one each');
      const m = sent[0]!.message;
      assert.equal(sent[0]!.kind, 'session-changes');
      assert.match(m.text, /De datum van Bijeenkomst 2 staat niet meer vast/);
      assert.doesNotMatch(m.text, /Wanneer: *\n/);
      const files = [m.ics!, ...(m.moreIcs ?? [])];
      const cancel = readIcs(files.find((f) => f.method === 'CANCEL')!.content);
      const twee = cancel.events.find((e) => e.UID === 'twee.reeks@leerkring')!;
      assert.equal(twee.DTSTART, '20300412T113000Z', 'the old item, as it was');
      assert.equal(twee.STATUS, 'CANCELLED');
      assert.equal(twee.SEQUENCE, '2');
      assert.equal(await feedEvent('twee'), undefined, 'no date, no item in the feed');
      // The same restore brings back Bijeenkomst 4, removed by the save before: its people (whose
      // registrations were kept) hear it is on again, with its item one SEQUENCE above the CANCEL.
      assert.match(m.text, /De datum van Bijeenkomst 4 is bekend/);
      const back = readIcs(files.find((f) => f.method !== 'CANCEL')!.content).events.find((e) => e.UID === 'vier.reeks@leerkring')!;
      assert.equal(back.STATUS ?? 'CONFIRMED', 'CONFIRMED');
      assert.equal(back.SEQUENCE, '2');
      assert.equal(back.DTSTART, '20300601T080000Z');
      assert.equal((await feedEvent('vier'))!.SEQUENCE, '2', 'the same as the feed');
      await clear();
    });
  });
}

// A network where people register per session: someone with a place in two sessions that both
// change hears of it once, with both sessions and the link to manage each registration.
const perSession = twoWorkshops({ id: 'los', title: 'Losse workshops', capacity: 20, titles: ['Workshop 1', 'Workshop 2'], starts: ['2030-03-01', '2030-04-01'] });

for (const backend of BACKENDS) {
  describe(`one e-mail per person per save, also with a registration per session, on ${backend}`, () => {
    let s: TestServer;
    let docs: NetworkDocumentApi;
    const tokens: Record<string, string> = {};
    before(async () => {
      ({ s, docs } = await startNetworkServer(backend, [perSession]));
      for (const [who, sessionId] of [['p', 'een'], ['p', 'twee'], ['q', 'twee']] as const) {
        const r = await s.post('/api/networks/los/registrations', { ...person(who), sessionId });
        assert.equal(r.status, 201, r.text);
        tokens[`${who}-${sessionId}`] = r.body.manageToken;
      }
    });
    after(() => s.close());

    test('moving both workshops: p gets one e-mail with both and both manage links, q one; the dry run counts two e-mails', async () => {
      const change = (doc: any) => {
        doc.sessions[0].start = '2030-03-08T10:00';
        doc.sessions[0].end = '2030-03-08T12:00';
        doc.sessions[1].start = '2030-04-08T10:00';
        doc.sessions[1].end = '2030-04-08T12:00';
      };
      const { document: doc } = await docs.edited(change);
      const dry = await docs.changes(doc);
      assert.equal(dry.status, 200, dry.text);
      assert.deepEqual(dry.body.changes.map((c: any) => [c.sessionId, c.recipients]), [['een', 1], ['twee', 2]]);
      assert.equal(dry.body.emails, 2, 'two people, two e-mails');
      await docs.save(change);
      const { rows } = await s.db.query<any>(`SELECT kind, message FROM mail_outbox WHERE kind LIKE 'session-%' ORDER BY id`);
      const sent = rows.map((r) => ({ kind: r.kind as string, message: typeof r.message === 'string' ? JSON.parse(r.message) : r.message }));
      assert.deepEqual(sent.map((m) => m.message.to).sort(), ['deelnemerp@example.org', 'deelnemerq@example.org']);
      const p = sent.find((m) => m.message.to === 'deelnemerp@example.org')!;
      assert.equal(p.kind, 'session-changes');
      assert.match(p.message.text, /Workshop 1/);
      assert.match(p.message.text, /Workshop 2/);
      for (const key of ['p-een', 'p-twee']) assert.ok(p.message.text.includes(tokens[key]!), `the manage link of ${key}:\n${p.message.text}`);
      assert.deepEqual(readIcs(p.message.ics.content).events.map((e) => e.UID), ['een.los@leerkring', 'twee.los@leerkring']);
      const q = sent.find((m) => m.message.to === 'deelnemerq@example.org')!;
      assert.equal(q.kind, 'session-moved');
      assert.ok(q.message.text.includes(tokens['q-twee']!), q.message.text);
      assert.ok(!q.message.text.includes('Workshop 1'), 'q hears only of their own workshop');
    });
  });
}
