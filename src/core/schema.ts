/**
 * The network document: one JSON document describes one learning network.
 *
 * Written with `zod/mini` because the browser bundle carries these schemas. Objects are
 * strict so that a misspelt field ("sesions") is reported instead of silently ignored.
 * Defaults are not applied here: the accessors in `policy.ts` say what an absent field
 * means, so the parsed document is exactly what the editor wrote.
 */
import * as z from 'zod/mini';
import { isDateString, isDateTimeString, parseDateTime, parseDeadline } from './time.js';
import { isSafeUrl, DOCUMENT_URL_PATTERN } from './safe-url.js';
import { LONE_SURROGATE } from './text.js';

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
    z.refine((s) => !LONE_SURROGATE.test(s), 'unstorable'),
  );
/** Text in paragraphs (a summary, a description): line breaks and tabs are kept. */
const prose = () =>
  z.string().check(z.trim(), z.minLength(1, 'empty'), z.regex(NO_CONTROL_IN_PROSE, 'control'), z.refine((s) => !LONE_SURROGATE.test(s), 'unstorable'));
const id = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'id'));
// The pattern is what the JSON Schema shows editors' tools; the rule itself is `isSafeUrl`, the
// same check the elements apply to every URL they render, whoever delivered it.
const httpsUrl = () =>
  z.string().check(
    z.regex(DOCUMENT_URL_PATTERN, { message: 'url', abort: true }),
    z.refine((v) => isSafeUrl(v, { relative: false }), 'url'),
  );
const email = () => z.string().check(z.regex(/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/, 'email'));
const dateTime = () =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, 'datetime'),
    z.refine(isDateTimeString, 'datetime'),
  );
const date = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date'), z.refine(isDateString, 'date'));
const dateOrDateTime = () =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'deadline'),
    z.refine((v) => parseDeadline(v) !== undefined, 'deadline'),
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

/** Postal code patterns per country; a country not listed gets only the loose pattern of the field itself. */
export const POSTAL_CODES: Record<string, RegExp> = { NL: /^\d{4} ?[A-Z]{2}$/, BE: /^\d{4}$/, DE: /^\d{5}$/, LU: /^(L-)?\d{4}$/, FR: /^\d{5}$/ };
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
};
// The postal code follows the venue's country: "1000" is Brussels, not an incomplete Dutch code.
const postalCodeMatchesCountry = z.superRefine((v: { postalCode?: string | undefined; country?: string | undefined }, ctx) => {
  const pattern = POSTAL_CODES[v.country ?? 'NL'];
  if (v.postalCode && pattern && !pattern.test(v.postalCode))
    ctx.addIssue({ code: 'custom', message: v.country && v.country !== 'NL' ? 'postal-code-country' : 'postal-code', path: ['postalCode'], input: v.postalCode });
});
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
});

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
  })
  .check(
    z.superRefine((s, ctx) => {
      if (s.start && s.date) ctx.addIssue({ code: 'custom', message: 'start-and-date', path: ['date'], input: s.date });
      if (s.end && !s.start) ctx.addIssue({ code: 'custom', message: 'end-without-start', path: ['end'], input: s.end });
      if (s.start && s.end) {
        const a = parseDateTime(s.start);
        const b = parseDateTime(s.end);
        if (a && b && b.getTime() <= a.getTime())
          ctx.addIssue({ code: 'custom', message: 'end-before-start', path: ['end'], input: s.end });
      }
      if (s.doorsOpen && !s.start && !s.date)
        ctx.addIssue({ code: 'custom', message: 'doors-without-date', path: ['doorsOpen'], input: s.doorsOpen });
      if (s.status === 'moved' && !s.movedFrom?.length)
        ctx.addIssue({ code: 'custom', message: 'moved-without-history', path: ['movedFrom'], input: s.movedFrom });
    }),
  );

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
  .check(
    z.superRefine((q, ctx) => {
      if (q.type === 'choice' && !q.options?.length)
        ctx.addIssue({ code: 'custom', message: 'choice-without-options', path: ['options'], input: q.options });
    }),
  );

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
        organisationTypes: z.array(organisationTypeSchema).check(z.minLength(1)),
        explanation: z.optional(text()),
        /** SHA-256 of each valid code, as "sha256:<hex>"; the codes themselves are never stored. */
        codes: z.optional(
          z.array(z.strictObject({ hash: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/, 'code-hash')), label: z.optional(text()) })),
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
  })
  .check(
    z.superRefine((r, ctx) => {
      if (r.mode === 'external' && !r.url)
        ctx.addIssue({ code: 'custom', message: 'external-without-url', path: ['url'], input: r.url });
      if (r.opens && r.closes) {
        const a = parseDeadline(r.opens);
        const b = parseDeadline(r.closes);
        if (a && b && b.getTime() <= a.getTime())
          ctx.addIssue({ code: 'custom', message: 'closes-before-opens', path: ['closes'], input: r.closes });
      }
      if (r.waitlist?.limit && !r.waitlist.enabled)
        ctx.addIssue({ code: 'custom', message: 'waitlist-limit-disabled', path: ['waitlist', 'limit'], input: r.waitlist.limit });
    }),
  );

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
    language: z.optional(z.enum(['nl', 'en'])),
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
  .check(
    // Runs even when a field elsewhere is wrong (zod skips refinements after an error by default),
    // so an editor sees every problem at once; the document may be partly invalid here.
    z.superRefine(
      (n, ctx) => networkRules(n as unknown as Record<string, unknown>, (message, path) => ctx.addIssue({ code: 'custom', message, path, input: undefined })),
      { when: (payload) => isRecord(payload.value) },
    ),
  );

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rules that span fields of the whole document; every read is guarded because it runs on unchecked input too. */
function networkRules(n: Record<string, unknown>, add: (message: string, path: PropertyKey[]) => void): void {
  const sessions = Array.isArray(n.sessions) ? n.sessions : [];
  const tracks = Array.isArray(n.tracks) ? n.tracks.map((t) => (isRecord(t) ? t.id : undefined)) : [];
  const seen = new Set<unknown>();
  sessions.forEach((s, i) => {
    if (!isRecord(s)) return;
    if (typeof s.id === 'string') {
      if (seen.has(s.id)) add('duplicate-id', ['sessions', i, 'id']);
      seen.add(s.id);
    }
    if (typeof s.track === 'string' && !tracks.includes(s.track)) add('unknown-track', ['sessions', i, 'track']);
  });
  const r = isRecord(n.registration) ? n.registration : {};
  const contact = isRecord(n.contact) ? n.contact : {};
  if (r.mode === 'email' && !contact.email) add('email-without-contact', ['contact', 'email']);
  if (n.format === 'in-company' && !n.groupSize) add('in-company-without-group-size', ['groupSize']);
  // A form that never asks the organisation type can never pass a rule by organisation type.
  const fields = isRecord(r.fields) ? r.fields : {};
  if (fields.organisationType === 'off' && (isRecord(r.eligibility) || isRecord(r.invitation)))
    add('type-field-off', ['registration', 'fields', 'organisationType']);
  if (fields.organisation === 'off' && Array.isArray(r.organisations))
    add('organisation-field-off', ['registration', 'fields', 'organisation']);
}

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
