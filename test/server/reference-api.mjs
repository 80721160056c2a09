// The browser tests talk to the real reference server (dist/server) on the embedded database.
// This file starts it and adds a few test-only routes under /test-api: reset, a clock for the
// seed networks (whose dates lie in the past), seeding registrations, and failures on demand.
// web-test-runner forwards /api and /test-api to it, so pages call it on their own origin.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID, createHash } from 'node:crypto';

const { buildServer, openDatabase, loadNetworks } = await import('../../dist/server/index.js');
const { parseNetwork } = await import('../../dist/core/index.js');

const ADMIN = 'browser-test-organiser';
const networks = new Map();
function loadDemo() {
  networks.clear();
  for (const [id, n] of loadNetworks('demo/data')) networks.set(id, n);
}
loadDemo();

let clock;
let failNext = 0;
// The form's rarer parts (src/components/signup/extras.ts, loaded on demand): 'load' as usual,
// 'fail' as a dropped connection, 'hold' until the test says 'load' or 'fail' (POST /test-api/extras).
let extrasMode = 'load';
const heldExtras = [];
/** Registrations POSTed while the parts were held: the answer to the next POST /test-api/extras. */
let postedWhileHeld = 0;
function setExtrasMode(mode) {
  extrasMode = mode;
  if (mode === 'hold') postedWhileHeld = 0;
  if (mode !== 'hold') for (const release of heldExtras.splice(0)) release();
}
let loseNext = 0;
const db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'leerkring-browser-')) });
const { app } = await buildServer({
  db,
  networks,
  secret: Buffer.from('browser-tests-secret-browser-tes'),
  adminTokenHash: createHash('sha256').update(ADMIN).digest('hex'),
  rateLimitPerMinute: 0,
  minFillMs: 0,
  now: () => (clock ? new Date(clock) : new Date()),
});

const isRegistration = (req) => req.method === 'POST' && /^\/api\/networks\/[^/]+\/registrations$/.test(req.url.split('?')[0]);
app.addHook('onRequest', async (req, reply) => {
  if (failNext > 0 && isRegistration(req)) {
    failNext--;
    return reply.code(503).send({ error: { code: 'unavailable', message: 'Tijdelijk niet beschikbaar' } });
  }
});
app.addHook('onSend', async (req, reply, payload) => {
  if (loseNext > 0 && isRegistration(req) && reply.statusCode === 201) {
    // Stored, but the answer is lost on the way back: the client must retry with the same key.
    loseNext--;
    reply.code(502);
    return JSON.stringify({ error: { code: 'bad-gateway', message: 'Bad gateway' } });
  }
  return payload;
});

app.post('/test-api/reset', async (_req, reply) => {
  await db.query('TRUNCATE registrations, idempotency, mail_outbox');
  clock = undefined;
  failNext = 0;
  setExtrasMode('load');
  loseNext = 0;
  loadDemo();
  return reply.code(204).send();
});
app.post('/test-api/clock', async (req, reply) => {
  clock = req.body?.now;
  return reply.code(204).send();
});
app.post('/test-api/fail-next', async (req, reply) => {
  failNext = req.body?.count ?? 1;
  return reply.code(204).send();
});
app.post('/test-api/lose-next-response', async (_req, reply) => {
  loseNext = 1;
  return reply.code(204).send();
});
app.put('/test-api/networks/:id', async (req, reply) => {
  const r = parseNetwork(req.body);
  if (!r.ok) return reply.code(422).send({ problems: r.problems });
  networks.set(r.value.id, r.value);
  return reply.code(204).send();
});
// Seeds registrations that take places, for availability tests.
app.post('/test-api/networks/:id/registrations', async (req, reply) => {
  const { status, count = 1, sessionId } = req.body ?? {};
  for (let i = 0; i < count; i++) {
    const email = `seed-${randomUUID()}@example.org`;
    await db.query(
      `INSERT INTO registrations (id, network_id, target, session_id, status, email_lower, participant) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), req.params.id, sessionId ?? 'network', sessionId ?? null, status, email, JSON.stringify({ name: 'Seed', email })],
    );
  }
  return reply.code(204).send();
});
app.get('/test-api/registrations', async () => {
  const { rows } = await db.query('SELECT status, participant, session_id FROM registrations ORDER BY seq');
  return rows.map((r) => ({ status: r.status, participant: typeof r.participant === 'string' ? JSON.parse(r.participant) : r.participant, sessionId: r.session_id ?? undefined }));
});

await app.listen({ port: 0, host: '127.0.0.1' });
const target = `http://127.0.0.1:${app.server.address().port}`;

/** Koa middleware for web-test-runner: forwards /api and /test-api to the reference server, and loads, fails or holds the form's rarer parts as a test asks. */
export async function referenceApi(ctx, next) {
  if (ctx.path === '/test-api/extras' && ctx.method === 'POST') {
    const chunks = [];
    for await (const c of ctx.req) chunks.push(c);
    setExtrasMode(JSON.parse(Buffer.concat(chunks).toString() || '{}').mode ?? 'load');
    ctx.body = { postedWhileHeld };
    return;
  }
  if (extrasMode === 'hold' && isRegistration(ctx)) postedWhileHeld++;
  if (/\/src\/components\/signup\/extras\.(js|ts)$/.test(ctx.path)) {
    // Never from the browser's cache, neither loaded nor failed, so that every page asks and a
    // test can hold or fail it. The test runner marks every answer with an extension cacheable
    // for a year, after this middleware: keep no-store.
    const setHeader = ctx.res.setHeader.bind(ctx.res);
    ctx.res.setHeader = (name, value) => setHeader(name, String(name).toLowerCase() === 'cache-control' ? 'no-store' : value);
    ctx.set('cache-control', 'no-store');
    if (extrasMode === 'hold') await new Promise((release) => heldExtras.push(release));
    if (extrasMode === 'fail') {
      ctx.status = 503;
      return;
    }
    return next();
  }
  if (!ctx.path.startsWith('/api/') && !ctx.path.startsWith('/test-api/')) return next();
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  const headers = {};
  for (const h of ['content-type', 'idempotency-key', 'accept', 'authorization', 'if-none-match', 'accept-language']) if (ctx.get(h)) headers[h] = ctx.get(h);
  const hasBody = chunks.length > 0 && ctx.method !== 'GET';
  // The tests' own fetch calls send JSON without saying so (text/plain); the elements do say so.
  if (hasBody && (!headers['content-type'] || headers['content-type'].startsWith('text/plain'))) headers['content-type'] = 'application/json';
  const res = await fetch(target + ctx.url, { method: ctx.method, headers, ...(hasBody && { body: Buffer.concat(chunks) }) });
  ctx.status = res.status;
  for (const h of ['content-type', 'etag', 'cache-control']) if (res.headers.get(h)) ctx.set(h, res.headers.get(h));
  ctx.body = Buffer.from(await res.arrayBuffer());
}

export async function stopReferenceApi() {
  await app.close();
  await db.close();
}
