/**
 * Issue 15: owners read and save the whole network document through the organiser API, with
 * its revision as ETag and If-Match; a save on an older revision is a 412 that says what changed.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, gasvrijNetwork, networkDocumentApi, signInAs, startNetworkServer, type SignedIn, type TestServer } from './helpers.js';
import { AdminClient, formatProblem, parseNetwork, type AdminFetchLike } from '../../src/core/index.js';

const gasvrij = gasvrijNetwork();

for (const backend of BACKENDS) {
  describe(`the network document through the organiser API on ${backend}`, () => {
    let s: TestServer;
    let owner: SignedIn;
    let second: SignedIn;
    let helper: SignedIn;
    before(async () => {
      ({ s, owner } = await startNetworkServer(backend, [gasvrij]));
      second = await signInAs(s, 'mede-eigenaar@gasvrij.example.org', { gasvrij: 'owner' });
      helper = await signInAs(s, 'helper@gasvrij.example.org', { gasvrij: 'organiser' });
    });
    after(() => s.close());

    const doc = (who: SignedIn) => networkDocumentApi(s.url, 'gasvrij', who.headers).get();
    const put = (who: SignedIn, body: unknown, ifMatch?: string) => networkDocumentApi(s.url, 'gasvrij', who.headers).put(body, ifMatch);

    test('GET gives the document with its revision as ETag; only owners may', async () => {
      const res = await doc(owner);
      assert.equal(res.status, 200);
      assert.equal(res.etag, '"1"');
      assert.equal(res.body.revision, 1);
      assert.equal(res.body.document.id, 'gasvrij');
      assert.equal((await doc(helper)).status, 403);
    });

    test('PUT: without If-Match 428; invalid 422 with every problem as the validator words it; another id 422', async () => {
      const { body, etag } = await doc(owner);
      const missing = await put(owner, body.document);
      assert.equal(missing.status, 428);
      assert.equal(missing.body.error.code, 'if-match-required');

      const broken = { ...body.document, title: '', sessions: [{ ...body.document.sessions[0], start: 'gisteren' }, body.document.sessions[1]] };
      const invalid = await put(owner, broken, etag!);
      assert.equal(invalid.status, 422);
      const expected = parseNetwork(broken);
      assert.equal(expected.ok, false);
      if (expected.ok) return;
      assert.ok(expected.problems.length >= 2);
      assert.deepEqual(invalid.body.error.issues.map((i: any) => i.line), expected.problems.map((p) => formatProblem(p, 'nl')), 'the same paths and sentences as leerkring validate');
      assert.ok(invalid.body.error.issues.some((i: any) => i.path === 'title'));
      assert.ok(invalid.body.error.issues.some((i: any) => i.path.startsWith('sessions[0]')));

      const other = await put(owner, { ...body.document, id: 'iets-anders' }, etag!);
      assert.equal(other.status, 422);
      assert.equal(other.body.error.issues[0].path, 'id');
      assert.equal((await doc(owner)).etag, '"1"', 'nothing was saved');
    });

    test('two owners save the same revision: the second gets a 412 saying who changed what; nothing is overwritten', async () => {
      const start = await doc(owner);
      const other = await doc(second);
      const sessions = structuredClone(start.body.document.sessions);
      sessions[1] = { ...sessions[1], start: '2030-04-12T13:30', end: '2030-04-12T16:00', venue: { type: 'physical', name: 'Gemeentehuis', city: 'Deventer' } };
      const first = await put(owner, { ...start.body.document, sessions }, start.etag!);
      assert.equal(first.status, 200, first.text);
      const newTag = `"${start.body.revision + 1}"`;
      assert.equal(first.headers.get('etag'), newTag);

      const late = await put(second, { ...other.body.document, title: 'Titel van de tweede' }, other.etag!);
      assert.equal(late.status, 412);
      assert.equal(late.body.error.code, 'stale');
      assert.equal(late.headers.get('etag'), newTag);
      assert.equal(late.body.error.between.length, 1);
      const between = late.body.error.between[0];
      assert.equal(between.revision, start.body.revision + 1);
      assert.equal(between.author, owner.organiserId);
      assert.deepEqual(between.paths, ['sessions']);
      assert.deepEqual(between.sessions, ['tweede']);

      const now = await doc(second);
      assert.equal(now.body.document.title, 'Leerkring aardgasvrij', 'the second save did not land');
      // The public page serves the new date at once, without a restart.
      const pub = await s.get('/api/networks/gasvrij');
      assert.equal(pub.body.network.sessions[1].start, '2030-04-12T13:30');
      const feed = await (await fetch(`${s.url}/api/networks/gasvrij/calendar.ics`)).text();
      assert.match(feed, /DTSTART:20300412T113000Z/);
    });

    test('revisions are listed with author and changes; an old one is restored as a new revision; audit says so', async () => {
      const list = await s.request('GET', '/api/admin/networks/gasvrij/revisions', { headers: owner.headers });
      assert.equal(list.status, 200);
      const revisions = list.body.revisions;
      assert.deepEqual(revisions.map((r: any) => r.revision), [2, 1]);
      assert.equal(revisions[1].author, 'import');
      assert.equal(revisions[0].authorName !== undefined, true);

      const one = await s.request('GET', '/api/admin/networks/gasvrij/revisions/1', { headers: owner.headers });
      assert.equal(one.status, 200);
      assert.equal(one.body.document.sessions[1].start, undefined);
      assert.equal((await s.request('GET', '/api/admin/networks/gasvrij/revisions/99', { headers: owner.headers })).status, 404);

      const restored = await s.request('POST', '/api/admin/networks/gasvrij/revisions/1/restore', { headers: owner.headers, body: {} });
      assert.equal(restored.status, 200, restored.text);
      assert.equal(restored.body.revision, 3);
      assert.equal((await s.get('/api/networks/gasvrij')).body.network.sessions[1].start, undefined);

      const audit = await s.request('GET', '/api/admin/networks/gasvrij/audit', { headers: owner.headers });
      const actions = audit.body.entries.map((e: any) => e.action);
      assert.ok(actions.includes('network-saved'));
      assert.ok(actions.includes('network-restored'));
      const restoredEntry = audit.body.entries.find((e: any) => e.action === 'network-restored');
      assert.deepEqual({ revision: restoredEntry.detail.revision, restored: restoredEntry.detail.restored }, { revision: 3, restored: 1 });
    });

    test('an owner creates a network as a copy, and owns it; an organiser who owns nothing may not', async () => {
      const created = await s.request('POST', '/api/admin/networks', { headers: owner.headers, body: { copyFrom: 'gasvrij', id: 'gasvrij-2031' } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.revision, 1);
      // Issue 24: a copy is a draft until its owner publishes it; its organisers see it.
      assert.equal((await s.get('/api/networks/gasvrij-2031')).status, 404, 'a copy starts as a draft');
      assert.equal((await s.request('GET', '/api/admin/networks/gasvrij-2031', { headers: owner.headers })).status, 200, 'the creator owns it');
      const seen = await s.request('GET', '/api/admin/networks/gasvrij-2031/network', { headers: owner.headers });
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.body.network.draft, true);
      const doc = created.body.document;
      const published = await s.request('PUT', '/api/admin/networks/gasvrij-2031', { headers: { ...owner.headers, 'if-match': '"1"' }, body: { ...doc, draft: false } });
      assert.equal(published.status, 200, published.text);
      assert.equal((await s.get('/api/networks/gasvrij-2031')).status, 200, 'public once the owner says so');
      const again = await s.request('POST', '/api/admin/networks', { headers: owner.headers, body: { copyFrom: 'gasvrij', id: 'gasvrij-2031' } });
      assert.equal(again.status, 409);
      const notOwner = await s.request('POST', '/api/admin/networks', { headers: helper.headers, body: { copyFrom: 'gasvrij', id: 'gasvrij-2032' } });
      assert.equal(notOwner.status, 403);
      const fromScratch = await s.request('POST', '/api/admin/networks', { headers: owner.headers, body: { document: { id: 'leeg' } } });
      assert.equal(fromScratch.status, 422);
      assert.ok(fromScratch.body.error.issues.length > 1, 'every problem at once');
    });

    test('AdminClient: networkDocument, saveNetwork with the revision, revisions', async () => {
      const client = new AdminClient(s.url, { fetch: ((url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...owner.headers } } as RequestInit)) as AdminFetchLike });
      const got = await client.networkDocument('gasvrij');
      assert.ok(got.ok);
      if (!got.ok) return;
      const saved = await client.saveNetwork('gasvrij', { ...(got.value.document as object), title: 'Via de client' }, got.value.revision);
      assert.ok(saved.ok, JSON.stringify(saved));
      const stale = await client.saveNetwork('gasvrij', got.value.document, got.value.revision);
      assert.equal(stale.ok, false);
      if (!stale.ok) assert.equal(stale.status, 412);
      const revisions = await client.revisions('gasvrij');
      assert.ok(revisions.ok && revisions.value.revisions[0]!.paths.includes('title'));
    });
  });
}
