import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, network, person, openTestDb, injectedFormToken, smtpPeer, BACKENDS, ADMIN_TOKEN, type TestServer } from './helpers.js';
import { buildServer, createMailer, deliverOutbox, RegistrationService } from '../../src/server/index.js';
import { sha256 } from '../../src/server/tokens.js';

describe('e-mail over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof smtpPeer>>;
  before(async () => {
    smtp = await smtpPeer();
  });
  after(() => smtp.close());

  test('confirmation with the .ics and manage link; cancel and moved-up mails; join link only for people with a place', async () => {
    const { db, dir } = await openTestDb('pglite');
    const n = network({ registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } } });
    const { app } = await buildServer({
      db,
      networks: new Map([[n.id, n]]),
      secret: Buffer.from('s'.repeat(32)),
      adminTokenHash: sha256('x'),
      rateLimitPerMinute: 0,
      minFillMs: 0,
      manageUrl: 'https://www.example.org/aanmelding#token={token}',
    });
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: join(dir, 'outbox'), from: 'Gemeente Voorbeeld <noreply@example.org>' });
    try {
      const formToken = await injectedFormToken(app, 'test');
      const a = await app.inject({ method: 'POST', url: '/api/networks/test/registrations', payload: { ...person('a'), formToken } });
      const b = await app.inject({ method: 'POST', url: '/api/networks/test/registrations', payload: { ...person('b'), locale: 'en', formToken } });
      assert.deepEqual([a.statusCode, b.statusCode], [201, 201]);
      assert.deepEqual(await deliverOutbox(db, mailer), { sent: 2, failed: 0 });
      const [first, second] = smtp.received.splice(0);
      assert.equal(first!.subject, 'Bevestiging van je aanmelding: Testworkshop');
      assert.equal(first!.to && 'text' in first!.to ? first!.to.text : '', 'deelnemera@example.org');
      assert.match(first!.text!, /^Beste \u2068Deelnemer a\u2069,\r?\n/);
      assert.match(first!.text!, /Deelnemen online: https:\/\/example\.org\/geheime-link/);
      assert.ok(first!.text!.includes(`https://www.example.org/aanmelding#token=${encodeURIComponent(a.json().manageToken)}`));
      const ics = first!.attachments.find((x) => x.contentType.startsWith('text/calendar'));
      assert.ok(ics, 'the confirmation carries the calendar file');
      assert.match(ics!.content.toString(), /DTSTART:20300501T080000Z/);
      assert.equal(second!.subject, 'You are on the waiting list: Testworkshop');
      assert.match(second!.text!, /at position 1/);
      assert.equal(second!.text!.includes('geheime-link'), false, 'no join link without a place');

      const cancel = await app.inject({ method: 'POST', url: `/api/registrations/${a.json().manageToken}/cancel` });
      assert.equal(cancel.json().status, 'cancelled');
      await deliverOutbox(db, mailer);
      const subjects = smtp.received.splice(0).map((m) => m.subject).sort();
      assert.deepEqual(subjects, ['A place has become free: Testworkshop', 'Je bent afgemeld: Testworkshop']);
      // Sent messages leave no text (with its manage link) behind in the database.
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE message IS NOT NULL');
      assert.equal(rows[0]!.n, 0);
    } finally {
      await app.close();
      await db.close();
    }
  });

  test('without SMTP the messages are written as .eml files', async () => {
    const { db, dir } = await openTestDb('pglite');
    const n = network({});
    const store = new RegistrationService(db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 3) });
    await store.register(n, person('eml'));
    const outbox = join(dir, 'outbox');
    await deliverOutbox(db, createMailer({ outboxDir: outbox, from: 'noreply@example.org' }));
    const files = readdirSync(outbox);
    assert.equal(files.length, 1);
    const eml = readFileSync(join(outbox, files[0]!), 'utf8');
    assert.match(eml, /^Subject: Bevestiging van je aanmelding: Testworkshop/m);
    assert.match(eml, /Content-Type: text\/calendar/);
    await db.close();
  });
});

for (const backend of BACKENDS) {
  describe(`organisers on ${backend}`, () => {
    let s: TestServer;
    const intake = network({
      id: 'intake',
      registration: {
        mode: 'built-in',
        capacity: 2,
        waitlist: { enabled: true },
        approval: { required: true },
        questions: [{ id: 'motivatie', label: 'Motivatie', type: 'text' }],
        fields: { organisation: 'optional', organisationType: 'off' },
      },
    });
    before(async () => {
      s = await startServer(backend, [intake]);
    });
    after(() => s.close());

    test('need the bearer token', async () => {
      const res = await fetch(`${s.url}/api/admin/networks/intake/registrations`);
      assert.equal(res.status, 401);
      const wrong = await fetch(`${s.url}/api/admin/networks/intake/registrations`, { headers: { authorization: 'Bearer nope' } });
      assert.equal(wrong.status, 401);
    });

    test('accept and reject intakes with a reason; the waiting list moves up into the freed place', async () => {
      const ids: string[] = [];
      for (const who of ['a', 'b', 'c']) ids.push((await s.post('/api/networks/intake/registrations', person(who))).body.id);
      let list = (await s.admin('GET', '/api/admin/networks/intake/registrations')).body.registrations;
      assert.deepEqual(list.map((r: any) => r.status), ['pending', 'pending', 'waitlisted']);
      assert.equal((await s.admin('POST', `/api/admin/registrations/${ids[0]}/accept`, {})).body.status, 'confirmed');
      const noReason = await s.admin('POST', `/api/admin/registrations/${ids[1]}/reject`, {});
      assert.equal(noReason.status, 422, 'a rejection without a reason is an invalid request');
      assert.deepEqual(noReason.body.error.issues.map((i: any) => i.path), ['reason']);
      const rejected = await s.admin('POST', `/api/admin/registrations/${ids[1]}/reject`, { reason: 'Past niet bij de doelgroep' });
      assert.equal(rejected.body.status, 'rejected');
      list = (await s.admin('GET', '/api/admin/networks/intake/registrations')).body.registrations;
      assert.deepEqual(list.map((r: any) => [r.status, r.reason]), [['confirmed', null], ['rejected', 'Past niet bij de doelgroep'], ['pending', null]]);
      assert.equal((await s.admin('POST', `/api/admin/registrations/${ids[0]}/accept`, {})).status, 409);
    });

    test('move someone from the waiting list, and record attendance', async () => {
      const extra = (await s.post('/api/networks/intake/registrations', person('d'))).body;
      assert.equal(extra.status, 'waitlisted');
      const moved = await s.admin('POST', `/api/admin/registrations/${extra.id}/move-up`);
      assert.equal(moved.body.status, 'pending');
      const att = await s.admin('PUT', `/api/admin/registrations/${extra.id}/attendance`, { sessionId: 'dag', present: true });
      assert.deepEqual(att.body.attendance, { dag: true });
      assert.equal((await s.admin('PUT', `/api/admin/registrations/${extra.id}/attendance`, { sessionId: 'dag' })).status, 422);
    });

    test('export a CSV that opens cleanly in a spreadsheet, formulas neutralised', async () => {
      await s.post('/api/networks/intake/registrations', { ...person('csv', { organisation: '=HYPERLINK("https://evil.example")' }), answers: { motivatie: '+31 6 1234' } });
      const res = await fetch(`${s.url}/api/admin/networks/intake/registrations.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a UTF-8 byte-order mark');
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(text.startsWith('"Naam";"E-mail";'), 'Dutch headers (export-csv.test.ts checks the rest)');
      assert.ok(text.includes(`"'=HYPERLINK(""https://evil.example"")"`));
      assert.ok(text.includes(`"'+31 6 1234"`));
      assert.equal(/(^|;)"[=+\-@]/m.test(text), false, 'no cell starts with a formula character');
    });
  });
}

describe('privacy', () => {
  test('personal data is removed after the retention period', async () => {
    const { db } = await openTestDb('pglite');
    const n = network({ id: 'oud', registration: { mode: 'built-in', privacy: { retentionDays: 30 }, fields: { organisation: 'optional', organisationType: 'off' } } });
    let now = new Date('2030-04-01T00:00:00Z');
    const store = new RegistrationService(db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 5), now: () => now });
    await store.register(n, person('oud'));
    now = new Date('2030-05-20T00:00:00Z');
    assert.equal(await store.purgeExpired(), 0, 'not yet: 30 days after the session is 31 May');
    now = new Date('2030-06-01T00:00:00Z');
    assert.equal(await store.purgeExpired(), 1);
    const rows = await store.list('oud');
    assert.deepEqual(rows[0]!.participant, {});
    assert.ok(rows[0]!.email_lower.startsWith('erased:'));
    assert.ok(rows[0]!.erased_at);
    await db.close();
  });

  test('logs name the route, never a token, an e-mail address or a name', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const { db } = await openTestDb('pglite');
    const n = network({});
    const { app } = await buildServer({ db, networks: new Map([[n.id, n]]), secret: Buffer.alloc(32, 6), adminTokenHash: sha256('x'), rateLimitPerMinute: 0, minFillMs: 0, logger: { stream } });
    try {
      const formToken = await injectedFormToken(app, 'test');
      const r = await app.inject({ method: 'POST', url: '/api/networks/test/registrations', payload: { ...person('geheim', { organisation: 'Geheime Organisatie' }), formToken } });
      const token = r.json().manageToken as string;
      await app.inject({ method: 'GET', url: `/api/registrations/${token}` });
      await app.inject({ method: 'POST', url: `/api/registrations/${token}/cancel` });
      const log = lines.join('');
      assert.match(log, /"route":"\/api\/registrations\/:token"/);
      assert.match(log, /"route":"\/api\/networks\/:networkId\/registrations"/);
      for (const secret of [token, token.split('.')[0]!, 'deelnemergeheim@example.org', 'Deelnemer geheim', 'Geheime Organisatie'])
        assert.equal(log.includes(secret), false, `the log contains ${secret}`);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
