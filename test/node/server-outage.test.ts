import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { network, person, formToken, ADMIN_TOKEN } from './helpers.js';
import { networkFolder, serveProcess } from './serve-process.js';
// @ts-expect-error: a plain ES module script without types
import { startPostgres } from '../../scripts/postgres.mjs';

const PLACES = 20;
const OUTAGE_MS = 5000;
/** One registration every this many milliseconds, alternating between the two processes. */
const INTERVAL_MS = 20;
/** The burst is bounded: never more requests than this, however slow the answers. */
const MAX_REQUESTS = 700;

const drukte = network({
  id: 'drukte',
  sessions: [{ id: 'sessie', title: 'Drukke sessie', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00' }],
  registration: { mode: 'built-in', scope: 'session', capacity: PLACES, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

type Phase = 'before' | 'outage' | 'after';
interface Answer {
  status: number;
  body: any;
  retryAfter: string | null;
  sent: Phase;
  answered: Phase;
}

// One form token per process, fetched as the form would; it needs no database, so it works in the outage too.
const formTokens = new Map<string, Promise<string>>();
const post = async (base: string, i: number): Promise<Omit<Answer, 'sent' | 'answered'>> => {
  try {
    if (!formTokens.has(base)) formTokens.set(base, formToken(base, 'drukte'));
    const r = await fetch(`${base}/api/networks/drukte/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...person(i), sessionId: 'sessie', formToken: await formTokens.get(base) }),
    });
    const text = await r.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: r.status, body, retryAfter: r.headers.get('retry-after') };
  } catch {
    // No answer at all: the process is gone or dropped the connection.
    return { status: 0, body: undefined, retryAfter: null };
  }
};

describe('PostgreSQL restarts under load', () => {
  test('two processes survive a 5 s outage: 503 with Retry-After meanwhile, every 201 stored, back within 2 s', { timeout: 120000 }, async () => {
    // A cluster of its own: the shared one from TEST_DATABASE_URL serves the other tests.
    const pg = await startPostgres();
    const folder = networkFolder([drukte]);
    const servers = await Promise.all([0, 1].map(() => serveProcess(folder, { DATABASE_URL: pg.url })));
    const bases = servers.map((s) => s.url);
    try {
      let phase: Phase = 'before';
      const answers: Answer[] = [];
      const pending = new Set<Promise<void>>();
      let sent = 0;
      let created = 0;
      let onCreated = () => {};
      const fire = () => {
        if (sent >= MAX_REQUESTS) return;
        const i = sent++;
        const at = phase;
        const p = post(bases[i % 2]!, i).then((a) => {
          answers.push({ ...a, sent: at, answered: phase });
          if (a.status === 201) {
            created++;
            onCreated();
          }
          pending.delete(p);
        });
        pending.add(p);
      };
      // An open load: requests keep arriving at a steady rate whatever the server answers.
      const load = setInterval(fire, INTERVAL_MS);
      try {
        // Bounded: if registrations never succeed (a broken request, say) the test fails and
        // still stops its processes, instead of waiting past the runner's timeout.
        await new Promise<void>((resolve, reject) => {
          const deadline = setTimeout(() => reject(new Error(`only ${created} registrations succeeded before the outage: ${JSON.stringify(answers.find((a) => a.status !== 201)?.body)}`)), 30000);
          onCreated = () => {
            if (created < 40) return;
            clearTimeout(deadline);
            resolve();
          };
        });
        phase = 'outage';
        await pg.stopServer();
        // The one fixed wait: the outage itself.
        await new Promise((r) => setTimeout(r, OUTAGE_MS));
        await pg.startServer();
        phase = 'after';
        const back = performance.now();
        // Registrations succeed again by themselves; measure how soon, on each process.
        const recovery = await Promise.all(
          bases.map(async (base, k) => {
            for (let attempt = 0; ; attempt++) {
              const a = await post(base, 100000 + k * 1000 + attempt);
              answers.push({ ...a, sent: 'after', answered: 'after' });
              if (a.status === 201) return performance.now() - back;
              assert.ok(servers[k]!.alive(), `a server process died:\n${servers[k]!.output().slice(-3000)}`);
              assert.ok(performance.now() - back < 10000, `no registration succeeded on ${base} within 10 s after PostgreSQL came back`);
            }
          }),
        );
        console.log(`recovered after ${recovery.map((ms) => Math.round(ms)).join(' and ')} ms; ${sent} requests in the burst`);
        for (const ms of recovery) assert.ok(ms <= 2000, `registrations succeeded again only ${Math.round(ms)} ms after PostgreSQL was back`);
      } finally {
        clearInterval(load);
        await Promise.all(pending);
      }

      for (const s of servers) assert.ok(s.alive(), `a server process died:\n${s.output().slice(-3000)}`);
      const count = (f: (a: Answer) => boolean) => answers.filter(f).length;
      const tally: Record<string, number> = {};
      for (const a of answers) tally[`${a.status}`] = (tally[`${a.status}`] ?? 0) + 1;
      console.log(`answers: ${JSON.stringify(tally)}`);
      assert.equal(count((a) => a.status === 0), 0, 'some requests got no answer at all');
      assert.equal(count((a) => a.status >= 500 && a.status !== 503), 0, `5xx other than 503: ${JSON.stringify(answers.find((a) => a.status >= 500 && a.status !== 503)?.body)}`);
      for (const a of answers.filter((x) => x.status !== 201 && x.status !== 503)) assert.fail(`unexpected ${a.status}: ${JSON.stringify(a.body)}`);
      const unavailable = answers.filter((a) => a.status === 503);
      assert.ok(unavailable.some((a) => a.sent === 'outage'), 'no 503 during the outage');
      for (const a of unavailable) {
        assert.match(a.retryAfter ?? '', /^\d+$/, '503 without a Retry-After in seconds');
        assert.equal(a.body?.error?.code, 'unavailable');
        assert.equal(typeof a.body?.error?.message, 'string');
      }

      // Each 503 left a line in its process's log with the id the caller got; no personal data did.
      const logs = servers.map((s) => s.output()).join('\n');
      const logged = new Set(logs.split('\n').filter((l) => l.includes('"msg":"database unavailable"')).map((l) => JSON.parse(l).reqId));
      for (const a of unavailable) assert.ok(logged.has(a.body.error.requestId), `503 ${a.body.error.requestId} is not in the log`);
      assert.doesNotMatch(logs, /Deelnemer \d|deelnemer\d+@example\.org|manageToken/);

      // Every registration that was told 201 is stored, with the status and place it was told.
      const res = await fetch(`${bases[0]}/api/admin/networks/drukte/registrations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      assert.equal(res.status, 200);
      const rows = new Map(((await res.json()).registrations as { id: string; status: string; position?: number }[]).map((r) => [r.id, r]));
      const told = answers.filter((a) => a.status === 201);
      assert.ok(told.length >= 40);
      for (const a of told) {
        const row = rows.get(a.body.id);
        assert.ok(row, `registration ${a.body.id} was answered 201 but is not stored`);
        assert.equal(row.status, a.body.status);
        assert.equal(row.position, a.body.position);
      }
      assert.ok([...rows.values()].filter((r) => r.status === 'confirmed').length <= PLACES);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      pg.stop();
    }
  });
});
