import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { parseNetwork } from '../../src/core/index.js';
import { isCertainlyValid } from '../../src/core/network-check.generated.js';
import { SEED_IDS, seedJson } from '../helpers/seeds.js';

// The lean check a page runs on its own document must answer exactly as the zod schema does:
// "certainly valid" only where zod accepts the document and gives it back unchanged (zod trims
// some text; such a document goes to the full validator). These tests compare the two on the
// seed documents and on thousands of documents broken in ways editors break them.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Deep equality of JSON values; the order of an object's keys does not matter (zod writes them in schema order). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What zod decides: certainly valid means accepted and unchanged. */
function zodSays(doc: unknown): boolean {
  const r = parseNetwork(doc);
  return r.ok && same(r.value, doc);
}

/** Every place in a document: [parent, key] pairs, the root's children included. */
function places(doc: Json): [Json[] | { [key: string]: Json }, string | number][] {
  const out: [Json[] | { [key: string]: Json }, string | number][] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) node.forEach((v, i) => (out.push([node, i]), walk(v)));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push([node, k]), walk(v);
  };
  walk(doc);
  return out;
}

// Values that are right in one place and wrong in another: dates, clocks, URLs, enum words.
const POOL: Json[] = [
  null, true, false, 0, -1, 1, 1.5, 3, 60, 61, 1e21,
  '', ' ', 'x', ' padded ', 'a\nb', 'a\tb', 'tab\u0009', 'rtl\u202Eoverride', 'half \uD800',
  'https://example.org/x', 'http://example.org', 'javascript:alert(1)', '/relative', 'https://exa mple.org',
  'ab@example.org', 'not an email', '+31 30 123 45 67', '12',
  '2026-03-12', '2026-02-30', '2026-03-12T19:30', '2026-03-12T25:30', '2026-03-12T19:30:00+01:00', '2026-03-29T02:30', '2020-01-01T10:00',
  '19:30', '24:00', '1234 AB', '1234ab', '1000', '12345', 'BE', 'NL', 'DE', 'nl', 'en',
  'moved', 'cancelled', 'scheduled', 'external', 'email', 'built-in', 'closed', 'session', 'network', 'off', 'required', 'optional',
  'choice', 'text', 'in-company', 'open', 'physical', 'online', 'hybrid', 'to-be-announced', 'free', 'amount', 'on-request', 'EUR',
  'municipality', 'citizen-initiative', 'kick-off', 'report', `sha256:${'a'.repeat(64)}`, 'Bad-Id', 'good-id',
  {}, [], ['municipality'], { enabled: false, limit: 3 }, { enabled: true }, { type: 'online' }, { type: 'free' }, { name: 'Naam' },
];

// Fields the cross-field rules and the value rules look at, added where they may not fit.
const ADDS: [string, Json][] = [
  ['country', 'BE'], ['country', 'DE'], ['country', 'NL'], ['postalCode', '1000'], ['postalCode', '1234 AB'],
  ['opens', '2030-01-01'], ['closes', '2020-01-01'], ['closes', '2030-02-30'], ['cancelUntil', '2026-13-01'], ['opens', '2026-03-29T02:30'],
  ['mode', 'external'], ['mode', 'email'], ['url', 'https://example.org/aanmelden'], ['waitlist', { enabled: false, limit: 2 }],
  ['end', '2020-01-01T10:00'], ['end', '2099-01-01T10:00'], ['start', '2030-02-30T10:00'], ['status', 'moved'], ['doorsOpen', '19:00'],
  ['date', '2026-03-12'], ['date', '2026-02-29'], ['track', 'nope'], ['format', 'in-company'], ['type', 'choice'],
  ['title', 'half \uD800'], ['name', 'x\uDC00y'], ['description', 'lone \uDBFF'], ['publishedOn', '2026-02-30'],
  ['url', 'https:///pad'], ['url', 'https://a\\b.example.org'], ['url', 'https://exa\u200Bmple.org'], ['joinUrl', 'http://x.example.org/?q=\u00AD'], ['statementUrl', 'https://user:pw@example.org'], ['fields', { organisationType: 'off', organisation: 'off' }],
];

type Mutation = { at: number; kind: number; pick: number };

function mutate(doc: Json, mutations: Mutation[]): Json {
  for (const { at, kind, pick } of mutations) {
    const all = places(doc);
    if (!all.length) break;
    const [parent, key] = all[at % all.length]!;
    const get = () => (parent as Record<string | number, Json>)[key]!;
    const set = (v: Json) => ((parent as Record<string | number, Json>)[key] = v);
    const value = get();
    switch (kind % 8) {
      case 0:
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 1:
        set(structuredClone(POOL[pick % POOL.length]!));
        break;
      case 2: {
        // A value from elsewhere in the same document: right type, wrong place (or the same rule twice).
        const [p2, k2] = all[pick % all.length]!;
        set(structuredClone((p2 as Record<string | number, Json>)[k2]!));
        break;
      }
      case 3:
        if (value && typeof value === 'object' && !Array.isArray(value)) value[['extra', 'sesions', '__proto__', 'toString'][pick % 4]!] = 'x';
        else set({});
        break;
      case 4:
        if (Array.isArray(value) && value.length) value.push(structuredClone(value[pick % value.length]!));
        else set([value]);
        break;
      case 5:
        if (typeof value === 'string') {
          const tweaks = [` ${value}`, `${value}\n`, value.slice(0, 1), value.toUpperCase(), value.replace(/\d/, '9'), `${value}x`, value.replace(/T.*/, ''), value.replace(/-\d\d(?=T|$)/, '-31'), value.replace(/T\d\d/, 'T24'), `${value}\uD800`];
          set(tweaks[pick % tweaks.length]!);
        } else if (typeof value === 'number') set([value + 1, -value, value + 0.5, 0][pick % 4]!);
        else set(String(value));
        break;
      case 7: {
        const [field, add] = ADDS[pick % ADDS.length]!;
        if (value && typeof value === 'object' && !Array.isArray(value)) value[field] = structuredClone(add);
        else if (!Array.isArray(parent)) parent[field] = structuredClone(add);
        break;
      }
      case 6:
        // Drop a whole object's field that a rule looks at.
        if (!Array.isArray(parent)) {
          const keys = Object.keys(parent);
          delete parent[keys[pick % keys.length]!];
        }
        break;
    }
  }
  return doc;
}

describe('the lean check of a network document (generated from the zod schema)', () => {
  const docs = new Map<string, Json>();
  before(async () => {
    for (const id of SEED_IDS) docs.set(id, (await seedJson(id)) as Json);
  });

  it('passes every seed document, as zod does', () => {
    for (const [id, doc] of docs) {
      expect(zodSays(doc), id).to.equal(true);
      expect(isCertainlyValid(doc), id).to.equal(true);
    }
  });

  it('answers as zod does on documents broken in many ways', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...SEED_IDS),
        fc.array(fc.record({ at: fc.nat(), kind: fc.nat(), pick: fc.nat() }), { minLength: 1, maxLength: 3 }),
        (id, mutations) => {
          const doc = mutate(structuredClone(docs.get(id)!), mutations);
          const expected = zodSays(structuredClone(doc));
          expected ? valid++ : invalid++;
          expect(isCertainlyValid(doc), JSON.stringify(mutations)).to.equal(expected);
        },
      ),
      { numRuns: 8000, seed: 20261206 },
    );
    // Both answers occur often enough for the comparison to mean something.
    expect(valid, `valid ${valid}, invalid ${invalid}`).to.be.greaterThan(400);
    expect(invalid, `valid ${valid}, invalid ${invalid}`).to.be.greaterThan(400);
  });

  it('answers as zod does on anything at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (input) => {
        expect(isCertainlyValid(input)).to.equal(zodSays(input));
      }),
      { numRuns: 500, seed: 20261206 },
    );
  });

  it('refuses an own "__proto__" or "constructor" field, as zod does', () => {
    const text = JSON.stringify(docs.get('twentse-noabers'));
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const doc = JSON.parse(text.replace(/^\{/, `{"${key}":{"x":1},`));
      expect(Object.hasOwn(doc, key), key).to.equal(true);
      expect(zodSays(doc), key).to.equal(false);
      expect(isCertainlyValid(doc), key).to.equal(false);
    }
  });

  it('leaves text that zod would trim to the full validator', () => {
    const doc = structuredClone(docs.get('twentse-noabers')!) as { title: string };
    doc.title = ` ${doc.title}`;
    expect(parseNetwork(doc).ok).to.equal(true);
    expect(isCertainlyValid(doc)).to.equal(false);
  });
  it('leaves documents with a rare field to the full validator, which still says yes or no (reserved places, allExcept, codes per session, programme days)', () => {
    const base = () => {
      const doc = structuredClone(docs.get('twentse-noabers')!) as any;
      doc.registration = { mode: 'built-in', scope: 'session', capacity: 20, fields: { organisation: 'optional', organisationType: 'optional' } };
      return doc;
    };
    const hash = `sha256:${'0'.repeat(64)}`;
    const rare: [string, (d: any) => void][] = [
      ['registration.reservedPlaces', (d) => (d.registration.reservedPlaces = { places: 2, organisationTypes: ['municipality'] })],
      ['sessions[0].reservedPlaces', (d) => (d.sessions[0].reservedPlaces = { places: 2, organisationTypes: ['municipality'] })],
      ['invitation.allExcept', (d) => (d.registration.invitation = { allExcept: ['municipality'], codes: [{ hash }] })],
      ['codes[].sessions', (d) => (d.registration.invitation = { organisationTypes: ['business'], codes: [{ hash, sessions: [d.sessions[0].id] }] })],
    ];
    expect(isCertainlyValid(base()), 'the document without them').to.equal(true);
    for (const [what, add] of rare) {
      const doc = base();
      add(doc);
      expect(parseNetwork(structuredClone(doc)).ok, `${what}: the full validator accepts it`).to.equal(true);
      expect(isCertainlyValid(doc), `${what}: not certain in the lean check`).to.equal(false);
    }
    // Their rules run in the full validator: reserved places for nobody are refused, with a sentence at the field.
    const nobody = base();
    nobody.sessions[0].reservedPlaces = { places: 2 };
    const parsed = parseNetwork(nobody);
    expect(parsed.ok).to.equal(false);
    expect(!parsed.ok && parsed.problems.some((p) => p.path.includes('reservedPlaces')), 'a problem at reservedPlaces').to.equal(true);
  });
});
