// A registration API for the browser tests, served by web-test-runner's own HTTP server.
// It keeps registrations in memory but decides every request with the core rules engine
// (dist/core), so tests exercise real HTTP and the real rules, not canned answers. The
// reference server in src/server is the production implementation of the same API.
import { readFileSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const core = await import('../../dist/core/index.js');
const { parseNetwork, availabilityMap, decideRegistration, promoteFromWaitlist, reasonText } = core;

const networks = new Map();
let registrations = [];
let idempotency = new Map();
let failNext = 0;
let loseNext = 0;
// The seed networks lie in the past; tests set the clock to a day before their sessions.
let clock;

function loadDemo() {
  networks.clear();
  for (const f of readdirSync('demo/data')) {
    if (!f.endsWith('.json')) continue;
    const r = parseNetwork(readFileSync(`demo/data/${f}`, 'utf8'));
    if (r.ok) networks.set(r.value.id, r.value);
  }
}
loadDemo();

const key = (sessionId) => sessionId ?? 'network';
const active = (r) => r.status === 'confirmed' || r.status === 'pending' || r.status === 'waitlisted';

function counts(networkId) {
  const out = {};
  for (const r of registrations) {
    if (r.networkId !== networkId || !active(r)) continue;
    const c = (out[key(r.sessionId)] ??= { confirmed: 0, pending: 0, waitlisted: 0 });
    c[r.status]++;
  }
  return out;
}

async function body(ctx) {
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function send(ctx, status, data) {
  ctx.status = status;
  ctx.set('content-type', 'application/json');
  ctx.body = JSON.stringify(data);
}

function view(r) {
  return { id: r.id, networkId: r.networkId, sessionId: r.sessionId, status: r.status, position: r.position, participant: r.participant, createdAt: r.createdAt, canCancel: active(r) };
}

function nowFor() {
  return clock ? new Date(clock) : new Date();
}

function promote(network, sessionId) {
  const all = counts(network.id);
  const c = all[key(sessionId)] ?? { confirmed: 0, pending: 0, waitlisted: 0 };
  const queue = registrations.filter((r) => r.networkId === network.id && r.sessionId === sessionId && r.status === 'waitlisted');
  for (const p of promoteFromWaitlist(network, c, queue, sessionId)) registrations.find((r) => r.id === p.id).status = p.status;
  let pos = 0;
  for (const r of queue) if (r.status === 'waitlisted') r.position = ++pos;
}

export async function testApi(ctx, next) {
  const path = ctx.path;
  if (!path.startsWith('/api/') && !path.startsWith('/test-api/')) return next();
  if (failNext > 0 && path.startsWith('/api/') && ctx.method === 'POST') {
    failNext--;
    return send(ctx, 503, { error: { code: 'unavailable', message: 'Tijdelijk niet beschikbaar' } });
  }
  let m;
  if (path === '/test-api/reset' && ctx.method === 'POST') {
    registrations = [];
    idempotency = new Map();
    failNext = 0;
    loseNext = 0;
    clock = undefined;
    loadDemo();
    return send(ctx, 204, {});
  }
  if (path === '/test-api/registrations' && ctx.method === 'GET') {
    return send(ctx, 200, registrations.map(view));
  }
  if (path === '/test-api/lose-next-response' && ctx.method === 'POST') {
    loseNext = 1;
    return send(ctx, 204, {});
  }
  if (path === '/test-api/clock' && ctx.method === 'POST') {
    clock = (await body(ctx)).now;
    return send(ctx, 204, {});
  }
  if (path === '/test-api/fail-next' && ctx.method === 'POST') {
    failNext = (await body(ctx)).count ?? 1;
    return send(ctx, 204, {});
  }
  if ((m = /^\/test-api\/networks\/([^/]+)$/.exec(path)) && ctx.method === 'PUT') {
    const r = parseNetwork(await body(ctx));
    if (!r.ok) return send(ctx, 422, { error: { code: 'invalid-network', message: 'invalid', issues: r.problems } });
    networks.set(r.value.id, r.value);
    return send(ctx, 204, {});
  }
  if ((m = /^\/test-api\/networks\/([^/]+)\/registrations$/.exec(path)) && ctx.method === 'POST') {
    // Seeds registrations directly (counts for availability tests); each gets the given status.
    const { status, count = 1, sessionId } = await body(ctx);
    for (let i = 0; i < count; i++)
      registrations.push({ id: randomUUID(), networkId: m[1], sessionId, status, participant: { name: 'Seed', email: `seed${registrations.length}@example.org` }, createdAt: new Date().toISOString(), token: randomUUID() });
    return send(ctx, 204, {});
  }
  if ((m = /^\/api\/networks\/([^/]+)$/.exec(path)) && ctx.method === 'GET') {
    const network = networks.get(m[1]);
    if (!network) return send(ctx, 404, { error: { code: 'not-found', message: 'Onbekend netwerk' } });
    return send(ctx, 200, { network, availability: availabilityMap(network, counts(network.id), nowFor()) });
  }
  if ((m = /^\/api\/networks\/([^/]+)\/registrations$/.exec(path)) && ctx.method === 'POST') {
    const network = networks.get(m[1]);
    if (!network) return send(ctx, 404, { error: { code: 'not-found', message: 'Onbekend netwerk' } });
    const idem = ctx.get('idempotency-key');
    if (idem && idempotency.has(idem)) return send(ctx, 201, idempotency.get(idem));
    const input = await body(ctx);
    const v = core.validateRegistrationInput(network, input);
    if (!v.ok) return send(ctx, 422, { error: { code: 'invalid', message: 'Controleer de gegevens', issues: v.problems.map((p) => ({ path: p.path, message: p.message.nl })) } });
    const p = v.value;
    const email = p.participant.email.toLowerCase();
    const same = registrations.filter((r) => r.networkId === network.id && r.sessionId === p.sessionId && active(r));
    let invitation = 'none';
    if (p.invitationCode) {
      const hash = 'sha256:' + (await import('node:crypto')).createHash('sha256').update(p.invitationCode.trim()).digest('hex');
      invitation = (network.registration.invitation?.codes ?? []).some((c) => c.hash === hash) ? 'valid' : 'invalid';
    }
    const decision = decideRegistration(
      network,
      { sessionId: p.sessionId, organisationType: p.participant.organisationType, declarations: p.declarations, invitation, groupSize: p.groupSize },
      {
        counts: counts(network.id)[key(p.sessionId)] ?? { confirmed: 0, pending: 0, waitlisted: 0 },
        duplicate: same.some((r) => r.participant.email.toLowerCase() === email),
        organisationCount: same.filter((r) => r.participant.organisation && r.participant.organisation === p.participant.organisation).length,
      },
      nowFor(),
    );
    if (decision.outcome === 'rejected') {
      const reason = decision.reasons[0];
      const conflict = ['full', 'waitlist-full', 'duplicate', 'registration-closed', 'deadline-passed', 'past', 'not-yet-open', 'session-cancelled'].includes(reason.code);
      return send(ctx, conflict ? 409 : 422, { error: { code: reason.code, message: reasonText(reason, network, p.locale ?? 'nl'), reasons: decision.reasons } });
    }
    const reg = { id: randomUUID(), networkId: network.id, sessionId: p.sessionId, status: decision.outcome, position: decision.position, participant: p.participant, createdAt: new Date().toISOString(), token: randomUUID() };
    registrations.push(reg);
    const created = { id: reg.id, status: reg.status, ...(reg.position && { position: reg.position }), manageToken: reg.token };
    if (idem) idempotency.set(idem, created);
    if (loseNext > 0) {
      // Stored, but the answer is lost on the way back: the client must retry with the same key.
      loseNext--;
      return send(ctx, 502, { error: { code: 'bad-gateway', message: 'Bad gateway' } });
    }
    return send(ctx, 201, created);
  }
  if ((m = /^\/api\/registrations\/([^/]+)(\/cancel)?$/.exec(path))) {
    const reg = registrations.find((r) => r.token === decodeURIComponent(m[1]));
    if (!reg) return send(ctx, 404, { error: { code: 'not-found', message: 'Deze aanmelding bestaat niet (meer).' } });
    if (m[2] && ctx.method === 'POST') {
      if (active(reg)) {
        reg.status = 'cancelled';
        promote(networks.get(reg.networkId), reg.sessionId);
      }
    }
    return send(ctx, 200, view(reg));
  }
  return send(ctx, 404, { error: { code: 'not-found', message: 'Not found' } });
}
