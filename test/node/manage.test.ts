// The manage page's server side (issue 12, items 9 and 10): the link in every e-mail works
// without MANAGE_URL, a registration moves to another session under the same rules and locks as
// a new one, leaving the waiting list says no more than is true, and a new link by e-mail
// answers the same whether or not the address is known.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, startServer, network, person, deliverAll, recipient, type TestServer } from './helpers.js';

/** The newest outbox message of a kind for a registration (or any, without id). */
async function mail(s: TestServer, kind: string, registrationId?: string): Promise<{ to: string; subject: string; text: string } | undefined> {
  const { rows } = await s.db.query<{ message: any }>(
    `SELECT message FROM mail_outbox WHERE kind = $1 AND ($2::uuid IS NULL OR registration_id = $2::uuid) ORDER BY id DESC LIMIT 1`,
    [kind, registrationId ?? null],
  );
  const m = rows[0]?.message;
  return typeof m === 'string' ? JSON.parse(m) : m;
}

/** A new registration's e-mail as delivered: it is composed only when it is sent (issue 11). */
const delivered = async (s: TestServer, to: string) => (await deliverAll(s.db)).find((m) => recipient(m) === to);

const mailCount = async (s: TestServer, kind: string) => Number((await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE kind = $1', [kind])).rows[0]!.n);

/** Two meetings of one place each, a waiting list, people register per meeting; and one meeting in the past. */
const perSession = network({
  id: 'per-bijeenkomst',
  title: 'Werkplaatsen',
  sessions: [
    { id: 'voorbij', title: 'Werkplaats 0', type: 'other', start: '2020-05-01T10:00', end: '2020-05-01T12:00' },
    { id: 'een', title: 'Werkplaats 1', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00' },
    { id: 'twee', title: 'Werkplaats 2', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T12:00' },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});
/** A series without a waiting list: nobody's place goes to "the first on the waiting list". */
const noWaitlist = network({ id: 'zonder-wachtlijst', registration: { mode: 'built-in', capacity: 5, fields: { organisation: 'optional', organisationType: 'off' } } });
const withWaitlist = network({ id: 'met-wachtlijst', registration: { mode: 'built-in', capacity: 5, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } } });

for (const backend of BACKENDS) {
  describe(`manage page API on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, [perSession, noWaitlist, withWaitlist], { publicUrl: 'https://aanmelden.example.org', rateLimitPerMinute: 1000 });
    });
    after(() => s.close());

    test('without MANAGE_URL the e-mail links to the manage page this server serves, with the token after "#"', async () => {
      const r = await s.post('/api/networks/zonder-wachtlijst/registrations', person('link'));
      assert.equal(r.status, 201);
      const m = await delivered(s, 'deelnemerlink@example.org');
      assert.ok(m!.text!.includes(`Bekijk je aanmelding of meld je af: https://aanmelden.example.org/aanmelding#token=${r.body.manageToken}`), m!.text);
      const page = await s.request('GET', '/aanmelding');
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type')!, /text\/html/);
      assert.match(page.text, /<leerkring-manage api="" heading-level="1">/);
      assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
      assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
      const script = /<script type="module" src="([^"]+)"/.exec(page.text)![1]!;
      const bundle = await s.request('GET', script);
      assert.equal(bundle.status, 200, `${script} is served`);
      assert.match(bundle.text, /leerkring-manage/);
      assert.equal((await s.request('GET', '/aanmelding/leerkring-console.js')).status, 404, 'only the public bundle');
      assert.equal((await s.request('GET', '/aanmelding/..%2Fpackage.json')).status, 404);
    });

    test('switches to another meeting under the rules of a new registration; the old place goes to the waiting list', async () => {
      const a = await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('a'), sessionId: 'een' });
      const b = await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('b'), sessionId: 'een' });
      assert.deepEqual([a.body.status, b.body.status], ['confirmed', 'waitlisted']);
      // What the page may offer comes from the server's clock: the past meeting is not among them.
      assert.deepEqual((await s.get(`/api/registrations/${a.body.manageToken}`)).body.actions, { cancel: true, leaveWaitlist: false, switchTo: ['twee'] });
      assert.deepEqual((await s.get(`/api/registrations/${b.body.manageToken}`)).body.actions, { cancel: false, leaveWaitlist: true, switchTo: ['twee'] });
      const moved = await s.post(`/api/registrations/${a.body.manageToken}/switch`, { sessionId: 'twee' });
      assert.equal(moved.status, 200);
      assert.deepEqual([moved.body.sessionId, moved.body.status], ['twee', 'confirmed']);
      assert.equal((await s.get(`/api/registrations/${b.body.manageToken}`)).body.status, 'confirmed', 'B moved up into the freed place');
      assert.match((await mail(s, 'promoted', b.body.id))!.text, /Werkplaats 1/);
      assert.match((await mail(s, 'confirmed', a.body.id))!.subject, /Werkplaats 2/);
      // Into a full meeting: the waiting list, at its end, as anyone registering now.
      const c = await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('c'), sessionId: 'twee' });
      assert.equal(c.body.status, 'waitlisted');
      const intoFull = await s.post(`/api/registrations/${b.body.manageToken}/switch`, { sessionId: 'twee' });
      assert.deepEqual([intoFull.status, intoFull.body.status, intoFull.body.position], [200, 'waitlisted', 2]);
    });

    test('refuses a move with a clear 4xx: past, the same meeting, unknown, not per meeting, no session id', async () => {
      const d = await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('d'), sessionId: 'een' });
      const past = await s.post(`/api/registrations/${d.body.manageToken}/switch`, { sessionId: 'voorbij' });
      assert.deepEqual([past.status, past.body.error.code], [409, 'past']);
      assert.ok(past.body.error.message.length > 10);
      const same = await s.post(`/api/registrations/${d.body.manageToken}/switch`, { sessionId: 'een' });
      assert.deepEqual([same.status, same.body.error.code], [409, 'not-switchable']);
      const unknown = await s.post(`/api/registrations/${d.body.manageToken}/switch`, { sessionId: 'bestaat-niet' });
      assert.deepEqual([unknown.status, unknown.body.error.code, unknown.body.error.issues[0].path], [422, 'unknown-session', 'sessionId']);
      const missing = await s.post(`/api/registrations/${d.body.manageToken}/switch`, {});
      assert.deepEqual([missing.status, missing.body.error.issues[0].path], [422, 'sessionId']);
      const wrongType = await s.post(`/api/registrations/${d.body.manageToken}/switch`, { sessionId: ['twee'] });
      assert.equal(wrongType.status, 422);
      const series = await s.post('/api/networks/zonder-wachtlijst/registrations', person('e'));
      const notPerSession = await s.post(`/api/registrations/${series.body.manageToken}/switch`, { sessionId: 'dag' });
      assert.deepEqual([notPerSession.status, notPerSession.body.error.code], [409, 'not-switchable']);
      assert.equal((await s.post('/api/registrations/nep.token/switch', { sessionId: 'twee' })).status, 404);
    });

    test('leaving the waiting list or cancelling without a waiting list never promises the place to the first on it', async () => {
      const waiting = await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('f'), sessionId: 'twee' });
      assert.equal(waiting.body.status, 'waitlisted');
      assert.equal((await s.post(`/api/registrations/${waiting.body.manageToken}/cancel`, {})).body.status, 'cancelled');
      assert.doesNotMatch((await mail(s, 'cancelled', waiting.body.id))!.text, /wachtlijst/);
      const series = await s.post('/api/networks/zonder-wachtlijst/registrations', person('g'));
      await s.post(`/api/registrations/${series.body.manageToken}/cancel`, {});
      const text = (await mail(s, 'cancelled', series.body.id))!.text;
      assert.match(text, /Je bent afgemeld voor \u2068Testworkshop\u2069\./);
      assert.doesNotMatch(text, /wachtlijst/);
      // Where there is a waiting list, a place does pass on, and the e-mail says so.
      const holder = await s.post('/api/networks/met-wachtlijst/registrations', person('h'));
      await s.post(`/api/registrations/${holder.body.manageToken}/cancel`, {});
      assert.match((await mail(s, 'cancelled', holder.body.id))!.text, /Je bent afgemeld voor \u2068Testworkshop\u2069\.\nJe plaats gaat naar de eerste op de wachtlijst\./);
    });

    test('a new link by e-mail: the same answer for a known and an unknown address; the known one gets its links', async () => {
      const r = await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('link2'), sessionId: 'een' });
      const before = await mailCount(s, 'manage-link');
      const known = await s.post('/api/manage-link', { email: 'DEELNEMERlink2@example.org' });
      const unknown = await s.post('/api/manage-link', { email: 'niemand@example.org' });
      assert.deepEqual([known.status, known.body], [202, { sent: true }]);
      assert.deepEqual([unknown.status, unknown.body], [known.status, known.body]);
      assert.equal(await mailCount(s, 'manage-link'), before + 1);
      const m = (await mail(s, 'manage-link', r.body.id))!;
      assert.equal(m.to, 'deelnemerlink2@example.org');
      assert.ok(m.text.includes(`https://aanmelden.example.org/aanmelding#token=${r.body.manageToken}`));
      assert.match(m.text, /Heb je hier niet om gevraagd\?/);
      const bad = await s.post('/api/manage-link', { email: 'geen adres' });
      assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.issues[0].path], [422, 'invalid', 'email']);
      assert.equal((await s.post('/api/manage-link', { email: 42 })).status, 422);
    });

    test('a new link is sent at most three times an hour per address; the answer does not change', async () => {
      await s.post('/api/networks/zonder-wachtlijst/registrations', person('vaak'));
      const before = await mailCount(s, 'manage-link');
      for (let i = 0; i < 5; i++) assert.equal((await s.post('/api/manage-link', { email: 'deelnemervaak@example.org' })).status, 202);
      assert.equal(await mailCount(s, 'manage-link'), before + 3);
    });
  });
}

for (const backend of BACKENDS) {
  describe(`personal calendar feed on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, [perSession], { publicUrl: 'https://aanmelden.example.org' });
    });
    after(() => s.close());

    const feed = async (url: string) => {
      const r = await s.request('GET', new URL(url).pathname);
      return { status: r.status, type: r.headers.get('content-type'), uids: [...r.text.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]!.trim()), text: r.text };
    };

    test('a secret, read-only address with exactly the meetings the person has a place at; moves and cancellations follow', async () => {
      const r = await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('feed'), sessionId: 'een' });
      const view = (await s.get(`/api/registrations/${r.body.manageToken}`)).body;
      assert.match(view.calendarUrl, /^https:\/\/aanmelden\.example\.org\/api\/calendar\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{32}\/agenda\.ics$/);
      const feedToken = view.calendarUrl.split('/').at(-2);
      assert.notEqual(feedToken, r.body.manageToken, 'another token than the manage link');
      assert.equal((await s.get(`/api/registrations/${feedToken}`)).status, 404, 'the feed token manages nothing');
      assert.equal((await s.request('GET', `/api/calendar/${r.body.manageToken}/agenda.ics`)).status, 404, 'the manage token reads no feed');
      const text = (await delivered(s, 'deelnemerfeed@example.org'))!.text!;
      assert.ok(text.includes(view.calendarUrl.replace('https:', 'webcal:')), text);
      assert.ok(text.includes(view.calendarUrl), text);
      let f = await feed(view.calendarUrl);
      assert.deepEqual([f.status, f.type, f.uids], [200, 'text/calendar; charset=utf-8', ['een.per-bijeenkomst@leerkring']]);
      await s.post(`/api/registrations/${r.body.manageToken}/switch`, { sessionId: 'twee' });
      assert.deepEqual((await feed(view.calendarUrl)).uids, ['twee.per-bijeenkomst@leerkring']);
      await s.post(`/api/registrations/${r.body.manageToken}/cancel`, {});
      f = await feed(view.calendarUrl);
      assert.deepEqual([f.status, f.uids], [200, []]);
      assert.match(f.text, /^BEGIN:VCALENDAR\r\n/);
    });

    test('waiting is no place; a new address revokes the old one; erasing ends the feed', async () => {
      await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('vol'), sessionId: 'een' });
      const w = await s.post('/api/networks/per-bijeenkomst/registrations', { ...person('wacht'), sessionId: 'een' });
      assert.equal(w.body.status, 'waitlisted');
      const old = (await s.get(`/api/registrations/${w.body.manageToken}`)).body.calendarUrl;
      assert.deepEqual((await feed(old)).uids, []);
      const renewed = await s.post(`/api/registrations/${w.body.manageToken}/calendar/renew`, {});
      assert.equal(renewed.status, 200);
      assert.notEqual(renewed.body.calendarUrl, old);
      assert.equal((await feed(old)).status, 404);
      assert.equal((await feed(renewed.body.calendarUrl)).status, 200);
      await s.post(`/api/registrations/${w.body.manageToken}/erase`, {});
      assert.equal((await feed(renewed.body.calendarUrl)).status, 404);
    });
  });
}

describe('MANAGE_URL moves the link to the site\'s own page', () => {
  test('the e-mail carries the configured page', async () => {
    const s = await startServer('pglite', [noWaitlist], { manageUrl: 'https://www.example.org/mijn-aanmelding#token={token}' });
    try {
      const r = await s.post('/api/networks/zonder-wachtlijst/registrations', person('eigen'));
      assert.ok((await delivered(s, 'deelnemereigen@example.org'))!.text!.includes(`https://www.example.org/mijn-aanmelding#token=${r.body.manageToken}`));
    } finally {
      await s.close();
    }
  });
});
