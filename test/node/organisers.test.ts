import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import {
  startServer,
  network,
  person,
  smtpPeer,
  signInAs,
  signInLinkFor,
  tokenOf,
  BACKENDS,
  type TestServer,
  type SignedIn,
} from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';
import { OrganiserService } from '../../src/server/services/organisers.js';
import { memoryLimit } from '../../src/server/http/organiser-auth.js';
import { sha256 } from '../../src/server/tokens.js';
import { ADMIN_ROUTES, AdminClient, type AdminFetchLike } from '../../src/core/index.js';

/** How many networks the demo has (demo/data). */
const demoNetworks = () => readdirSync('demo/data').filter((f) => f.endsWith('.json')).length;

const intake = (id: string, title: string) =>
  network({
    id,
    title,
    registration: { mode: 'built-in', capacity: 2, waitlist: { enabled: true }, approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } },
  });
const noord = intake('noord', 'Leerkring Noord');
const zuid = intake('zuid', 'Leerkring Zuid');

/** A clock the test moves by hand. */
function manualClock(start = '2030-01-01T09:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const cookieOf = (res: { headers: Headers }) => res.headers.get('set-cookie') ?? '';

for (const backend of BACKENDS) {
  describe(`organiser sign-in on ${backend}`, () => {
    let s: TestServer;
    let smtp: Awaited<ReturnType<typeof smtpPeer>>;
    const clock = manualClock();
    const mailer = () => createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' });
    before(async () => {
      smtp = await smtpPeer();
      s = await startServer(backend, [noord, zuid], { authClock: clock.now, publicUrl: 'https://aanmelden.example.org' });
      await new OrganiserService(s.db).setRole('noord', 'Eigenaar@Noord.example.org', 'owner', { name: 'Eigenaar Noord' });
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    test('the link arrives over SMTP, signs in once, and a reused link is refused', async () => {
      const login = await s.post('/api/admin/login', { email: 'eigenaar@noord.example.org' });
      assert.equal(login.status, 202);
      assert.deepEqual(await deliverOutbox(s.db, mailer()), { sent: 1, failed: 0 });
      const mail = smtp.received.splice(0)[0]!;
      assert.equal(mail.to && 'text' in mail.to ? mail.to.text : '', 'eigenaar@noord.example.org');
      assert.equal(mail.subject, 'Inloggen bij leerkring');
      const link = /https:\/\/aanmelden\.example\.org\/beheer\/#login=([A-Za-z0-9_-]{43})/.exec(mail.text!);
      assert.ok(link, `a console link with the token in its fragment: ${mail.text}`);
      const token = link[1]!;
      // Only its hash is kept; the sent message (with the link) is gone from the database.
      const stored = await s.db.query<{ hash: string }>('SELECT hash FROM sign_in_tokens');
      assert.deepEqual(stored.rows.map((r) => r.hash), [sha256(token)]);
      const left = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'sign-in' AND message IS NOT NULL`);
      assert.equal(left.rows[0]!.n, 0);

      const first = await s.request('POST', '/api/admin/session', { body: { token } });
      assert.equal(first.status, 200);
      assert.equal(first.body.organiser.email, 'eigenaar@noord.example.org');
      assert.equal(first.body.organiser.name, 'Eigenaar Noord');
      assert.deepEqual(first.body.networks, [{ id: 'noord', kind: 'workshop', title: 'Leerkring Noord', role: 'owner' }]);
      const cookie = cookieOf(first);
      // The public address is https: Secure, though this request came to a loopback address (issue 25).
      assert.match(cookie, /^leerkring_session=[A-Za-z0-9_-]{43}; Path=\/api\/admin; HttpOnly; SameSite=Strict; Secure$/, 'Secure by the https public address');
      const me = await s.request('GET', '/api/admin/session', { headers: { cookie: cookie.split(';')[0]! } });
      assert.equal(me.status, 200);
      assert.equal(me.body.organiser.email, 'eigenaar@noord.example.org');

      const again = await s.request('POST', '/api/admin/session', { body: { token } });
      assert.equal(again.status, 401);
      assert.equal(again.body.error.code, 'link-invalid');
      assert.equal(again.headers.get('set-cookie'), null);
    });

    test('a link older than 15 minutes is refused; one of 14 minutes works', async () => {
      await s.post('/api/admin/login', { email: 'eigenaar@noord.example.org' });
      await deliverOutbox(s.db, mailer());
      const late = tokenOf(/\S+#login=\S+/.exec(smtp.received.splice(0)[0]!.text!)![0]);
      clock.advance(15 * MINUTE + 1000);
      assert.equal((await s.request('POST', '/api/admin/session', { body: { token: late } })).status, 401);

      await s.post('/api/admin/login', { email: 'eigenaar@noord.example.org' });
      await deliverOutbox(s.db, mailer());
      const inTime = tokenOf(/\S+#login=\S+/.exec(smtp.received.splice(0)[0]!.text!)![0]);
      clock.advance(14 * MINUTE);
      assert.equal((await s.request('POST', '/api/admin/session', { body: { token: inTime } })).status, 200);
    });

    test('an unknown address gets the same 202 and no e-mail', async () => {
      const known = await s.request('POST', '/api/admin/login', { body: { email: 'eigenaar@noord.example.org' } });
      const unknown = await s.request('POST', '/api/admin/login', { body: { email: 'niemand@example.org' } });
      assert.deepEqual([unknown.status, unknown.text], [known.status, known.text]);
      assert.deepEqual(await deliverOutbox(s.db, mailer()), { sent: 1, failed: 0 });
      assert.deepEqual(smtp.received.splice(0).map((m) => (m.to && 'text' in m.to ? m.to.text : '')), ['eigenaar@noord.example.org']);
      const bad = await s.request('POST', '/api/admin/login', { body: { email: 'geen adres' } });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.issues[0].path, 'email');
    });
  });

  describe(`organiser sessions, tokens and roles on ${backend}`, () => {
    let s: TestServer;
    const clock = manualClock();
    let noordOwner: SignedIn;
    before(async () => {
      s = await startServer(backend, [noord, zuid], { authClock: clock.now });
      noordOwner = await signInAs(s, 'eigenaar@noord.example.org', { noord: 'owner' });
    });
    after(() => s.close());

    test('the cookie is Secure for any host but localhost', async () => {
      const organisers = new OrganiserService(s.db, { now: clock.now });
      const o = (await organisers.byEmail('eigenaar@noord.example.org'))!;
      for (const [host, secure] of [['leerkring.gemeente.example.org', true], ['localhost:8000', false], ['127.0.0.1:8000', false]] as const) {
        const token = tokenOf(await organisers.signInLink(o.id, 'http://x/beheer/'));
        const res = await s.app.inject({ method: 'POST', url: '/api/admin/session', headers: { host, 'content-type': 'application/json' }, payload: { token } });
        assert.equal(res.statusCode, 200);
        const cookie = String(res.headers['set-cookie']);
        assert.match(cookie, /; HttpOnly; SameSite=Strict/);
        assert.equal(cookie.includes('; Secure'), secure, `${host}: ${cookie}`);
      }
    });

    test('sign out ends one session; sign out everywhere ends them all', async () => {
      const laptop = await signInAs(s, 'reiziger@noord.example.org', { noord: 'organiser' });
      const phone = await signInAs(s, 'reiziger@noord.example.org');
      const out = await s.request('DELETE', '/api/admin/session', { headers: laptop.headers });
      assert.equal(out.status, 204);
      assert.match(cookieOf(out), /^leerkring_session=; Path=\/api\/admin; HttpOnly; SameSite=Strict; Max-Age=0$/);
      assert.equal((await s.request('GET', '/api/admin/session', { headers: laptop.headers })).status, 401);
      assert.equal((await s.request('GET', '/api/admin/session', { headers: phone.headers })).status, 200);

      const tablet = await signInAs(s, 'reiziger@noord.example.org');
      assert.equal((await s.request('DELETE', '/api/admin/sessions', { headers: phone.headers })).status, 204);
      for (const device of [phone, tablet]) assert.equal((await s.request('GET', '/api/admin/session', { headers: device.headers })).status, 401);
    });

    test('with a cookie, a state-changing request must come from the console itself', async () => {
      const cookie = { cookie: noordOwner.cookie };
      const tries = [
        { headers: { ...cookie, origin: 'https://evil.example' }, body: { name: 'x' }, status: 403 },
        { headers: { ...cookie, origin: 'null' }, body: { name: 'x' }, status: 403 },
        // A form post: no Origin header (old browsers), no JSON.
        { headers: { ...cookie, 'content-type': 'text/plain' }, raw: '{"name":"x"}', status: 403 },
        { headers: { ...cookie }, body: { name: 'zonder origin, wel JSON' }, status: 201 },
        { headers: { ...cookie, origin: s.url }, body: { name: 'van de console' }, status: 201 },
      ];
      for (const t of tries) {
        const res = await fetch(`${s.url}/api/admin/tokens`, {
          method: 'POST',
          headers: { ...(t.body && { 'content-type': 'application/json' }), ...t.headers },
          body: t.raw ?? JSON.stringify(t.body),
        });
        assert.equal(res.status, t.status, JSON.stringify(t.headers));
        if (t.status === 403) assert.equal(((await res.json()) as any).error.code, 'cross-site');
      }
    });

    test('personal API tokens: the secret shown once, stored hashed, used, listed, revoked', async () => {
      const created = await s.request('POST', '/api/admin/tokens', { headers: noordOwner.headers, body: { name: 'Export script' } });
      assert.equal(created.status, 201);
      const { token, secret } = created.body;
      assert.match(secret, /^lkp_[A-Za-z0-9_-]{43}$/);
      assert.equal(token.name, 'Export script');
      const stored = await s.db.query<{ hash: string }>('SELECT hash FROM api_tokens WHERE id = $1', [token.id]);
      assert.equal(stored.rows[0]!.hash, sha256(secret));

      const bearer = { authorization: `Bearer ${secret}` };
      const list = await s.request('GET', '/api/admin/networks/noord/registrations', { headers: bearer });
      assert.equal(list.status, 200);
      assert.equal((await s.request('GET', '/api/admin/networks/zuid/registrations', { headers: bearer })).status, 403);
      // A leaked token cannot mint tokens that would outlive its own revocation.
      const minted = await s.request('POST', '/api/admin/tokens', { headers: bearer, body: { name: 'nog een' } });
      assert.equal(minted.status, 403);
      assert.equal(minted.body.error.code, 'session-required');

      const listed = await s.request('GET', '/api/admin/tokens', { headers: noordOwner.headers });
      const mine = listed.body.tokens.find((t: any) => t.id === token.id);
      assert.ok(mine.lastUsedAt, 'use is recorded');
      assert.equal(JSON.stringify(listed.body).includes(secret), false, 'the secret is never shown again');
      assert.equal((await s.request('DELETE', `/api/admin/tokens/${token.id}`, { headers: noordOwner.headers })).status, 204);
      const revoked = await s.request('GET', '/api/admin/networks/noord/registrations', { headers: bearer });
      assert.equal(revoked.status, 401);
      assert.equal((await s.request('DELETE', `/api/admin/tokens/${token.id}`, { headers: noordOwner.headers })).status, 404);
      assert.equal((await s.request('GET', '/api/admin/tokens', { headers: noordOwner.headers })).body.tokens.some((t: any) => t.id === token.id), false);
    });

    test('an organiser marked admin runs every network', async () => {
      const admin = await signInAs(s, 'beheer@gemeente.example.org', {}, { admin: true });
      const res = await s.request('GET', '/api/admin/networks', { headers: admin.headers });
      assert.deepEqual(res.body.networks.map((n: any) => [n.id, n.role]), [['noord', 'owner'], ['zuid', 'owner']]);
      assert.equal((await s.request('GET', '/api/admin/networks/zuid/audit', { headers: admin.headers })).status, 200);
    });

    test('LEERKRING_ADMIN_TOKEN is the installation admin: every network, nobody in particular', async () => {
      const me = await s.admin('GET', '/api/admin/session');
      assert.equal(me.status, 200);
      assert.deepEqual(me.body, {
        organiser: null,
        installationAdmin: true,
        networks: [
          { id: 'noord', kind: 'workshop', title: 'Leerkring Noord', role: 'owner' },
          { id: 'zuid', kind: 'workshop', title: 'Leerkring Zuid', role: 'owner' },
        ],
      });
      assert.equal((await s.admin('GET', '/api/admin/networks/zuid/registrations')).status, 200);
      assert.equal((await s.request('GET', '/api/admin/networks/zuid/registrations', { headers: { authorization: 'Bearer wrong' } })).status, 401);
      assert.equal((await s.admin('GET', '/api/admin/networks/nergens/registrations')).status, 404, 'an admin learns that a network does not exist');
    });

    test('owners manage who organises; organisers do the daily work; a network keeps an owner', async () => {
      const put = (who: SignedIn, body: unknown) => s.request('PUT', '/api/admin/networks/noord/organisers', { headers: who.headers, body });
      const added = await put(noordOwner, { email: 'Helper@Noord.example.org', role: 'organiser', name: 'Helper Noord' });
      assert.equal(added.status, 200);
      const helperRow = added.body.organisers.find((o: any) => o.email === 'helper@noord.example.org');
      assert.deepEqual({ ...helperRow, id: undefined }, { id: undefined, email: 'helper@noord.example.org', name: 'Helper Noord', role: 'organiser' });

      const helper = await signInAs(s, 'helper@noord.example.org');
      assert.equal((await s.request('GET', '/api/admin/networks/noord/registrations', { headers: helper.headers })).status, 200);
      for (const [method, path, body] of [
        ['GET', '/api/admin/networks/noord/organisers'],
        ['PUT', '/api/admin/networks/noord/organisers', { email: 'x@example.org', role: 'owner' }],
        ['DELETE', `/api/admin/networks/noord/organisers/${noordOwner.organiserId}`],
        ['GET', '/api/admin/networks/noord/audit'],
      ] as const) {
        const res = await s.request(method, path, { headers: helper.headers, ...(body && { body }) });
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(res.body.error.code, 'owner-required');
      }

      const lastOwner = await put(noordOwner, { email: 'eigenaar@noord.example.org', role: 'organiser' });
      assert.equal(lastOwner.status, 409);
      assert.equal(lastOwner.body.error.code, 'last-owner');
      assert.equal((await s.request('DELETE', `/api/admin/networks/noord/organisers/${noordOwner.organiserId}`, { headers: noordOwner.headers })).status, 409);

      assert.equal((await put(noordOwner, { email: 'helper@noord.example.org', role: 'owner' })).status, 200);
      assert.equal((await s.request('GET', '/api/admin/networks/noord/audit', { headers: helper.headers })).status, 200, 'now an owner');
      const removed = await s.request('DELETE', `/api/admin/networks/noord/organisers/${(await signInAs(s, 'tijdelijk@noord.example.org', { noord: 'organiser' })).organiserId}`, { headers: helper.headers });
      assert.equal(removed.status, 200);
      assert.equal(removed.body.organisers.some((o: any) => o.email === 'tijdelijk@noord.example.org'), false);
      assert.equal((await s.request('DELETE', `/api/admin/networks/noord/organisers/${randomUUID()}`, { headers: helper.headers })).status, 404);
      const invalid = await put(noordOwner, { email: 'x@example.org', role: 'baas' });
      assert.equal(invalid.status, 422);
      assert.equal(invalid.body.error.issues[0].path, 'role');
    });

    test('an owner names only people who organise nowhere else; the name of someone who also organises elsewhere stays theirs', async () => {
      const put = (who: SignedIn, body: unknown) => s.request('PUT', '/api/admin/networks/noord/organisers', { headers: who.headers, body });
      const organisers = new OrganiserService(s.db);
      // Someone who organises only in zuid, added without a name.
      await organisers.setRole('zuid', 'alleen-zuid@example.org', 'organiser');
      const refused = await put(noordOwner, { email: 'alleen-zuid@example.org', role: 'organiser', name: 'Een andere naam' });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'name-elsewhere');
      assert.match(refused.body.error.message, /organiseert ook in een ander netwerk/);
      assert.equal((await organisers.byEmail('alleen-zuid@example.org'))!.name, '', 'the name is not set');
      assert.equal((await organisers.roles((await organisers.byEmail('alleen-zuid@example.org'))!.id)).has('noord'), false, 'nothing changed');
      // Without a name, or with the name they already have, adding them to noord is fine.
      assert.equal((await put(noordOwner, { email: 'alleen-zuid@example.org', role: 'organiser' })).status, 200);
      const english = await s.request('PUT', '/api/admin/networks/noord/organisers', { headers: { ...noordOwner.headers, 'accept-language': 'en' }, body: { email: 'alleen-zuid@example.org', role: 'organiser', name: 'X' } });
      assert.equal(english.status, 403);
      assert.match(english.body.error.message, /also organises in another network/);
      // Someone new, or who organises only in networks this owner owns: the owner names them.
      const added = await put(noordOwner, { email: 'nieuw@noord.example.org', role: 'organiser', name: 'Nieuw Noord' });
      assert.equal(added.status, 200);
      assert.equal(added.body.organisers.find((o: any) => o.email === 'nieuw@noord.example.org').name, 'Nieuw Noord');
      const renamed = await put(noordOwner, { email: 'nieuw@noord.example.org', role: 'organiser', name: 'Nieuwe Naam' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.organisers.find((o: any) => o.email === 'nieuw@noord.example.org').name, 'Nieuwe Naam');
      // The installation admin may name anyone.
      const byAdmin = await s.admin('PUT', '/api/admin/networks/noord/organisers', { email: 'alleen-zuid@example.org', role: 'organiser', name: 'Zuid Persoon' });
      assert.equal(byAdmin.status, 200);
      assert.equal((await organisers.byEmail('alleen-zuid@example.org'))!.name, 'Zuid Persoon');
    });

    test('two owners demoting each other at once leave one owner', async () => {
      const organisers = new OrganiserService(s.db);
      await organisers.setRole('zuid', 'een@zuid.example.org', 'owner');
      await organisers.setRole('zuid', 'twee@zuid.example.org', 'owner');
      const results = await Promise.all([
        organisers.setRole('zuid', 'een@zuid.example.org', 'organiser'),
        organisers.setRole('zuid', 'twee@zuid.example.org', 'organiser'),
      ]);
      assert.deepEqual(results.map((r) => r.ok).sort(), [false, true]);
      const owners = (await organisers.networkOrganisers('zuid')).filter((o) => o.role === 'owner');
      assert.equal(owners.length, 1);
    });

    test('the networks this organiser may run, with places, intakes, waiting list and next session', async () => {
      for (const who of ['a', 'b', 'c']) assert.equal((await s.post('/api/networks/noord/registrations', person(`telling-${who}`))).status, 201);
      const res = await s.request('GET', '/api/admin/networks', { headers: noordOwner.headers });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.networks.map((n: any) => n.id), ['noord'], 'only the networks they run');
      const n = res.body.networks[0];
      assert.deepEqual(
        { role: n.role, state: n.state, places: n.places, pending: n.pending, waiting: n.waiting, next: n.nextSession },
        { role: 'owner', state: 'waitlist', places: { taken: 2, capacity: 2, left: 0 }, pending: 2, waiting: 1, next: { id: 'dag', title: 'Workshopdag', start: '2030-05-01T08:00:00.000Z' } },
      );
    });
    // Last: it moves the clock past every other session of this server.
    test('a session ends after 8 hours without use; using it keeps it alive', async () => {
      const me = await signInAs(s, 'slaper@noord.example.org', { noord: 'organiser' });
      const whoami = () => s.request('GET', '/api/admin/session', { headers: me.headers });
      clock.advance(7 * HOUR);
      assert.equal((await whoami()).status, 200);
      clock.advance(7 * HOUR);
      assert.equal((await whoami()).status, 200, '14 hours after sign-in, 7 after the last request');
      clock.advance(8 * HOUR + MINUTE);
      const expired = await whoami();
      assert.equal(expired.status, 401);
      assert.equal(expired.body.error.code, 'unauthorized');
    });
  });

  describe(`every organiser route checks the caller on ${backend}`, () => {
    let s: TestServer;
    const walked: { method: string; url: string }[] = [];
    before(async () => {
      s = await startServer(backend, [noord, zuid], {}, {
        beforeListen: (app) =>
          app.addHook('onRoute', (route) => {
            for (const method of [route.method].flat()) if (route.url.startsWith('/api/admin')) walked.push({ method, url: route.url });
          }),
      });
    });
    after(() => s.close());

    test('401 without credentials, 403 for a network the caller does not run, on every route', async () => {
      const zuidRegistration = (await s.post('/api/networks/zuid/registrations', person('zuid-1'))).body.id;
      const zuidOwner = await signInAs(s, 'eigenaar@zuid.example.org', { zuid: 'owner' });
      const zuidToken = (await s.request('POST', '/api/admin/tokens', { headers: zuidOwner.headers, body: { name: 'zuid' } })).body;
      const noordOwner = await signInAs(s, 'eigenaar@noord.example.org', { noord: 'owner' });
      const noordToken = (await s.request('POST', '/api/admin/tokens', { headers: noordOwner.headers, body: { name: 'noord' } })).body.secret;
      // An organiser of zuid who is not an owner: owner routes of zuid are closed to them too.
      const zuidHelper = await signInAs(s, 'helper@zuid.example.org', { zuid: 'organiser' });

      const contract = Object.values(ADMIN_ROUTES).map((r) => `${r.method} ${r.path}`).sort();
      assert.ok(walked.length > 0, 'routes were collected');
      assert.deepEqual(walked.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort(), contract, 'every admin route is in the contract, and every contract route is served');
      // Fastify answers HEAD for every GET route: those are walked too.
      const routes = walked;

      const params: Record<string, string> = { networkId: 'zuid', id: zuidRegistration, organiserId: zuidOwner.organiserId, tokenId: zuidToken.token.id, revision: '1' };
      const fill = (url: string) => url.replace(/:([A-Za-z]+)/g, (_, k: string) => params[k]!);
      const checked: string[] = [];
      for (const r of routes) {
        const spec = Object.values(ADMIN_ROUTES).find((x) => x.path === r.url && x.method === (r.method === 'HEAD' ? 'GET' : r.method))!;
        if (spec.access === 'anyone') {
          checked.push(`${r.method} ${r.url}: open (sign-in)`);
          continue;
        }
        const path = fill(r.url);
        const body = r.method === 'GET' || r.method === 'HEAD' || r.method === 'DELETE' ? undefined : {};
        const head = r.method === 'HEAD';
        const call = (headers: Record<string, string>) => s.request(r.method, path, { headers, ...(body && { body }) });
        const anonymous = await call({});
        assert.equal(anonymous.status, 401, `${r.method} ${path} without credentials`);
        if (!head) assert.equal(anonymous.body.error.code, 'unauthorized');
        assert.equal((await call({ authorization: 'Bearer lkp_not-a-token' })).status, 401, `${r.method} ${path} with a made-up token`);
        if (spec.access === 'signed-in') {
          checked.push(`${r.method} ${r.url}: 401`);
          continue;
        }
        for (const [who, headers] of [['noord cookie', noordOwner.headers], ['noord token', { authorization: `Bearer ${noordToken}` }]] as const) {
          const res = await call(headers);
          assert.equal(res.status, 403, `${r.method} ${path} as ${who}: ${res.text}`);
          if (!head) assert.equal(res.body.error.code, 'forbidden');
        }
        if ('role' in spec && spec.role === 'owner') assert.equal((await call(zuidHelper.headers)).status, 403, `${r.method} ${path} as an organiser (not owner) of zuid`);
        checked.push(`${r.method} ${r.url}: 401, 403`);
      }
      assert.equal(checked.length, walked.length);
      assert.ok(checked.some((c) => c.startsWith('HEAD ')));

      // Routes about the caller themselves show nothing of another network or person.
      const mine = await s.request('GET', '/api/admin/networks', { headers: noordOwner.headers });
      assert.deepEqual(mine.body.networks.map((n: any) => n.id), ['noord']);
      const session = await s.request('GET', '/api/admin/session', { headers: noordOwner.headers });
      assert.deepEqual(session.body.networks.map((n: any) => n.id), ['noord']);
      const tokens = await s.request('GET', '/api/admin/tokens', { headers: noordOwner.headers });
      assert.deepEqual(tokens.body.tokens.map((t: any) => t.name), ['noord']);
      assert.equal((await s.request('DELETE', `/api/admin/tokens/${zuidToken.token.id}`, { headers: noordOwner.headers })).status, 404, "someone else's token");
      assert.equal((await s.request('GET', '/api/admin/networks/zuid/registrations', { headers: { authorization: `Bearer ${zuidToken.secret}` } })).status, 200, 'and it still works');
      // Nothing was changed in zuid by all those attempts.
      const zuidList = await s.admin('GET', '/api/admin/networks/zuid/registrations');
      assert.deepEqual(zuidList.body.registrations.map((r: any) => [r.status, r.attendance]), [['pending', {}]]);
    });

    test('an unknown or malformed registration id is 404, after sign-in only', async () => {
      const noordOwner = await signInAs(s, 'eigenaar@noord.example.org', { noord: 'owner' });
      for (const id of [randomUUID(), 'geen-uuid', '1%00']) {
        assert.equal((await s.request('POST', `/api/admin/registrations/${id}/accept`, { body: {} })).status, 401);
        const res = await s.request('POST', `/api/admin/registrations/${id}/accept`, { headers: noordOwner.headers, body: {} });
        assert.equal(res.status, 404, id);
        assert.equal(res.body.error.code, 'not-found');
      }
    });
  });

  describe(`the audit log on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, [noord, zuid]);
    });
    after(() => s.close());

    test('records each action without personal data; only owners read it', async () => {
      const owner = await signInAs(s, 'eigenaar@noord.example.org', { noord: 'owner' });
      const helper = await signInAs(s, 'helper@noord.example.org', { noord: 'organiser' });
      const ids: string[] = [];
      // Two places: a and b wait for an intake, c and d for a place.
      for (const who of ['audit-a', 'audit-b', 'audit-c', 'audit-d']) ids.push((await s.post('/api/networks/noord/registrations', person(who, { organisation: 'Geheime Organisatie' }))).body.id);
      const act = (method: string, path: string, body: unknown) => s.request(method, path, { headers: helper.headers, body });
      assert.equal((await act('POST', `/api/admin/registrations/${ids[0]}/accept`, {})).status, 200);
      assert.equal((await act('POST', `/api/admin/registrations/${ids[1]}/reject`, { reason: 'Deelnemer audit-b past niet' })).status, 200);
      // The rejection freed a place for c; d moves up past the capacity.
      assert.equal((await act('POST', `/api/admin/registrations/${ids[3]}/move-up`, {})).status, 200);
      assert.equal((await act('PUT', `/api/admin/registrations/${ids[0]}/attendance`, { sessionId: 'dag', present: true })).status, 200);
      assert.equal((await s.request('POST', `/api/admin/registrations/${ids[0]}/accept`, { headers: helper.headers, body: {} })).status, 409, 'a refused action');
      const put = await s.request('PUT', '/api/admin/networks/noord/organisers', { headers: owner.headers, body: { email: 'nieuw@noord.example.org', role: 'organiser' } });
      const newcomer = put.body.organisers.find((o: any) => o.email === 'nieuw@noord.example.org').id;
      assert.equal((await s.request('DELETE', `/api/admin/networks/noord/organisers/${newcomer}`, { headers: owner.headers })).status, 200);
      assert.equal((await s.admin('POST', `/api/admin/registrations/${ids[1]}/accept`, {})).status, 409);
      assert.equal((await s.admin('PUT', `/api/admin/registrations/${ids[1]}/attendance`, { sessionId: 'dag', present: false })).status, 200);

      assert.equal((await s.request('GET', '/api/admin/networks/noord/audit', { headers: helper.headers })).status, 403);
      const res = await s.request('GET', '/api/admin/networks/noord/audit', { headers: owner.headers });
      assert.equal(res.status, 200);
      const entries = [...res.body.entries].reverse();
      assert.deepEqual(
        entries.map((e: any) => [e.action, e.actor.kind === 'organiser' ? e.actor.email : e.actor.kind, e.registrationId, e.detail]),
        [
          ['accept', 'helper@noord.example.org', ids[0], { status: 'confirmed' }],
          ['reject', 'helper@noord.example.org', ids[1], { status: 'rejected' }],
          ['move-up', 'helper@noord.example.org', ids[3], { status: 'pending' }],
          ['attendance', 'helper@noord.example.org', ids[0], { sessionId: 'dag', present: true }],
          ['role-set', 'eigenaar@noord.example.org', null, { organiserId: newcomer, role: 'organiser', previous: null }],
          ['role-removed', 'eigenaar@noord.example.org', null, { organiserId: newcomer, previous: 'organiser' }],
          ['attendance', 'installation-admin', ids[1], { sessionId: 'dag', present: false }],
        ],
      );
      const raw = await s.db.query<{ detail: unknown }>('SELECT detail FROM audit_log');
      const all = JSON.stringify(raw.rows);
      for (const secret of ['audit-b', 'Geheime Organisatie', 'past niet', 'deelnemeraudit']) assert.equal(all.includes(secret), false, `the log holds ${secret}`);
      // Signing in and out and personal tokens are recorded too, outside any network.
      const created = await s.request('POST', '/api/admin/tokens', { headers: owner.headers, body: { name: 'script' } });
      assert.equal((await s.request('DELETE', `/api/admin/tokens/${created.body.token.id}`, { headers: owner.headers })).status, 204);
      assert.equal((await s.request('DELETE', '/api/admin/sessions', { headers: owner.headers })).status, 204);
      const personal = await s.db.query<{ action: string; organiser_id: string; detail: unknown }>('SELECT action, organiser_id, detail FROM audit_log WHERE network_id IS NULL ORDER BY id');
      assert.deepEqual(
        personal.rows.map((r) => [r.action, r.organiser_id === owner.organiserId ? 'owner' : 'helper']),
        [['sign-in', 'owner'], ['sign-in', 'helper'], ['token-created', 'owner'], ['token-revoked', 'owner'], ['sign-out-everywhere', 'owner']],
      );
      assert.equal(JSON.stringify(personal.rows).includes(created.body.secret), false);
      assert.equal((await s.admin('GET', '/api/admin/networks/zuid/audit')).body.entries.length, 0, 'per network');
    });
  });
}

describe('the contract guards the organiser routes', () => {
  test('a route under /api/admin/ that is not in ADMIN_ROUTES, or differs from it, refuses to register', async () => {
    const { default: Fastify } = await import('fastify');
    const { installAdminAuth, adminRoute } = await import('../../src/server/http/organiser-auth.js');
    const attempts: [string, (admin: any) => void][] = [
      ['no contract entry', (admin) => admin.get('/api/admin/export', async () => ({}))],
      ['another path', (admin) => admin.get('/api/admin/networks/:networkId/everything', adminRoute('listRegistrations'), async () => ({}))],
      ['another method', (admin) => admin.post(ADMIN_ROUTES.listRegistrations.path, adminRoute('listRegistrations'), async () => ({}))],
    ];
    for (const [what, add] of attempts) {
      const app = Fastify();
      app.register(async (admin) => {
        installAdminAuth(admin, {
          db: undefined as never,
          networks: new Map(),
          registrationNetwork: async () => undefined,
          counts: async () => ({}),
          networkNow: () => new Date(),
          localeOf: () => 'nl',
        });
        add(admin);
      });
      await assert.rejects(app.ready(), /declare every organiser route in ADMIN_ROUTES/, what);
    }
  });
});

describe('privacy of signing in', () => {
  test('logs name the route, never an address, a sign-in token, a session or an API token', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const s = await startServer('pglite', [noord], { logger: { stream } });
    try {
      const me = await signInAs(s, 'geheim@noord.example.org', { noord: 'owner' });
      const link = (await signInLinkFor(s.db, 'geheim@noord.example.org'))!;
      const created = await s.request('POST', '/api/admin/tokens', { headers: me.headers, body: { name: 'x' } });
      await s.request('GET', '/api/admin/networks', { headers: { authorization: `Bearer ${created.body.secret}` } });
      await s.request('POST', '/api/admin/session', { body: { token: tokenOf(link) } });
      const log = lines.join('');
      assert.match(log, /"route":"\/api\/admin\/session"/);
      for (const secret of ['geheim@noord.example.org', tokenOf(link), me.cookie.split('=')[1]!, created.body.secret]) assert.equal(log.includes(secret), false, `the log contains ${secret}`);
    } finally {
      await s.close();
    }
  });
});

describe('sign-in limits', () => {
  let s: TestServer;
  const clock = manualClock();
  before(async () => {
    s = await startServer('pglite', [noord], { authClock: clock.now, signInLimit: memoryLimit(clock.now) });
    await new OrganiserService(s.db).setRole('noord', 'eigenaar@noord.example.org', 'owner');
  });
  after(() => s.close());

  const mails = async () => (await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'sign-in'`)).rows[0]!.n;

  test('the 6th request for one account within 15 minutes sends nothing and still answers 202', async () => {
    for (let i = 1; i <= 6; i++) assert.equal((await s.post('/api/admin/login', { email: 'eigenaar@noord.example.org' })).status, 202);
    assert.equal(await mails(), 5);
    clock.advance(15 * MINUTE);
    assert.equal((await s.post('/api/admin/login', { email: 'EIGENAAR@noord.example.org' })).status, 202);
    assert.equal(await mails(), 6, 'a new quarter of an hour');
  });

  test('one client address asking for many accounts is stopped with 429', async () => {
    clock.advance(15 * MINUTE);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await s.post('/api/admin/login', { email: `raden${i}@example.org` })).status);
    assert.deepEqual(statuses, [...Array(20).fill(202), 429]);
    const refused = await s.request('POST', '/api/admin/login', { body: { email: 'nog-een@example.org' } });
    assert.equal(refused.status, 429);
    const retry = Number(refused.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 15 * 60, `a 429 on login says when to come back: Retry-After ${refused.headers.get('retry-after')}`);
  });
});

describe('AdminClient against the real server', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer('pglite', [noord, zuid]);
  });
  after(() => s.close());

  test('typed results with a session cookie and with a personal token; failures come back, never thrown', async () => {
    await new OrganiserService(s.db).setRole('noord', 'eigenaar@noord.example.org', 'owner');
    // A browser keeps the cookie; this fetch does the same for the test.
    let cookie = '';
    const browser: AdminFetchLike = async (url, init) => {
      const res = await fetch(url, { ...init, headers: { ...init?.headers, ...(cookie && { cookie }), origin: s.url } } as RequestInit);
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!;
      return res;
    };
    const client = new AdminClient(s.url, { fetch: browser });
    assert.deepEqual(await client.session(), { ok: false, status: 401, retryable: false, error: { code: 'unauthorized', message: 'Log in om verder te gaan.' } });
    assert.equal((await client.login('eigenaar@noord.example.org')).status, 202);
    const link = (await signInLinkFor(s.db, 'eigenaar@noord.example.org'))!;
    const signedIn = await client.signIn(tokenOf(link));
    assert.ok(signedIn.ok);
    assert.equal(signedIn.value.organiser?.email, 'eigenaar@noord.example.org');

    const reg = (await s.post('/api/networks/noord/registrations', person('client'))).body.id;
    const accepted = await client.accept(reg);
    assert.ok(accepted.ok && accepted.value.status === 'confirmed');
    const list = await client.registrations('noord');
    assert.ok(list.ok);
    assert.deepEqual(list.value.registrations.map((r) => r.id), [reg]);
    const csv = await client.registrationsCsv('noord');
    assert.ok(csv.ok && csv.value.includes('"deelnemerclient@example.org"'));
    const forbidden = await client.registrations('zuid');
    assert.deepEqual([forbidden.ok, forbidden.status], [false, 403]);

    const created = await client.createToken('script');
    assert.ok(created.ok);
    const script = new AdminClient(s.url, { token: created.value.secret });
    const nets = await script.networks();
    assert.ok(nets.ok);
    assert.deepEqual(nets.value.networks.map((n) => n.id), ['noord']);

    assert.equal((await client.signOut()).status, 204);
    assert.equal((await client.session()).status, 401);

    const down = await new AdminClient('http://127.0.0.1:1').networks();
    assert.deepEqual([down.ok, down.status, !down.ok && down.retryable], [false, 0, true]);
  });
});

describe('the demo', () => {
  test('npm start prints how each demo organiser signs in; the link in the .eml works once', async () => {
    const { serve } = await import('../../src/server/serve.js');
    const { readFileSync, rmSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dataDir = mkdtempSync(join(tmpdir(), 'leerkring-demo-'));
    const lines: string[] = [];
    const server = await serve({ networks: 'demo/data', port: 0, dataDir, demo: true, demoOrganisers: true, showLinks: false, log: (l) => lines.push(l), logger: false, rateLimitPerMinute: 0 });
    try {
      const text = lines.join('\n');
      const shown = [...text.matchAll(/^ {2}.+: (organisator@[a-z0-9-]+\.example\.org)\n {4}sign-in link in (\S+\.eml)$/gm)];
      // One organiser per demo network (demo/data), each with a sign-in link.
      assert.equal(shown.length, demoNetworks(), text);
      assert.equal(text.includes('#login='), false, 'no link in output that is not a terminal');
      for (const [, email, file] of shown) {
        assert.ok(email!.endsWith('.example.org'));
        const eml = readFileSync(file!, 'utf8');
        assert.match(eml, new RegExp(`^To: ${email!.replace(/\./g, '\\.')}`, 'm'));
      }
      const mail = await simpleParser(readFileSync(shown[0]![2]!));
      assert.equal(mail.subject, 'Inloggen bij leerkring');
      const link = /(http:\/\/localhost:\d+\/beheer\/#login=[A-Za-z0-9_-]+)/.exec(mail.text!)![1]!;
      assert.ok(link.startsWith(`${server.url}/beheer/`));
      const exchange = () => fetch(`${server.url}/api/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokenOf(link) }) });
      const first = await exchange();
      assert.equal(first.status, 200);
      const me = (await first.json()) as any;
      assert.equal(me.organiser.email, shown[0]![1]);
      assert.deepEqual(me.networks.map((n: any) => n.role), ['owner']);
      assert.equal((await exchange()).status, 401);
      // And one who sees all five demo networks in one console.
      const all = /^ {2}all networks: (beheerder@demo\.example\.org)\n {4}sign-in link in (\S+\.eml)$/m.exec(text);
      assert.ok(all, text);
      const adminMail = await simpleParser(readFileSync(all[2]!));
      const adminLink = /(http:\/\/localhost:\d+\/beheer\/#login=[A-Za-z0-9_-]+)/.exec(adminMail.text!)![1]!;
      const signedIn = await fetch(`${server.url}/api/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokenOf(adminLink) }) });
      assert.equal(signedIn.status, 200);
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
      const overview = (await (await fetch(`${server.url}/api/admin/networks`, { headers: { cookie } })).json()) as { networks: { id: string }[] };
      assert.deepEqual(overview.networks.map((n) => n.id).sort(), readdirSync('demo/data').filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort());
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  test('not on a terminal, the demo writes the sign-in links to a file only its user may read, and the server logs where a requested link was written', async () => {
    const { serve } = await import('../../src/server/serve.js');
    const { readFileSync, rmSync, mkdtempSync, statSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { PassThrough } = await import('node:stream');
    const dataDir = mkdtempSync(join(tmpdir(), 'leerkring-demo-'));
    const lines: string[] = [];
    const stream = new PassThrough();
    let logged = '';
    stream.on('data', (d: Buffer) => (logged += d));
    const server = await serve({ networks: 'demo/data', port: 0, dataDir, demo: true, demoOrganisers: true, showLinks: false, log: (l) => lines.push(l), logger: { stream, level: 'info' }, rateLimitPerMinute: 0 });
    try {
      const text = lines.join('\n');
      assert.equal(text.includes('#login='), false, 'no link in output that is not a terminal');
      const printed = /sign-in links to copy: (\S+sign-in-links\.txt)/i.exec(text);
      assert.ok(printed, text);
      const file = printed[1]!;
      assert.equal(file, join(dataDir, 'sign-in-links.txt'));
      assert.equal(statSync(file).mode & 0o777, 0o600, 'readable by this user only');
      const content = readFileSync(file, 'utf8');
      assert.equal(content.includes('=3D'), false, 'plain text, not quoted-printable');
      const links = [...content.matchAll(/^(http:\/\/localhost:\d+\/beheer\/#login=[A-Za-z0-9_-]{43})$/gm)].map((m) => m[1]!);
      assert.equal(links.length, demoNetworks() + 1, content);
      assert.match(content, /organisator@twentse-noabers\.example\.org/);
      const signedIn = await fetch(`${server.url}/api/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokenOf(links[1]!) }) });
      assert.equal(signedIn.status, 200);

      // A link asked for in the console goes to an .eml file; the log says where, never to whom or what.
      const email = 'organisator@twentse-noabers.example.org';
      assert.equal((await fetch(`${server.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) })).status, 202);
      let written: RegExpExecArray | null = null;
      for (let i = 0; i < 100 && !written; i++) {
        await new Promise((r) => setTimeout(r, 50));
        written = /"file":"([^"]+\.eml)"[^\n]*sign-in link written|sign-in link written[^\n]*"file":"([^"]+\.eml)"/.exec(logged);
      }
      assert.ok(written, logged);
      const eml = written[1] ?? written[2]!;
      assert.ok(existsSync(eml));
      assert.match(readFileSync(eml, 'utf8'), /^To: organisator@twentse-noabers\.example\.org/m);
      assert.equal(logged.includes(email), false, 'no address in the log');
      assert.equal(logged.includes('#login'), false, 'no link in the log');
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
