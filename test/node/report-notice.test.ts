/**
 * Issue 15: after a session with attendance recorded, attaching a report can tell the people who
 * came: an explicit choice of an organiser, through the outbox, once per person per report, and
 * never to people who did not come.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, network, person, signInAs, startNetworkServer, type NetworkDocumentApi, type SignedIn, type TestServer } from './helpers.js';
import { AdminClient, ADMIN_ROUTES, type AdminFetchLike } from '../../src/core/index.js';

const groen = network({
  id: 'groen',
  title: 'Netwerk groene domein',
  sessions: [
    { id: 'maart', title: 'Bijeenkomst maart', type: 'other', start: '2030-03-01T10:00', end: '2030-03-01T12:00' },
    { id: 'april', title: 'Bijeenkomst april', type: 'other', start: '2030-04-01T10:00', end: '2030-04-01T12:00' },
  ],
  registration: { mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

const REPORT = { type: 'report', title: 'Verslag maart', url: 'https://example.org/verslag-maart.pdf' };

for (const backend of BACKENDS) {
  describe(`telling those who came about a report on ${backend}`, () => {
    let s: TestServer;
    let owner: SignedIn;
    let docs: NetworkDocumentApi;
    let clock = new Date('2030-02-01T09:00:00Z');
    const ids: Record<string, string> = {};
    const path = (sessionId: string) => `/api/admin/networks/groen/sessions/${sessionId}/report-notice`;
    before(async () => {
      ({ s, owner, docs } = await startNetworkServer(backend, [groen], { extra: { now: () => clock } }));
      for (const who of ['kwam', 'ookkwam', 'niet', 'onbekend']) {
        const r = await s.post('/api/networks/groen/registrations', person(who));
        assert.equal(r.status, 201, JSON.stringify(r.body));
        ids[who] = r.body.id;
      }
      clock = new Date('2030-03-02T09:00:00Z');
      for (const [who, present] of [['kwam', true], ['ookkwam', true], ['niet', false]] as const) {
        const r = await s.request('PUT', `/api/admin/registrations/${ids[who]}/attendance`, { headers: owner.headers, body: { sessionId: 'maart', present } });
        assert.equal(r.status, 200, r.text);
      }
    });
    after(() => s.close());

    const notices = async () =>
      (await s.db.query<any>(`SELECT registration_id, message FROM mail_outbox WHERE kind = 'report' ORDER BY id`)).rows.map((r) => ({
        id: r.registration_id as string,
        message: typeof r.message === 'string' ? JSON.parse(r.message) : r.message,
      }));

    test('a session without the report attached is a 422 that says so; an unknown session a 404', async () => {
      const missing = await s.request('POST', path('maart'), { headers: owner.headers, body: { report: REPORT.url } });
      assert.equal(missing.status, 422, missing.text);
      assert.equal(missing.body.error.issues[0].path, 'report');
      const unknown = await s.request('POST', path('mei'), { headers: owner.headers, body: { report: REPORT.url } });
      assert.equal(unknown.status, 404);
      const bad = await s.request('POST', path('maart'), { headers: owner.headers, body: { report: 7 } });
      assert.equal(bad.status, 422);
      assert.equal((await notices()).length, 0);
    });

    test('attaching the report tells nobody by itself; the preview says who will get it and sends nothing', async () => {
      await docs.save((doc) => (doc.sessions[0].resources = [REPORT]));
      assert.equal((await notices()).length, 0, 'saving a report is no notice');
      const preview = await s.request('POST', path('maart'), { headers: owner.headers, body: { report: REPORT.url, preview: true } });
      assert.equal(preview.status, 200, preview.text);
      assert.equal(preview.body.recipients, 2);
      assert.equal(preview.body.alreadyTold, 0);
      assert.equal(preview.body.sent, 0);
      assert.match(preview.body.email.subject, /Verslag van Bijeenkomst maart/);
      assert.match(preview.body.email.text, /verslag-maart\.pdf/);
      assert.equal((await notices()).length, 0);
    });

    test('sending: exactly the people recorded as attended, once each, also when asked twice; through the AdminClient', async () => {
      const fetchAs: AdminFetchLike = (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...owner.headers } }) as any;
      const client = new AdminClient(s.url, { fetch: fetchAs });
      const [first, second] = await Promise.all([client.reportNotice('groen', 'maart', { report: REPORT.url }), client.reportNotice('groen', 'maart', { report: REPORT.url })]);
      assert.ok(first.ok && second.ok, JSON.stringify([first, second]));
      assert.equal(first.value.sent + second.value.sent, 2, 'two people, each once');
      const sent = await notices();
      assert.deepEqual(sent.map((n) => n.id).sort(), [ids.kwam, ids.ookkwam].sort());
      assert.equal(sent[0]!.message.to.startsWith('deelnemer'), true);
      const again = await s.request('POST', path('maart'), { headers: owner.headers, body: { report: REPORT.url } });
      assert.equal(again.status, 200);
      assert.equal(again.body.sent, 0);
      assert.equal(again.body.alreadyTold, 2);
      assert.equal((await notices()).length, 2, 'nobody twice');
      const audit = await s.request('GET', '/api/admin/networks/groen/audit', { headers: owner.headers });
      assert.ok(audit.body.entries.some((e: any) => e.action === 'report-notice'));
    });

    test('a second report is a new notice; a session nobody attended tells nobody', async () => {
      await docs.save((doc) => (doc.sessions[0].resources = [REPORT, { type: 'report', title: 'Presentatie', url: 'https://example.org/presentatie.pdf' }]));
      const r = await s.request('POST', path('maart'), { headers: owner.headers, body: { report: 'https://example.org/presentatie.pdf' } });
      assert.equal(r.body.sent, 2);
      await docs.save((doc) => (doc.sessions[1].resources = [{ type: 'report', title: 'Verslag april', url: 'https://example.org/april.pdf' }]));
      const april = await s.request('POST', path('april'), { headers: owner.headers, body: { report: 'https://example.org/april.pdf' } });
      assert.equal(april.status, 200);
      assert.equal(april.body.sent, 0);
      assert.equal(april.body.recipients, 0);
      assert.equal('reportNotice' in ADMIN_ROUTES, true);
    });

    test('a recording is announced as a recording, to those who came (issue 23)', async () => {
      const video = { type: 'video', title: 'Opname maart', url: 'https://example.org/opname-maart' };
      await docs.save((doc) => (doc.sessions[0].resources = [REPORT, video]));
      const r = await s.request('POST', path('maart'), { headers: owner.headers, body: { report: video.url, preview: true } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.recipients, 2);
      assert.match(r.body.email.subject, /^Opname van Bijeenkomst maart/);
      assert.match(r.body.email.text, /De opname staat nu online:\n\nOpname maart\nhttps:\/\/example\.org\/opname-maart/);
      const sent = await s.request('POST', path('maart'), { headers: owner.headers, body: { report: video.url } });
      assert.equal(sent.body.sent, 2);
    });
  });
}
