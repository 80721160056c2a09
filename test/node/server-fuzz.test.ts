/**
 * Hostile input against the real server, on both databases: a seeded, bounded stream of
 * fast-check requests over the registration bodies, query strings, path ids and headers.
 * Whatever arrives, the answer is below 500 and an error is in the API's shape, in words
 * meant for a person: never a stack, a JavaScript error or a database message.
 *
 * FUZZ_SEED and FUZZ_RUNS change the stream (for a longer hunt); the suite runs the default.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { BACKENDS, ADMIN_TOKEN, startServer, network, seedNetwork, person, signInAs, type TestServer } from './helpers.js';
import { ADMIN_ROUTES, adminPath, type AdminRouteName } from '../../src/core/index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260601);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2200);

/** Text an error body may never contain: what only a programmer or the database would say. */
const INTERNAL = [/TypeError/, /ReferenceError/, /RangeError/, /SyntaxError/, /\bat .+\(.*:\d+:\d+\)/, /node_modules/, /invalid input syntax/i, /\\u0000/, /unsupported Unicode escape/i, /\bSQL\b/, /\bjsonb?\b/, /violates/, /\bcolumn\b/, /\brelation\b/, /Cannot read prop/, /is not a function/, /Route (GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS):/];

const QUESTION_IDS = ['motivatie', 'ervaring', 'aantal', 'keuze', 'akkoord'];

const openNetwork = network({
  id: 'open',
  sessions: [
    { id: 'dag', title: 'Workshopdag', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00' },
    { id: 'terugkom', title: 'Terugkomdag', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00' },
  ],
  registration: {
    mode: 'built-in',
    capacity: 40,
    waitlist: { enabled: true },
    fields: { organisation: 'optional', organisationType: 'optional', role: 'optional', phone: 'optional' },
    declarations: [{ id: 'privacy', text: 'Ik ga akkoord', required: false }],
    questions: [
      { id: 'motivatie', label: 'Motivatie', type: 'text' },
      { id: 'ervaring', label: 'Ervaring', type: 'textarea' },
      { id: 'aantal', label: 'Aantal', type: 'number', min: 0, max: 10 },
      { id: 'keuze', label: 'Keuze', type: 'choice', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
      { id: 'akkoord', label: 'Akkoord', type: 'yes-no' },
    ],
  },
});
const intakeNetwork = network({
  id: 'intake',
  sessions: [
    { id: 'een', title: 'Een', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00' },
    { id: 'twee', title: 'Twee', type: 'other', date: '2030-06-01' },
  ],
  registration: {
    mode: 'built-in',
    scope: 'session',
    capacity: 30,
    waitlist: { enabled: true },
    approval: { required: true },
    maxPerOrganisation: 20,
    fields: { organisation: 'required', organisationType: 'required' },
    invitation: { organisationTypes: ['citizen-initiative'], codes: [{ hash: `sha256:${'0'.repeat(64)}` }] },
  },
});
const companyNetwork = network({
  id: 'company',
  format: 'in-company',
  groupSize: { min: 2, max: 20 },
  sessions: [],
  registration: { mode: 'built-in', fields: { organisation: 'required', organisationType: 'optional' } },
});
const NETWORK_IDS = ['open', 'intake', 'company', 'twentse-noabers'];

// Characters that have broken servers before: NUL, lone surrogates, controls, bidi and
// invisible format characters, line breaks of every kind, combining marks, astral symbols.
const NASTY = [
  '\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009B', '\u009F',
  '\r', '\n', '\r\n', '\t', '\u00A0', '\u2028', '\u2029', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD',
  '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C',
  'e\u0301', '\u0130', '\u00DF', '\uFFFD', '\uFFFF', '😀', '👩‍👩‍👧', '\\', '"', "'", '`', '%', '%00', '%ZZ', '<', '>', '&', ';', ',', ':', '@', '.', ' ',
];
const WORDS = [
  'Anna de Vries', 'anna@example.org', 'Gemeente Utrecht', 'municipality', 'citizen-initiative', 'dag', 'een', 'twee', 'a', 'b',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'null', 'undefined', 'NaN', 'true', '0', '-1', '1e309',
  'https://evil.example/login', 'www.evil.example', 'evil.example', 'BEGIN:VEVENT', 'END:VCALENDAR', "'; DROP TABLE registrations; --",
  '<script>alert(1)</script>', '${7*7}', '{{7*7}}', 'x\u200b@example.org', 'anna@exa\u0000mple.org', 'nl', 'en', 'EN-gb', 'fr',
];

const nastyChar = fc.constantFrom(...NASTY);
const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 4, arbitrary: fc.string({ unit: fc.oneof(nastyChar, fc.constantFrom('a', 'B', '1', ' ', 'é')), maxLength: 24 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...WORDS), nastyChar, fc.constantFrom(...WORDS)).map(([a, b, c]) => a + b + c) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 150, max: 6000 }).chain((n) => fc.constantFrom('a', '\u0000', '\uD800', ' ', 'é', '\u200B').map((c) => c.repeat(n))) },
);

/** Any JSON-ish value, including keys that poison prototypes and values of the wrong type. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(1e308), fc.constant(-0)) },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 3,
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'name', 'email')),
      values: [text, fc.integer(), fc.boolean(), fc.constant(null)],
    }),
  },
);

/** A value for a field: mostly one of the right type, often hostile, sometimes of the wrong type or left out. */
const field = (right: fc.Arbitrary<unknown>) =>
  fc.option(fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: anyValue }), { freq: 6, nil: undefined });

const participant = fc.record(
  {
    name: field(text),
    email: field(
      fc.oneof(
        { weight: 4, arbitrary: fc.nat().map((n) => `fuzz${n}@example.org`) },
        { weight: 1, arbitrary: fc.constantFrom('anna@example.org', 'x@y.nl') },
        { weight: 2, arbitrary: text },
        { weight: 2, arbitrary: fc.tuple(text, text).map(([a, b]) => `${a}@${b}.nl`) },
      ),
    ),
    organisation: field(text),
    organisationType: field(fc.oneof(fc.constantFrom('municipality', 'citizen-initiative', 'province'), text)),
    role: field(text),
    phone: field(fc.oneof(fc.constantFrom('030 123 45 67', '+31 6 1234 5678'), text)),
  },
  { requiredKeys: [] },
);

const registrationBody = fc.record(
  {
    participant: fc.oneof({ weight: 8, arbitrary: participant }, { weight: 1, arbitrary: anyValue }),
    sessionId: field(fc.oneof(fc.constantFrom('dag', 'een', 'twee', 'bestaat-niet'), text)),
    declarations: field(fc.array(fc.oneof(fc.constant('privacy'), text), { maxLength: 3 })),
    answers: field(fc.dictionary(fc.oneof(fc.constantFrom(...QUESTION_IDS), fc.constantFrom('__proto__', 'constructor'), text), fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), anyValue), { maxKeys: 5 })),
    invitationCode: field(text),
    groupSize: field(fc.oneof(fc.integer({ min: -5, max: 30 }), fc.double())),
    locale: field(fc.oneof(fc.constantFrom('nl', 'en'), text)),
    website: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: text }),
    formToken: field(fc.oneof(text, fc.integer())),
  },
  { requiredKeys: [] },
);

/**
 * Registrations of the right shape whose text is odd but may well be taken: other scripts,
 * emoji, combining marks, line breaks and a single nasty character here and there. These get
 * past the checks into the database, the outbox and the e-mail composer.
 */
const plausibleText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Anna de Vries', 'Gemeente Utrecht', 'René Poëll', 'דוד\u200F כהן', 'مؤسسة\u200Cعامة', '李小龙', 'J.R. de Vries', 'Zoë 👩‍👩‍👧', 'evil.example', 'Anna\nde Vries') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('Anna', 'Gemeente', 'Ri'), nastyChar, fc.constantFrom('de Vries', 'Utrecht', 'x')).map(([a, b, c]) => a + b + c) },
);
const plausibleRegistration = fc.record(
  {
    participant: fc.record(
      {
        name: plausibleText,
        email: fc.nat().map((n) => `fuzz${n}@example.org`),
        organisation: plausibleText,
        organisationType: fc.constantFrom('municipality', 'citizen-initiative', 'province', 'business'),
        role: plausibleText,
        phone: fc.constantFrom('030 123 45 67', '+31 6 1234 5678'),
      },
      { requiredKeys: ['name', 'email', 'organisation', 'organisationType'] },
    ),
    sessionId: fc.constantFrom('dag', 'een', 'twee'),
    declarations: fc.constant(['privacy']),
    answers: fc.record(
      { motivatie: plausibleText, ervaring: fc.oneof(plausibleText, text), aantal: fc.integer({ min: 0, max: 10 }), keuze: fc.constantFrom('a', 'b'), akkoord: fc.boolean() },
      { requiredKeys: [] },
    ),
    groupSize: fc.integer({ min: 2, max: 20 }),
    locale: fc.constantFrom('nl', 'en'),
  },
  { requiredKeys: ['participant', 'declarations', 'locale'] },
);

/** Bodies that are not a registration at all: malformed, deep, prototype-poisoning, wrong top-level type. */
const rawBody = fc.oneof(
  fc.constantFrom(
    '{"participant":', '{', '[', '"x"', 'null', '1', '', '{"participant":{"name":"a\\u0000"}}', '{"participant":{"name":"\\ud800"}}',
    '{"__proto__":{"admin":true},"participant":{"name":"a","email":"a@b.nl"}}', '{"constructor":{"prototype":{"x":1}}}',
    '{"participant":{"name":"a","email":"a@b.nl"},"participant":[]}', '\uFEFF{"participant":{}}', '{"a":1}garbage', '{"participant":{"name":"a\\x41"}}',
  ),
  fc.integer({ min: 10, max: 6000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 10, max: 3000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.string({ maxLength: 60 }),
);

const bytes = new TextEncoder();
/** Percent-encodes any string, lone surrogates too (as U+FFFD), which encodeURIComponent refuses. */
const pct = (s: string) => Array.from(bytes.encode(s), (b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
/** As a browser would write it in a URL; `pct` where encodeURIComponent gives up on a lone surrogate. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return pct(s);
  }
}

/** A path segment: text encoded, raw odd escapes, or something that looks like an id. */
const segment = (likely: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: likely.map(enc) },
    { weight: 4, arbitrary: text.map(pct) },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%ZZ', '%', '%ED%A0%80', '%C0%AF', '%FF', '..', '.', '%2F', 'a%00b', '%E2%80%AE') },
    { weight: 1, arbitrary: fc.integer({ min: 90, max: 400 }).map((n) => 'a'.repeat(n)) },
  );

/** A query string: repeated keys, array syntax, bad escapes. */
const query = (keys: string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    {
      weight: 3,
      arbitrary: fc
        .array(
          fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.constantFrom('lang[]', 'lang[0]', '__proto__', 'constructor', '')), fc.oneof(fc.constantFrom('nl', 'en', '', 'een', 'dag'), text.map(pct), fc.constantFrom('%ZZ', '%', '%00', 'a&b', '=='))),
          { minLength: 1, maxLength: 4 },
        )
        .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
    },
  );

/** Header values a client can send: visible ASCII and Latin-1, never a line break (node refuses those itself). */
const headerValue = fc.oneof(
  fc.constantFrom('', ' ', 'nl', 'en', 'en-GB,en;q=0.9', '*', ';q=1', ',,,', 'xx-YY;q=abc', 'EN', 'de, en;q=0.5', 'ü'),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 300 }),
);

interface Known {
  tokens: string[];
  ids: string[];
  /** A valid form token per network, as the form fetches it before a person registers. */
  formTokens: Record<string, string>;
}

/** Puts a network's form token into a JSON object body; anything else is sent as it is. */
function withFormToken(payload: string, token: string | undefined): string {
  if (!token) return payload;
  try {
    const body = JSON.parse(payload) as unknown;
    return body && typeof body === 'object' && !Array.isArray(body) ? JSON.stringify({ ...body, formToken: token }) : payload;
  } catch {
    return payload;
  }
}

function requests(known: Known): fc.Arbitrary<InjectOptions> {
  const networkId = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NETWORK_IDS) }, { weight: 1, arbitrary: text });
  const token = fc.oneof(
    fc.constantFrom(...known.tokens),
    fc.tuple(fc.constantFrom(...known.tokens), fc.nat(60), nastyChar).map(([t, i, c]) => t.slice(0, i) + c + t.slice(i + 1)),
    fc.constantFrom('not-a-token', 'AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '//////////////////////.________________________________'),
  );
  const id = fc.oneof(fc.constantFrom(...known.ids), fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '1', 'null'));
  const headers = fc.record(
    {
      'accept-language': headerValue,
      'idempotency-key': headerValue,
      'content-type': fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
        { weight: 1, arbitrary: fc.constantFrom('application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '') },
      ),
    },
    { requiredKeys: [] },
  );
  const adminAuth = fc.oneof({ weight: 8, arbitrary: fc.constant(`Bearer ${ADMIN_TOKEN}`) }, { weight: 1, arbitrary: headerValue });
  const body = fc.oneof(
    { weight: 6, arbitrary: plausibleRegistration.map((b) => JSON.stringify(b)) },
    { weight: 4, arbitrary: registrationBody.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: rawBody },
    { weight: 1, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? 'x') },
  );

  const withHeaders = (h: Record<string, string>, json = true): Record<string, string> => ({ ...(json && { 'content-type': 'application/json' }), ...h });
  return fc.oneof(
    // Registrations: the body is where people type.
    {
      weight: 10,
      // Most carry the network's real form token, so what follows the spam check is reached too.
      arbitrary: fc.tuple(networkId, body, headers, query(['lang']), fc.nat(5)).map(([n, payload, h, q, tokenDice]) => ({
        method: 'POST' as const,
        url: `/api/networks/${enc(n)}/registrations${q}`,
        headers: withHeaders(h),
        payload: tokenDice > 0 ? withFormToken(payload, known.formTokens[n]) : payload,
      })),
    },
    // Public reads, with odd ids and query strings.
    {
      weight: 3,
      arbitrary: fc.tuple(segment(fc.constantFrom(...NETWORK_IDS)), fc.constantFrom('', '/calendar.ics'), query(['lang']), headers).map(([n, tail, q, h]) => ({
        method: 'GET' as const,
        url: `/api/networks/${n}${tail}${q}`,
        headers: withHeaders(h, false),
      })),
    },
    { weight: 1, arbitrary: fc.tuple(query(['lang']), headers).map(([q, h]) => ({ method: 'GET' as const, url: `/api/networks${q}`, headers: withHeaders(h, false) })) },
    // A participant's own registration, by manage token.
    {
      weight: 4,
      arbitrary: fc.tuple(segment(token), fc.constantFrom('GET', 'POST cancel', 'POST erase'), query(['lang']), headers, fc.option(body, { nil: undefined })).map(([t, what, q, h, payload]) => {
        const [method, action] = what.split(' ') as ['GET' | 'POST', string | undefined];
        return { method, url: `/api/registrations/${t}${action ? `/${action}` : ''}${q}`, headers: withHeaders(h, payload !== undefined), ...(payload !== undefined && method === 'POST' && { payload }) };
      }),
    },
    // Organisers: ids that cannot exist, lists with odd filters, bodies of the wrong type.
    {
      weight: 4,
      arbitrary: fc
        .tuple(segment(id), fc.constantFrom('accept', 'reject', 'move-up'), fc.oneof(anyValue, fc.record({ reason: anyValue }, { requiredKeys: [] })), adminAuth, headers)
        .map(([i, action, b, auth, h]) => ({ method: 'POST' as const, url: `/api/admin/registrations/${i}/${action}`, headers: { ...withHeaders(h), authorization: auth }, payload: JSON.stringify(b) ?? '' })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(segment(id), fc.record({ sessionId: field(fc.oneof(fc.constantFrom('dag', 'een'), text)), present: field(fc.boolean()) }, { requiredKeys: [] }), adminAuth)
        .map(([i, b, auth]) => ({ method: 'PUT' as const, url: `/api/admin/registrations/${i}/attendance`, headers: { 'content-type': 'application/json', authorization: auth }, payload: JSON.stringify(b) })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(segment(fc.constantFrom(...NETWORK_IDS)), fc.constantFrom('registrations', 'registrations.csv'), query(['session', 'status', 'lang']), adminAuth).map(([n, what, q, auth]) => ({
        method: 'GET' as const,
        url: `/api/admin/networks/${n}/${what}${q}`,
        headers: { authorization: auth },
      })),
    },
    // Methods and paths nobody serves.
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('DELETE', 'PATCH', 'PUT', 'GET') as fc.Arbitrary<InjectOptions['method'] & string>, fc.constantFrom('/api/networks/open/registrations', '/api/registrations', '/api/admin', '/api/nope', '/api/networks/open/x'), segment(text)).map(
        ([method, path, s]) => ({ method, url: `${path}/${s}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }),
      ),
    },
  ) as fc.Arbitrary<InjectOptions>;
}

/** What is wrong with an answer, or undefined when it is fine. */
function fault(status: number, raw: string, contentType: string | undefined): string | undefined {
  if (status >= 500) return `status ${status}`;
  if (status < 400) return undefined;
  if (!contentType?.startsWith('application/json')) return `error without JSON (${contentType})`;
  let body: { error?: { code?: unknown; message?: unknown; issues?: { message?: unknown }[] } };
  try {
    body = JSON.parse(raw);
  } catch {
    return 'error body is not JSON';
  }
  const e = body.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !e.message) return 'error not in the API shape';
  const said = [e.message, ...(Array.isArray(e.issues) ? e.issues.map((i) => String(i?.message)) : [])].join('\n');
  const leak = INTERNAL.find((r) => r.test(said));
  if (leak) return `internal text ${leak}`;
  return undefined;
}

for (const backend of BACKENDS) {
  describe(`API fuzzing on ${backend}`, () => {
    let s: TestServer;
    const known: Known = { tokens: [], ids: [], formTokens: {} };
    before(async () => {
      s = await startServer(backend, [openNetwork, intakeNetwork, companyNetwork, seedNetwork('twentse-noabers')]);
      // A few real registrations, so tokens and ids also reach the rows behind them.
      const made = [
        await s.post('/api/networks/open/registrations', person('fuzz-1')),
        await s.post('/api/networks/open/registrations', person('fuzz-2', { organisation: 'Gemeente Utrecht' })),
        await s.post('/api/networks/intake/registrations', { ...person('fuzz-3', { organisation: 'Gemeente Zeist', organisationType: 'municipality' }), sessionId: 'een' }),
        await s.post('/api/networks/intake/registrations', { ...person('fuzz-4', { organisation: 'Gemeente Zeist', organisationType: 'municipality' }), sessionId: 'twee' }),
      ];
      for (const r of made) {
        assert.equal(r.status, 201, JSON.stringify(r.body));
        known.tokens.push(r.body.manageToken);
        known.ids.push(r.body.id);
      }
      for (const id of NETWORK_IDS) known.formTokens[id] = (await s.get(`/api/networks/${id}/form-token`)).body?.formToken;
    });
    after(() => s.close());

    test(`${RUNS} hostile requests: none gets a 5xx, every error is in the API shape without internal text`, async () => {
      const samples = fc.sample(requests(known), { seed: SEED, numRuns: RUNS });
      const faults = new Map<string, { count: number; example: InjectOptions; answer: string }>();
      const statuses = new Map<number, number>();
      let total = 0;
      for (const req of samples) {
        const res = await s.app.inject(req);
        total++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const f = fault(res.statusCode, res.body, res.headers['content-type'] as string | undefined);
        if (!f) continue;
        const path = String(req.url).split('?')[0]!;
        const route = path.replace(/^(\/api\/(?:admin\/)?(?:networks|registrations))\/[^/]+/, '$1/:id').slice(0, 80);
        const said = /"message":"([^"]{0,60})/.exec(res.body)?.[1] ?? '';
        const key = `${f} on ${req.method} ${route} (${said})`;
        const seen = faults.get(key);
        if (seen) seen.count++;
        else faults.set(key, { count: 1, example: req, answer: res.body.slice(0, 300) });
      }
      const failed = [...faults.values()].reduce((n, f) => n + f.count, 0);
      console.log(`fuzz ${backend}: ${total} requests (seed ${SEED}), ${failed} faults; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
      for (const [key, f] of faults) console.log(`  ${f.count} × ${key}\n    e.g. ${JSON.stringify(f.example).slice(0, 400)}\n    -> ${f.answer}`);
      assert.ok(total >= 2000, `at least 2,000 requests per database (ran ${total})`);
      // Hostile but acceptable text must reach the database and the outbox too, not only the checks.
      assert.ok((statuses.get(201) ?? 0) >= total / 40, `registrations created: ${statuses.get(201) ?? 0}`);
      assert.equal(failed, 0, `${failed} of ${total} requests got a 5xx or an error that is not in the API shape`);
    });

    test('every string field of every admin route body: NUL, lone surrogates and very long text never give a 5xx', async () => {
      const owner = await signInAs(s, `fuzz-eigenaar-${backend}@example.org`, { open: 'owner' });
      const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const [openId, , intakeId] = known.ids;
      // A valid body and the path of each route; `headers` when the bearer token may not call it.
      const calls: Partial<Record<AdminRouteName, { url: string; body: Record<string, unknown>; headers?: Record<string, string> }>> = {
        login: { url: adminPath('login', {}), body: { email: 'anna@example.org' } },
        createSession: { url: adminPath('createSession', {}), body: { token: 'geen-echte-link' } },
        createToken: { url: adminPath('createToken', {}), body: { name: 'Koppeling' }, headers: { ...owner.headers, host: new URL(s.url).host } },
        putOrganiser: { url: adminPath('putOrganiser', { networkId: 'open' }), body: { email: 'nieuw@example.org', role: 'organiser', name: 'Nieuwe organisator' } },
        accept: { url: adminPath('accept', { id: intakeId! }), body: { reason: 'Welkom' } },
        reject: { url: adminPath('reject', { id: intakeId! }), body: { reason: 'Vol' } },
        attendance: { url: adminPath('attendance', { id: openId! }), body: { sessionId: 'dag', present: true } },
        setNote: { url: adminPath('setNote', { id: openId! }), body: { note: 'Belt nog' } },
        remove: { url: adminPath('remove', { id: known.ids[1]! }), body: { reason: 'Dubbel' } },
        previewMessage: { url: adminPath('previewMessage', { networkId: 'open' }), body: { sessionId: 'dag', statuses: ['confirmed'], subject: 'Onderwerp', body: 'Tekst' } },
        sendMessage: { url: adminPath('sendMessage', { networkId: 'open' }), body: { sessionId: 'dag', statuses: ['confirmed'], subject: 'Onderwerp', body: 'Tekst' } },
        createNetwork: { url: adminPath('createNetwork', {}), body: { copyFrom: 'open', id: 'kopie' } },
        reportNotice: { url: adminPath('reportNotice', { networkId: 'open', sessionId: 'dag' }), body: { report: 'https://example.org/verslag', preview: true } },
        moveRegistration: { url: adminPath('moveRegistration', { id: openId! }), body: { sessionId: 'dag' } },
        importRegistrations: { url: adminPath('importRegistrations', { networkId: 'open' }), body: { csv: 'Naam;E-mail\nAnna Fuzz;anna.fuzz@example.org' } },
      };
      /** The string fields of a body schema (zod/mini), so a field added to the contract is fuzzed too. */
      const stringFields = (schema: any, prefix = ''): string[] => {
        const def = schema._zod.def;
        if (def.type === 'object') return Object.entries(def.shape).flatMap(([k, v]) => stringFields(v, prefix ? `${prefix}.${k}` : k));
        if (def.type === 'optional') return stringFields(def.innerType, prefix);
        return def.type === 'string' ? [prefix] : [];
      };
      const hostile = ['\u0000', 'Anna\u0000de Vries', '\uD800', 'x\uDC00y', '\uDBFF\uDBFF', 'a'.repeat(300), 'é'.repeat(5000), 'a'.repeat(20000)];
      const broken = (v: string) => /\u0000|[\uD800-\uDFFF]/.test(v);
      const faults: string[] = [];
      let sent = 0;
      for (const [name, spec] of Object.entries(ADMIN_ROUTES) as [AdminRouteName, (typeof ADMIN_ROUTES)[AdminRouteName]][]) {
        if (!('body' in spec) || !spec.body) continue;
        const fields = stringFields(spec.body);
        if (!fields.length) continue;
        const call = calls[name];
        assert.ok(call, `a valid body for ${name}, whose fields ${fields.join(', ')} are text`);
        for (const field of fields) {
          for (const value of hostile) {
            const res = await s.app.inject({ method: spec.method, url: call.url, headers: { 'content-type': 'application/json', ...(call.headers ?? asAdmin) }, payload: JSON.stringify({ ...call.body, [field]: value }) });
            sent++;
            const f = fault(res.statusCode, res.body, res.headers['content-type'] as string | undefined);
            if (f) faults.push(`${f} on ${name}.${field} = ${JSON.stringify(value.slice(0, 12))}: ${res.body.slice(0, 200)}`);
            else if (broken(value) && (res.statusCode !== 422 || !JSON.parse(res.body).error.issues?.some((i: { path: string; message: string }) => i.path === field && i.message)))
              faults.push(`${name}.${field} = ${JSON.stringify(value)}: ${res.statusCode}, not a 422 naming the field: ${res.body.slice(0, 200)}`);
          }
        }
      }
      // The documents themselves (putNetworkDocument, previewNetworkChanges, createNetwork's document): their text fields.
      const documentPaths: ((d: any, v: string) => void)[] = [(d, v) => (d.title = v), (d, v) => (d.summary = v), (d, v) => (d.sessions[0].title = v), (d, v) => (d.organisers[0].name = v)];
      for (const value of [...hostile, 'a'.repeat(200000)]) {
        for (const put of documentPaths) {
          const current = await s.app.inject({ method: 'GET', url: adminPath('getNetworkDocument', { networkId: 'open' }), headers: asAdmin });
          const doc = JSON.parse(current.body).document;
          put(doc, value);
          for (const req of [
            { method: 'PUT' as const, url: adminPath('putNetworkDocument', { networkId: 'open' }), headers: { ...asAdmin, 'if-match': String(current.headers.etag) }, payload: doc },
            { method: 'POST' as const, url: adminPath('previewNetworkChanges', { networkId: 'open' }), headers: asAdmin, payload: doc },
            { method: 'POST' as const, url: adminPath('createNetwork', {}), headers: asAdmin, payload: { document: { ...doc, id: `nieuw-${sent}` } } },
          ]) {
            const res = await s.app.inject({ ...req, headers: { ...req.headers, 'content-type': 'application/json' }, payload: JSON.stringify(req.payload) });
            sent++;
            const f = fault(res.statusCode, res.body, res.headers['content-type'] as string | undefined);
            if (f) faults.push(`${f} on ${req.method} ${req.url} with ${JSON.stringify(value.slice(0, 12))}: ${res.body.slice(0, 200)}`);
          }
        }
      }
      console.log(`admin bodies ${backend}: ${sent} requests, ${faults.length} faults`);
      for (const f of faults) console.log(`  ${f}`);
      assert.deepEqual(faults, []);
    });
  });
}
