/**
 * The network document: one JSON document describes one learning network.
 *
 * Written with `zod/mini` because the browser bundle carries these schemas. Objects are
 * strict so that a misspelt field ("sesions") is reported instead of silently ignored.
 * Defaults are not applied here: the accessors in `policy.ts` say what an absent field
 * means, so the parsed document is exactly what the editor wrote.
 */
import * as z from 'zod/mini';
import { DOCUMENT_URL_PATTERN } from './safe-url.js';
import { isRecord, objectRules, valueRules, type ObjectRule } from './document-rules.js';
import { rareRules } from './document-rules-rare.js';

import {
  NETWORK_KINDS,
  ORGANISATION_TYPES,
  SESSION_TYPES,
  SESSION_STATUSES,
  RESOURCE_TYPES,
  REGISTRATION_MODES,
  REGISTRATION_SCOPES,
  NETWORK_FORMATS,
  FIELD_USES,
  QUESTION_TYPES,
} from './constants.js';

export * from './constants.js';

// Issue messages below are keys into the translated problem sentences in `problems.ts`.

export { POSTAL_CODES } from './document-rules.js';

/**
 * Which object rule each cross-field check runs, for `scripts/network-check.ts`: it compiles
 * this schema into the lean check a page runs on its own document, with the same rules.
 */
export const objectRuleOfCheck = new WeakMap<object, ObjectRule>();

/** Checks the lean check does not carry: they only fire on fields it leaves to the full validator (scripts/network-check.ts). */
export const fullValidatorOnly = new WeakSet<object>();
/** The rules of rare fields (document-rules-rare.ts), run by zod only. */
const rare = z.superRefine<unknown>(
  (value, ctx) => rareRules(value as Record<string, unknown>, (message, path, input) => ctx.addIssue({ code: 'custom', message, path, input })),
  { when: (payload) => isRecord(payload.value) },
);
fullValidatorOnly.add(rare);

/** A cross-field check that runs `objectRules[name]`, reporting through zod. */
function rule<T>(name: ObjectRule, params?: { when?: (payload: { value: unknown }) => boolean }) {
  const check = z.superRefine<T>(
    (value, ctx) =>
      (objectRules[name] as (v: unknown, add: (message: string, path: PropertyKey[], input?: unknown) => void) => void)(value, (message, path, input) =>
        ctx.addIssue({ code: 'custom', message, path, input }),
      ),
    params,
  );
  objectRuleOfCheck.set(check, name);
  return check;
}

// Patterns the JSON Schema carries too. A one-line field has no line break; apart from line breaks
// (reported as such) no control or bidi character (text.ts), tab included. A multi-line field may
// hold tabs and line breaks, and no other control character.
const ONE_LINE = /^[^\n\r\u000B\u000C\u0085\u2028\u2029]*$/;
const NO_CONTROL_IN_LINE = /^[^\u0000-\u0009\u000E-\u001F\u007F-\u0084\u0086-\u009F\u202A-\u202E\u2066-\u2069]*$/;
const NO_CONTROL_IN_PROSE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;
/** One line of text (a title, a name, a label): a line break in it would write lines of its own into a calendar feed or an e-mail. */
const text = () =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'empty'),
    z.regex(ONE_LINE, 'line-break'),
    z.regex(NO_CONTROL_IN_LINE, 'control'),
    z.refine(valueRules.storable, 'unstorable'),
  );
/** Text in paragraphs (a summary, a description): line breaks and tabs are kept. */
const prose = () =>
  z.string().check(z.trim(), z.minLength(1, 'empty'), z.regex(NO_CONTROL_IN_PROSE, 'control'), z.refine(valueRules.storable, 'unstorable'));
const id = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'id'));
// The pattern is what the JSON Schema shows editors' tools; the rule itself is `isSafeUrl`, the
// same check the elements apply to every URL they render, whoever delivered it.
const httpsUrl = () =>
  z.string().check(
    z.regex(DOCUMENT_URL_PATTERN, { message: 'url', abort: true }),
    z.refine(valueRules.absoluteUrl, 'url'),
  );
const email = () => z.string().check(z.regex(/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/, 'email'));
const dateTime = () =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, 'datetime'),
    z.refine(valueRules.dateTime, 'datetime'),
  );
const date = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date'), z.refine(valueRules.date, 'date'));
const dateOrDateTime = () =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'deadline'),
    z.refine(valueRules.deadline, 'deadline'),
  );
const clock = () => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'clock'));
const count = () => z.int().check(z.gte(0));
const positive = () => z.int().check(z.gte(1));

export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);

export const organisationSchema = z.strictObject({
  name: text(),
  type: z.optional(organisationTypeSchema),
  url: z.optional(httpsUrl()),
  /** What the organisation does for the network, in the document's language ("financier"). */
  role: z.optional(text()),
});

export const personSchema = z.strictObject({
  name: text(),
  role: z.optional(text()),
  organisation: z.optional(text()),
});

export const contactSchema = z.strictObject({
  name: z.optional(text()),
  email: z.optional(email()),
  phone: z.optional(z.string().check(z.regex(/^[+0-9 ()-]{6,20}$/, 'phone'))),
  role: z.optional(text()),
});

export const resourceSchema = z.strictObject({
  type: z.enum(RESOURCE_TYPES),
  title: text(),
  url: z.optional(httpsUrl()),
  date: z.optional(date()),
  description: z.optional(prose()),
  /** Shown only to accepted participants (for example the online workplace between meetings). */
  participantsOnly: z.optional(z.boolean()),
});

const place = {
  name: z.optional(text()),
  /** The room in the building ("zaal 2.14"). */
  room: z.optional(text()),
  address: z.optional(text()),
  postalCode: z.optional(z.string().check(z.regex(/^[0-9A-Z][0-9A-Z -]{2,9}$/, 'postal-code'))),
  city: z.optional(text()),
  /** ISO 3166-1 alpha-2 code; absent means the Netherlands. */
  country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'country'))),
  /** Getting there: parking, public transport, step-free access, a hearing loop. */
  accessibility: z.optional(prose()),
  note: z.optional(text()),
  /** Issue 23: the address is for participants only (a confidential group): the public document, agenda and feed show the city; the participant's e-mail, calendar item, manage page and own feed carry it all (venue-privacy.ts). */
  participantsOnly: z.optional(z.boolean()),
};
const postalCodeMatchesCountry = rule('venue');
const online = {
  platform: z.optional(text()),
  /** Never public: stripped by `publicNetwork()` and never written to a public feed. */
  joinUrl: z.optional(httpsUrl()),
};

export const venueSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('physical'), ...place }).check(postalCodeMatchesCountry),
  z.strictObject({ type: z.literal('online'), ...online, note: z.optional(text()) }),
  z.strictObject({ type: z.literal('hybrid'), ...place, ...online }).check(postalCodeMatchesCountry),
  /** Not known yet; a city may be known already. */
  z.strictObject({ type: z.literal('to-be-announced'), city: z.optional(text()), note: z.optional(text()) }),
]);

export const programmeItemSchema = z.strictObject({
  time: clock(),
  end: z.optional(clock()),
  title: text(),
  description: z.optional(prose()),
  /** Issue 23: in a session over more days, the day of the session this item is on (1 is the first); absent is the first. */
  day: z.optional(positive()),
});

// ── Issue 23 (m23c): reserved places; the rules are in reserved-places.ts. ──
/** Extra places, on top of `capacity`, that only the named organisations or organisation types may take ("5 extra plaatsen voor de gastgemeente"). */
export const reservedPlacesSchema = z.strictObject({
  places: positive(),
  /** Organisations by name, compared as people write them (organisationKey). */
  organisations: z.optional(z.array(text())),
  organisationTypes: z.optional(z.array(organisationTypeSchema)),
  /** Shown beside the places ("Eén extra plaats voor de gastgemeente"). */
  explanation: z.optional(text()),
});
// ── end of issue 23 (m23c) reserved places ──

export const sessionSchema = z
  .strictObject({
    id: id(),
    title: text(),
    type: z.enum(SESSION_TYPES),
    theme: z.optional(text()),
    track: z.optional(id()),
    description: z.optional(prose()),
    /** Exact start: Amsterdam wall time "2026-03-12T19:30" or an instant with offset. */
    start: z.optional(dateTime()),
    end: z.optional(dateTime()),
    /** Date only, when the time is not known. */
    date: z.optional(date()),
    /** For a session without a date: a hint such as "voorjaar 2026". */
    period: z.optional(text()),
    doorsOpen: z.optional(clock()),
    venue: z.optional(venueSchema),
    partners: z.optional(z.array(organisationSchema)),
    facilitators: z.optional(z.array(personSchema)),
    speakers: z.optional(z.array(personSchema)),
    programme: z.optional(z.array(programmeItemSchema)),
    status: z.optional(z.enum(SESSION_STATUSES)),
    statusNote: z.optional(text()),
    /** Earlier starts of a moved session, oldest first; calendars use the count as SEQUENCE. */
    movedFrom: z.optional(z.array(dateTime())),
    capacity: z.optional(count()),
    resources: z.optional(z.array(resourceSchema)),
    // --- Places per session inside a series registration (issue 23, m23a) ---
    /** In a registration for the whole series: a session people may skip; the form asks "also coming?" (yes/no). */
    optional: z.optional(z.boolean()),
    /** In a registration for the whole series: sessions with the same value run in parallel; a person joins one of them. */
    chooseOne: z.optional(id()),
    // --- end of places per session ---
    /** Where people register per session: extra places for named organisations or types (reserved-places.ts). */
    reservedPlaces: z.optional(reservedPlacesSchema),
  })
  .check(rule('session'));

export const trackSchema = z.strictObject({
  id: id(),
  title: text(),
  description: z.optional(prose()),
  /** A closed track takes no registrations: people are invited. */
  format: z.enum(['open', 'closed']),
});

export const questionSchema = z
  .strictObject({
    id: id(),
    label: text(),
    type: z.enum(QUESTION_TYPES),
    options: z.optional(z.array(z.strictObject({ value: id(), label: text() }))),
    required: z.optional(z.boolean()),
    /** Why the network asks this; shown beside the question. */
    reason: z.optional(text()),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
  })
  .check(rule('question'));

// ── Issue 23 (m23b): deadlines relative to each session; the rules are in registration-window.ts. ──
const sessionDeadlines = {
  /** Registration closes this many days before the session ("aanmelden kan tot 14 dagen voor de bijeenkomst"): through the end of that day in Amsterdam. For a whole series: before its first dated session. */
  closesDaysBefore: z.optional(count()),
  /** Cancelling is free until this many days before the session ("kosteloos afmelden tot 7 dagen voor"), through the end of that day; later the cancel is still possible and the fee stands. */
  freeCancellationDaysBefore: z.optional(count()),
};
// ── end of issue 23 (m23b) deadlines block ──

export const registrationPolicySchema = z
  .strictObject({
    mode: z.enum(REGISTRATION_MODES),
    scope: z.optional(z.enum(REGISTRATION_SCOPES)),
    /** The form elsewhere, for mode "external". */
    url: z.optional(httpsUrl()),
    opens: z.optional(dateOrDateTime()),
    closes: z.optional(dateOrDateTime()),
    capacity: z.optional(positive()),
    waitlist: z.optional(z.strictObject({ enabled: z.boolean(), limit: z.optional(positive()) })),
    eligibility: z.optional(
      z.strictObject({
        organisationTypes: z.array(organisationTypeSchema).check(z.minLength(1)),
        explanation: z.optional(text()),
      }),
    ),
    declarations: z.optional(
      z.array(z.strictObject({ id: id(), text: text(), required: z.optional(z.boolean()) })),
    ),
    invitation: z.optional(
      z.strictObject({
        /** The organisation types that need a code; or `allExcept`. */
        organisationTypes: z.optional(z.array(organisationTypeSchema).check(z.minLength(1))),
        /** Issue 23: everyone needs a code except these types ("members free, others need a code"); instead of `organisationTypes`. */
        allExcept: z.optional(z.array(organisationTypeSchema).check(z.minLength(1))),
        explanation: z.optional(text()),
        /** SHA-256 of each valid code, as "sha256:<hex>"; the codes themselves are never stored. */
        codes: z.optional(
          z.array(
            z.strictObject({
              hash: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/, 'code-hash')),
              label: z.optional(text()),
              /** Issue 23: where people register per session, the sessions this code admits to; absent: every session. */
              sessions: z.optional(z.array(id()).check(z.minLength(1))),
            }),
          ),
        ),
      }),
    ),
    approval: z.optional(
      z.strictObject({
        required: z.boolean(),
        explanation: z.optional(text()),
        contactWithinDays: z.optional(positive()),
        /** Whether `contactWithinDays` counts working days (the default) or calendar days; the screen and the e-mail both say which. */
        workingDays: z.optional(z.boolean()),
      }),
    ),
    maxPerOrganisation: z.optional(positive()),
    /** Where a network needs it: the organisations people choose from; any other name is refused. */
    organisations: z.optional(z.array(z.strictObject({ name: text(), type: z.optional(organisationTypeSchema) })).check(z.minLength(1))),
    fields: z.optional(
      z.strictObject({
        organisation: z.optional(z.enum(FIELD_USES)),
        organisationType: z.optional(z.enum(FIELD_USES)),
        role: z.optional(z.enum(FIELD_USES)),
        phone: z.optional(z.enum(FIELD_USES)),
      }),
    ),
    questions: z.optional(z.array(questionSchema)),
    privacy: z.optional(
      z.strictObject({
        statementUrl: z.optional(httpsUrl()),
        controller: z.optional(text()),
        /** Days after the network's last session that personal data is kept. */
        retentionDays: z.optional(count()),
      }),
    ),
    cancelUntil: z.optional(dateOrDateTime()),
    /** Prepared subject for mode "email". */
    emailSubject: z.optional(text()),
    /** Days before each dated session that registrants get a reminder (2 when absent); 0 sends none. */
    reminderDaysBefore: z.optional(count().check(z.lte(60))),
    ...sessionDeadlines,
    /** Extra places for named organisations or types: for the whole series, or each session's default where people register per session (reserved-places.ts). */
    reservedPlaces: z.optional(reservedPlacesSchema),
  })
  .check(rule('registration'));

// ── Issue 23 (m23b): a price per organisation type. What a person pays is decided in price.ts. ──
/** "Free for municipalities, EUR 95 for others": the first rate that names a person's type applies, else `otherwise`. */
const pricePerOrganisationType = z.strictObject({
  type: z.literal('per-organisation-type'),
  currency: z.literal('EUR'),
  rates: z
    .array(z.strictObject({ organisationTypes: z.array(organisationTypeSchema).check(z.minLength(1)), amount: z.number().check(z.gte(0)) }))
    .check(z.minLength(1)),
  otherwise: z.number().check(z.gte(0)),
  note: z.optional(text()),
});
// ── end of issue 23 (m23b) price block ──

export const networkSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    id: id(),
    kind: z.enum(NETWORK_KINDS),
    title: text(),
    subtitle: z.optional(text()),
    summary: prose(),
    /** Paragraphs separated by a blank line; "- " starts a list item; [text](https://…) is a link. Nothing else. */
    description: z.optional(prose()),
    /** The language the network's own words are in: Dutch (default), English or Frisian ("fy"). */
    language: z.optional(z.enum(['nl', 'en', 'fy'])),
    /** Not public yet ("concept"): only its organisers see it; the public list, page, feed and registration do not know it. New networks and copies start as drafts. */
    draft: z.optional(z.boolean()),
    url: z.optional(httpsUrl()),
    publishedOn: z.optional(date()),
    organisers: z.array(organisationSchema).check(z.minLength(1)),
    partners: z.optional(z.array(organisationSchema)),
    funders: z.optional(z.array(organisationSchema)),
    sponsors: z.optional(z.array(organisationSchema)),
    contact: z.optional(contactSchema),
    facilitators: z.optional(z.array(personSchema)),
    /** A closed network's core group: who its members are, and the sentence shown instead of "Alleen op uitnodiging". */
    membership: z.optional(
      z.strictObject({
        explanation: z.optional(text()),
        organisations: z.optional(z.array(organisationSchema)),
      }),
    ),
    audience: z.optional(
      z.strictObject({
        organisationTypes: z.optional(z.array(organisationTypeSchema)),
        tags: z.optional(z.array(text())),
        description: z.optional(prose()),
      }),
    ),
    format: z.optional(z.enum(NETWORK_FORMATS)),
    price: z.optional(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('free') }),
        z.strictObject({
          type: z.literal('amount'),
          amount: z.number().check(z.gte(0)),
          currency: z.literal('EUR'),
          note: z.optional(text()),
        }),
        z.strictObject({ type: z.literal('on-request'), note: z.optional(text()) }),
        pricePerOrganisationType,
      ]),
    ),
    /** Group size of one run, for in-company formats ("max. 20 deelnemers"). */
    groupSize: z.optional(z.strictObject({ min: z.optional(positive()), max: positive() })),
    durationDays: z.optional(z.number().check(z.gt(0))),
    themes: z.optional(z.array(text())),
    resources: z.optional(z.array(resourceSchema)),
    tracks: z.optional(z.array(trackSchema)),
    sessions: z.array(sessionSchema),
    registration: registrationPolicySchema,
  })
  // Runs even when a field elsewhere is wrong (zod skips refinements after an error by default),
  // so an editor sees every problem at once; the document may be partly invalid here.
  .check(rule('network', { when: (payload) => isRecord(payload.value) }), rare);

export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export type NetworkKind = (typeof NETWORK_KINDS)[number];
export type SessionType = (typeof SESSION_TYPES)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
export type RegistrationScope = (typeof REGISTRATION_SCOPES)[number];
export type Organisation = z.infer<typeof organisationSchema>;
export type Person = z.infer<typeof personSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Resource = z.infer<typeof resourceSchema>;
export type Venue = z.infer<typeof venueSchema>;
export type ProgrammeItem = z.infer<typeof programmeItemSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type Track = z.infer<typeof trackSchema>;
export type Question = z.infer<typeof questionSchema>;
export type RegistrationPolicy = z.infer<typeof registrationPolicySchema>;
export type Network = z.infer<typeof networkSchema>;
