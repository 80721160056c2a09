// Issue 23: the README's "Network documents" shows the fields of a network document with an example
// in JSON that reads as JSON, so an editor can copy it. The fields and their values are read from
// the JSON Schema (schema/network.schema.json), not listed here: a field or value added to the
// schema without an example fails. Only the fields documented in prose before this rule are
// excused (OWED below), and that list may only shrink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const README = readFileSync('README.md', 'utf8');
const start = README.indexOf('\n## Network documents\n');
const section = README.slice(start, README.indexOf('\n## ', start + 10));
/** The JSON examples of the section, each read as the members of one object (or a whole object). */
const examples = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
const parsed = examples.map((e) => JSON.parse(e.startsWith('{') ? e : `{${e}}`) as unknown);

/** A value as "parent.key=value" (its last two names), as the schema's enums are keyed below. */
const valueKey = (path: string[], value: unknown) => `${path.slice(-2).join('.')}=${String(value)}`;

/** Every property path of the schema ("sessions.venue.participantsOnly") and every enum value. */
function fromSchema(): { fields: Set<string>; values: Set<string> } {
  const schema = JSON.parse(readFileSync('schema/network.schema.json', 'utf8'));
  const fields = new Set<string>();
  const values = new Set<string>();
  const walk = (s: any, path: string[]): void => {
    if (!s || typeof s !== 'object') return;
    if (Array.isArray(s)) return s.forEach((x) => walk(x, path));
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      fields.add([...path, k].join('.'));
      walk(v, [...path, k]);
    }
    const enumerated: unknown[] = s.enum ?? (s.const !== undefined ? [s.const] : []);
    // The organisation types are one list wherever they are used; the README names them in prose.
    if (!enumerated.includes('municipality')) for (const e of enumerated) values.add(valueKey(path, e));
    for (const k of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) walk(s[k], path);
  };
  walk(schema, []);
  return { fields, values };
}

/** The same, as the README's examples show them (an array's items under the array's name). */
function shown(): { fields: Set<string>; values: Set<string> } {
  const fields = new Set<string>();
  const values = new Set<string>();
  const see = (v: unknown, path: string[]): void => {
    if (Array.isArray(v)) return v.forEach((x) => see(x, path));
    if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        fields.add([...path, k].join('.'));
        see(x, [...path, k]);
      }
    else values.add(valueKey(path, v));
  };
  parsed.forEach((e) => see(e, []));
  return { fields, values };
}

/** Documented in prose before examples were asked for (issue 23). Delete an entry once it has one; never add one. */
const OWED = new Set(
  `$schema id kind title subtitle summary description url publishedOn
  organisers organisers.name organisers.type organisers.url organisers.role
  partners partners.name partners.type partners.url partners.role
  funders funders.name funders.type funders.url funders.role
  sponsors sponsors.name sponsors.type sponsors.url sponsors.role
  contact contact.name contact.email contact.phone contact.role
  facilitators facilitators.name facilitators.role facilitators.organisation
  membership membership.explanation membership.organisations membership.organisations.name
  membership.organisations.type membership.organisations.url membership.organisations.role
  audience audience.organisationTypes audience.tags audience.description
  format price.amount groupSize groupSize.min groupSize.max durationDays themes
  resources resources.type resources.title resources.url resources.date resources.description resources.participantsOnly
  tracks tracks.id tracks.title tracks.description tracks.format
  sessions.theme sessions.track sessions.description sessions.date sessions.period sessions.doorsOpen
  sessions.venue.room sessions.venue.country sessions.venue.accessibility sessions.venue.note
  sessions.venue.platform sessions.venue.joinUrl sessions.partners sessions.partners.name
  sessions.partners.type sessions.partners.url sessions.partners.role sessions.facilitators
  sessions.facilitators.name sessions.facilitators.role sessions.facilitators.organisation sessions.speakers
  sessions.speakers.name sessions.speakers.role sessions.speakers.organisation sessions.programme.description
  sessions.status sessions.statusNote sessions.movedFrom
  sessions.resources.date sessions.resources.description sessions.resources.participantsOnly
  registration.url registration.opens registration.closes registration.waitlist.limit
  registration.invitation.organisationTypes registration.approval registration.approval.required
  registration.approval.explanation registration.approval.contactWithinDays registration.approval.workingDays
  registration.maxPerOrganisation registration.organisations registration.organisations.name
  registration.organisations.type registration.fields.role registration.fields.phone registration.questions
  registration.questions.id registration.questions.label registration.questions.type
  registration.questions.options registration.questions.options.value registration.questions.options.label
  registration.questions.required registration.questions.reason registration.questions.min
  registration.questions.max registration.privacy registration.privacy.statementUrl
  registration.privacy.controller registration.privacy.retentionDays registration.cancelUntil
  registration.emailSubject registration.reminderDaysBefore

  kind=learning-network kind=learning-circle kind=community-of-practice kind=intervision kind=workshop kind=other
  language=en format=open format=closed format=in-company price.type=free price.type=amount price.type=on-request
  resources.type=publication resources.type=newsletter resources.type=brochure
  resources.type=link resources.type=news tracks.format=open tracks.format=closed
  sessions.type=plenary sessions.type=info sessions.type=research sessions.type=dialogue
  sessions.type=reflection venue.type=online venue.type=hybrid venue.type=to-be-announced
  sessions.status=scheduled sessions.status=moved sessions.status=cancelled registration.mode=external registration.mode=email
  fields.organisation=off fields.organisationType=optional fields.role=required fields.role=optional fields.role=off
  fields.phone=required fields.phone=optional fields.phone=off
  questions.type=text questions.type=textarea questions.type=choice questions.type=yes-no questions.type=number`.split(/\s+/),
);

test('the JSON examples of "Network documents" read as JSON', () => {
  assert.ok(examples.length >= 3, `${examples.length} examples`);
  for (const e of examples) assert.doesNotThrow(() => JSON.parse(e.startsWith('{') ? e : `{${e}}`), e.slice(0, 80));
});

test('every field and value of the schema has an example (all that issue 23 added among them)', () => {
  const schema = fromSchema();
  const seen = shown();
  const missing = [...[...schema.fields].filter((f) => !seen.fields.has(f)), ...[...schema.values].filter((v) => !seen.values.has(v))].filter((x) => !OWED.has(x));
  assert.deepEqual(missing, [], `no example for: ${missing.join(', ')}`);
});

test('the fields excused have no example yet and are still in the schema (the list only shrinks)', () => {
  const schema = fromSchema();
  const seen = shown();
  const stale = [...OWED].filter((x) => !(schema.fields.has(x) || schema.values.has(x)) || seen.fields.has(x) || seen.values.has(x));
  assert.deepEqual(stale, [], `take these out of OWED: ${stale.join(', ')}`);
});

test('the issue 23 examples show what they are for, not only the names', () => {
  const all = examples.join('\n');
  // A session's own capacity in a series registration, relative deadlines, a programme day.
  assert.match(all, /"scope":\s*"network"/);
  assert.match(all, /"programme":\s*\[[\s\S]*"day":\s*2/);
  assert.match(all, /"language":\s*"fy"/);
});
