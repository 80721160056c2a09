/**
 * Turns schema issues into problems a CMS editor can act on: a JSON path such as
 * `sessions[2].start` and one sentence per language saying what is wrong and what is expected.
 */
import type * as z from 'zod/mini';
import { problemMessages } from './i18n/problem.js';
import { LOCALES, type Locale } from './i18n/format.js';
import { formatPath } from './path.js';

export interface Problem {
  /** JSON path in the document, for example `sessions[2].start`; empty for the whole document. */
  path: string;
  /** Machine-readable kind of problem, stable across versions. */
  code: string;
  /** The sentence in each UI language. */
  message: Record<Locale, string>;
  /** The network's own words the sentence quotes, exactly as it quotes them (a declaration, a question, session titles): they keep the document's language. */
  quoted?: string;
}

type Issue = z.core.$ZodIssue;

export { formatPath };

function both(make: (locale: Locale) => string): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, make(l)])) as Record<Locale, string>;
}

/** Damerau-free edit distance, enough to catch "sesions" and "adress". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

// Words editors write for a field that has another name here (English, Dutch, other tools' names).
// Spelling alone cannot find these: "walkIn" is nowhere near "doorsOpen". Keys are lower case, letters only.
const MEANING: Record<string, readonly string[]> = {
  walkin: ['doorsOpen'], inloop: ['doorsOpen'], doors: ['doorsOpen'], doorsopenat: ['doorsOpen'], inlooptijd: ['doorsOpen'], ontvangst: ['doorsOpen'],
  location: ['venue'], locatie: ['venue'], place: ['venue'], where: ['venue'], waar: ['venue'],
  zaal: ['room'], lokaal: ['room'], ruimte: ['room'],
  parking: ['accessibility'], parkeren: ['accessibility'], bereikbaarheid: ['accessibility'], toegankelijkheid: ['accessibility'], route: ['accessibility'],
  land: ['country'], countrycode: ['country'],
  zip: ['postalCode'], zipcode: ['postalCode'], postcode: ['postalCode'], postal: ['postalCode'],
  town: ['city'], stad: ['city'], plaats: ['city', 'venue'], woonplaats: ['city'],
  street: ['address'], adres: ['address'], straat: ['address'],
  agenda: ['programme'], program: ['programme'], schedule: ['programme'], programma: ['programme'], dagprogramma: ['programme'],
  speaker: ['speakers'], sprekers: ['speakers'], presenters: ['speakers'], presenter: ['speakers'],
  moderator: ['facilitators'], moderators: ['facilitators'], host: ['facilitators'], hosts: ['facilitators'], begeleiders: ['facilitators'],
  trainers: ['facilitators'], trainer: ['facilitators'], dagvoorzitter: ['facilitators'],
  starttime: ['start'], begin: ['start'], from: ['start'], datetime: ['start'], when: ['start', 'date'], wanneer: ['start', 'date'], datum: ['date'], day: ['date'],
  endtime: ['end'], until: ['end'], to: ['end'], eind: ['end'], einde: ['end'], tot: ['end'],
  maxparticipants: ['capacity'], seats: ['capacity'], places: ['capacity'], plaatsen: ['capacity'], maxattendees: ['capacity'], limit: ['capacity'],
  deadline: ['closes'], closingdate: ['closes'], sluitingsdatum: ['closes'], registrationdeadline: ['closes'], opensat: ['opens'],
  organizer: ['organisers'], organizers: ['organisers'], organiser: ['organisers'], organisator: ['organisers'], organisatoren: ['organisers'], organisatie: ['organisers', 'organisation'],
  sponsor: ['sponsors'], funder: ['funders'], financiers: ['funders'], financier: ['funders'], subsidiegevers: ['funders'], partner: ['partners'],
  tags: ['themes'], topics: ['themes'], themas: ['themes'], topic: ['theme'], thema: ['theme', 'themes'],
  name: ['title'], titel: ['title'], naam: ['name', 'title'],
  intro: ['summary'], samenvatting: ['summary'], beschrijving: ['description'], omschrijving: ['description'], details: ['description'], body: ['description'],
  kosten: ['price'], cost: ['price'], costs: ['price'], fee: ['price'], prijs: ['price'],
  mail: ['email'], emailaddress: ['email'], phonenumber: ['phone'], telefoon: ['phone'], tel: ['phone'],
  website: ['url'], link: ['url'], href: ['url'],
  doelgroep: ['audience'], targetaudience: ['audience'], target: ['audience'],
  links: ['resources'], documents: ['resources'], materials: ['resources'], materiaal: ['resources'], downloads: ['resources'],
  members: ['memberOrganisations'], leden: ['memberOrganisations'], memberorganizations: ['memberOrganisations'],
};

/** A field that means what `key` says in other words, if the object has it. */
function meaningOf(key: string, known: readonly string[]): string | undefined {
  // Own entries only: "constructor" or "toString" in a document is a typo, not Object.prototype's.
  const word = key.toLowerCase().replace(/[^a-z]/g, '');
  return Object.hasOwn(MEANING, word) ? MEANING[word]!.find((k) => known.includes(k)) : undefined;
}

/** The field `key` probably means: one that means the same ("walkIn" → "doorsOpen"), else the closest in spelling. */
export function suggestKey(key: string, known: Iterable<string>): string | undefined {
  const list = [...known];
  const meant = meaningOf(key, list);
  if (meant) return meant;
  let best: string | undefined;
  // A short key may differ by one letter: "name" is not a misspelt "note" (two letters apart, issue 23).
  let bestDistance = Math.max(key.length <= 4 ? 1 : 2, Math.floor(key.length / 4)) + 1;
  for (const candidate of list) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Keys the object at the issue's path may have, read from the schema itself. */
function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[], value: unknown): string[] {
  let current: z.core.$ZodType | undefined = schema;
  let data: unknown = value;
  for (const part of path) {
    current = current && unwrap(current, data);
    if (!current) return [];
    const def = current._zod.def as unknown as Record<string, unknown>;
    data = (data as Record<PropertyKey, unknown> | undefined)?.[part as string];
    if (def.type === 'array') current = def.element as z.core.$ZodType;
    else if (def.type === 'object') current = (def.shape as Record<string, z.core.$ZodType>)[part as string];
    else return [];
  }
  current = current && unwrap(current, data);
  const def = current?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Looks through optional wrappers and picks the matching member of a discriminated union. */
function unwrap(schema: z.core.$ZodType, data: unknown): z.core.$ZodType | undefined {
  let s: z.core.$ZodType | undefined = schema;
  for (let i = 0; i < 5 && s; i++) {
    const def = s._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'nullable') s = def.innerType as z.core.$ZodType;
    else if (def.type === 'union') {
      const options = def.options as z.core.$ZodType[];
      const tag = (data as Record<string, unknown> | undefined)?.type;
      s = options.find((o) => {
        const shape = (o._zod.def as unknown as { shape?: Record<string, z.core.$ZodType> }).shape;
        const lit = shape?.type?._zod.def as unknown as { values?: unknown[] } | undefined;
        return lit?.values?.includes(tag);
      });
    } else return s;
  }
  return s;
}

function sentence(issue: Issue, locale: Locale): string {
  const m = problemMessages(locale).problem;
  const key = issue.message as keyof typeof m;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? m.missing : m.type(issue.expected);
    case 'invalid_value':
      return issue.input === undefined ? m.missing : m.enum(issue.input, issue.values);
    case 'too_small':
      if (issue.origin === 'string') return m.empty;
      if (issue.origin === 'array') return m.tooFewItems(Number(issue.minimum));
      return m.tooSmallNumber(Number(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return m.tooLong(Number(issue.maximum));
      return m.tooBigNumber(Number(issue.maximum));
    case 'invalid_union':
      return m.union('options' in issue ? (issue.options ?? []) : []);
    case 'invalid_format':
    case 'custom': {
      const text = m[key];
      return typeof text === 'string' ? text : m.invalid;
    }
    default:
      return m.invalid;
  }
}

function code(issue: Issue): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'missing';
  if (issue.code === 'invalid_format' || issue.code === 'custom') return issue.message;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'integer';
  return issue.code;
}

/** Converts zod issues into editor-facing problems, one per path and kind, in document order. */
export function toProblems(issues: readonly Issue[], schema: z.core.$ZodType, input: unknown): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const add = (p: Problem) => {
    const id = `${p.path}\u0000${p.code}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(p);
    }
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, issue.path, input);
      for (const key of issue.keys) {
        const suggestion = suggestKey(key, known);
        add({
          path: formatPath([...issue.path, key]),
          code: 'unknown-key',
          message: both((l) => problemMessages(l).problem.unknownKey(key, suggestion)),
        });
      }
      continue;
    }
    if (issue.code === 'invalid_type' && issue.expected === 'int' && typeof issue.input === 'number') {
      add({ path: formatPath(issue.path), code: 'integer', message: both((l) => problemMessages(l).problem.integer) });
      continue;
    }
    add({ path: formatPath(issue.path), code: code(issue), message: both((l) => sentence(issue, l)) });
  }
  return out;
}

/** A problem with the JSON text itself, before any schema check. */
export function jsonProblem(error: unknown): Problem {
  const detail = error instanceof Error ? error.message : String(error);
  return { path: '', code: 'json', message: both((l) => problemMessages(l).problem.json(detail)) };
}

/** "sessions[2].start: dit is geen geldige datum en tijd, …" */
export function formatProblem(problem: Problem, locale: Locale = 'nl'): string {
  return `${problem.path || '(document)'}: ${problem.message[locale]}`;
}
