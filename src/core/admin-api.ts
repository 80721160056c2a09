/**
 * The organiser API (`/api/admin/`): one typed contract for every route, used by the server
 * (it registers each route from here and validates what it receives with these schemas) and by
 * `AdminClient`, which the organiser console calls. Browser-safe: zod/mini and types only.
 *
 * Paths are written the way the server's router writes them (`:networkId`); the client fills
 * them in. `access` says who may call a route at all:
 * - `anyone`: no credentials (sign-in);
 * - `signed-in`: any organiser, or the installation admin;
 * - `network`: an organiser with at least `role` on the path's `:networkId`;
 * - `registration`: an organiser with at least `role` on the network of the path's registration `:id`.
 */
import * as z from 'zod/mini';
import type { RegistrationView } from './client.js';
import type { AvailabilityState } from './availability.js';
import type { NetworkKind } from './schema.js';
import type { NetworkResponse } from './network-client.js';
import type { QueueCounts } from './queue-counts.js';
import { isStorable } from './text.js';
import { FEEDBACK_LABEL_MAX, FEEDBACK_MAX_QUESTIONS, FEEDBACK_MIN_QUESTIONS, FEEDBACK_QUESTION_TYPES, type FeedbackQuestion, type FeedbackQuestionSummary } from './feedback.js';

export const ORGANISER_ROLES = ['owner', 'organiser'] as const;
/** `owner`: everything, including who else may organise; `organiser`: the daily work. */
export type OrganiserRole = (typeof ORGANISER_ROLES)[number];

export const NOTIFY_PREFERENCES = ['immediate', 'digest', 'off'] as const;
/** How an organiser hears about new registrations and intakes. */
export type NotifyPreference = (typeof NOTIFY_PREFERENCES)[number];

/** What the audit log records. Its detail never holds personal data: ids, statuses and roles only. */
export const AUDIT_ACTIONS = [
  'accept',
  'reject',
  'move-up',
  'attendance',
  'note',
  'remove',
  'message',
  'notify-set',
  'role-set',
  'role-removed',
  'token-created',
  'token-revoked',
  'sign-in',
  'sign-out-everywhere',
  'network-created',
  'network-saved',
  'network-restored',
  'report-notice',
  'certificate-sent',
  'feedback-questions',
  'feedback-request',
  'registration-added',
  'registration-edited',
  'registration-moved',
  'registrations-imported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Whether `role` is enough for something that needs `needed`. */
export function roleAllows(role: OrganiserRole | undefined, needed: OrganiserRole): boolean {
  return role === 'owner' || (role === 'organiser' && needed === 'organiser');
}

// Issue messages are keys into the translated problem sentences (see problems.ts).
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;
// Text the database cannot store (NUL, half a surrogate pair) is refused here, with the field's
// name, before it reaches a query: PostgreSQL would refuse it with an error of its own.
const storable = () => z.refine<string>(isStorable, 'unstorable');
const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'empty'), z.maxLength(max), storable());
/** Free text that may be left empty. */
const optionalText = (max: number) => z.string().check(z.trim(), z.maxLength(max), storable());
const emailAddress = () => z.string().check(z.trim(), z.maxLength(200), z.regex(EMAIL, 'email'), storable());
const id = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'id'), z.maxLength(100));

export const loginRequestSchema = z.strictObject({
  email: emailAddress(),
  /** The language of the sign-in e-mail; the request's language otherwise. */
  locale: z.optional(z.enum(['nl', 'en', 'fy'])),
});
export const createSessionRequestSchema = z.strictObject({ token: z.string().check(z.minLength(1, 'empty'), z.maxLength(200), storable()) });
export const createTokenRequestSchema = z.strictObject({ name: text(100) });
export const putOrganiserRequestSchema = z.strictObject({
  email: emailAddress(),
  role: z.enum(ORGANISER_ROLES),
  /** The person's name in the whole installation: set for someone new, or someone who organises only in networks the caller owns; otherwise a different name is refused (403 name-elsewhere). */
  name: z.optional(text(200)),
});
export const acceptRequestSchema = z.strictObject({ reason: z.optional(optionalText(2000)) });
export const rejectRequestSchema = z.strictObject({ reason: text(2000) });
export const moveUpRequestSchema = z.strictObject({});
export const attendanceRequestSchema = z.strictObject({ sessionId: id(), present: z.boolean() });
export const noteRequestSchema = z.strictObject({
  /** What organisers want to remember about a registration; never shown to the participant. Empty removes it. */
  // Unstorable text is refused by the route, with a sentence about the note (organiserText).
  note: z.string().check(z.trim(), z.maxLength(2000)),
});
export const removeRequestSchema = z.strictObject({ reason: z.optional(optionalText(2000)) });
/**
 * An organiser adds someone themselves (a phone call, a paper list): `registration` is what the
 * public form sends (checked by the same rules, without the invitation code and form token);
 * `overCapacity` gives a place past capacity knowingly; `sendEmail: false` sends the person nothing.
 */
export const addRegistrationRequestSchema = z.strictObject({
  registration: z.unknown(),
  overCapacity: z.optional(z.boolean()),
  sendEmail: z.optional(z.boolean()),
});
/** Corrects a registration's details: the person, answers, declarations, as the form sends them. */
export const editRegistrationRequestSchema = z.strictObject({ registration: z.unknown() });
/** Moves a registration to another session (networks with registration per session). */
export const moveRegistrationRequestSchema = z.strictObject({ sessionId: id(), overCapacity: z.optional(z.boolean()) });
/**
 * A list of participants as CSV (the console's own export, or a spreadsheet saved as CSV, commas
 * or semicolons). Without `commit` it is a preview: what would happen to each row. With it, all
 * rows are registered in one transaction, or none when any row has a problem.
 */
export const importRequestSchema = z.strictObject({
  csv: z.string().check(z.minLength(1, 'empty'), z.maxLength(1_000_000), storable()),
  commit: z.optional(z.boolean()),
  sendEmail: z.optional(z.boolean()),
  overCapacity: z.optional(z.boolean()),
});
/** Whom an organiser's message goes to: people with these statuses, for one session or the whole network. */
export const MESSAGE_STATUSES = ['confirmed', 'waitlisted', 'pending'] as const;
export const messageRequestSchema = z.strictObject({
  /** Only people registered for this session (networks with registration per session), or attending it (whole series). */
  sessionId: z.optional(id()),
  statuses: z.array(z.enum(MESSAGE_STATUSES)).check(z.minLength(1, 'empty'), z.maxLength(3)),
  /** Only these registrations (a selection on the registrations list), of those the rest chooses. */
  registrationIds: z.optional(z.array(z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'id'))).check(z.minLength(1, 'empty'), z.maxLength(1000))),
  subject: text(200),
  body: text(10000),
});
export const notifyRequestSchema = z.strictObject({ notify: z.enum(NOTIFY_PREFERENCES) });
export const REGISTRATION_STATUSES = ['confirmed', 'pending', 'waitlisted', 'rejected', 'cancelled'] as const;
/** The most registrations one page of the list holds. */
export const MAX_PAGE = 200;
/**
 * Which registrations the organiser list and the CSV give (issue 27): one session, a status, a
 * search (core's search rule: accents, case and word order do not matter), an organisation
 * type, an answer to a question, who came to a session or did not (`present` with `attendedAt`:
 * core's came and didNotCome, both only among those with a place there), who has a
 * place at a session (`placeAt`, the people at the door). With
 * `limit` the list is a page: `next` in the answer is the `after` of the page that follows.
 */
export const registrationsQuerySchema = z.object({
  session: z.optional(id()),
  status: z.optional(z.enum(REGISTRATION_STATUSES)),
  q: z.optional(optionalText(200)),
  organisationType: z.optional(id()),
  question: z.optional(id()),
  answer: z.optional(optionalText(200)),
  attendedAt: z.optional(id()),
  present: z.optional(z.enum(['yes', 'no'])),
  /** Who has a place at a session (core's hasPlaceAt): the people check-in lists. */
  placeAt: z.optional(id()),
  after: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,400}$/, 'cursor'))),
  limit: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,2}$/, 'integer'))),
});
/** A page of the people who get a certificate (issue 27): `next` of the page before is the `after` of the next. */
export const certificateHoldersQuerySchema = z.object({
  after: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,17}$/, 'cursor'))),
  limit: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,2}$/, 'integer'))),
});
/** The language of a certificate (issue 24); by default the one the person registered in. */
export const certificateQuerySchema = z.object({ lang: z.optional(z.enum(['nl', 'en'])) });
/** The questions of the evaluation after a session (issue 24): 3 to 5, each a scale (1–5) or open text. */
export const feedbackQuestionsRequestSchema = z.strictObject({
  questions: z
    .array(z.strictObject({ id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'id'), z.maxLength(40)), type: z.enum(FEEDBACK_QUESTION_TYPES), label: text(FEEDBACK_LABEL_MAX) }))
    .check(z.minLength(FEEDBACK_MIN_QUESTIONS), z.maxLength(FEEDBACK_MAX_QUESTIONS)),
});
export const auditQuerySchema = z.object({ before: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,17}$/, 'integer'))) });

/**
 * A whole network document, as `PUT /api/admin/networks/{id}` takes it. It is checked by
 * `parseNetwork` (a 422 lists every problem), not by this contract.
 */
export const networkDocumentSchema = z.unknown();
/** A new network: a whole document, or a copy of another network under a new id. */
export const createNetworkRequestSchema = z.strictObject({
  document: z.optional(z.unknown()),
  copyFrom: z.optional(id()),
  /** The new network's id, for a copy. */
  id: z.optional(id()),
  /** For a copy: its own title (without one it keeps the source's). A copy starts as a draft. */
  title: z.optional(text(200)),
  /** For a copy: move its dates by this many days (a next round); registration starts closed. */
  shiftDays: z.optional(z.int().check(z.minimum(0), z.maximum(3660))),
});
export const restoreRevisionRequestSchema = z.strictObject({});
/** Tell the people recorded as attended about a report of the session: `report` is its url (or its title, without one). */
export const reportNoticeRequestSchema = z.strictObject({
  report: text(2000),
  /** Only say who would get it, and show the e-mail; nothing is sent. */
  preview: z.optional(z.boolean()),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;
export type CreateSessionRequest = z.infer<typeof createSessionRequestSchema>;
export type CreateTokenRequest = z.infer<typeof createTokenRequestSchema>;
export type PutOrganiserRequest = z.infer<typeof putOrganiserRequestSchema>;
export type AcceptRequest = z.infer<typeof acceptRequestSchema>;
export type RejectRequest = z.infer<typeof rejectRequestSchema>;
export type AttendanceRequest = z.infer<typeof attendanceRequestSchema>;
export type NoteRequest = z.infer<typeof noteRequestSchema>;
export type RemoveRequest = z.infer<typeof removeRequestSchema>;
export type AddRegistrationRequest = z.infer<typeof addRegistrationRequestSchema>;
export type MoveRegistrationRequest = z.infer<typeof moveRegistrationRequestSchema>;
export type ImportRequest = z.infer<typeof importRequestSchema>;
export type MessageRequest = z.infer<typeof messageRequestSchema>;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type NotifyRequest = z.infer<typeof notifyRequestSchema>;
export type RegistrationsQuery = z.infer<typeof registrationsQuerySchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** At one session's door: how many have a place there (core's hasPlaceAt) and how many came. */
export interface DoorCounts {
  placed: number;
  present: number;
}

/** One session's line of "Wie kwam er": how many have a place there (hasPlaceAt), came (came) and did not (didNotCome). */
export interface SessionAttendanceCounts extends DoorCounts {
  sessionId: string;
  absent: number;
}

export interface Organiser {
  id: string;
  email: string;
  name: string;
  /** May act on every network and create networks. */
  isAdmin: boolean;
  notify: NotifyPreference;
}

/** A network the caller may run, and their role on it (an installation admin is owner everywhere). */
export interface NetworkAccess {
  id: string;
  kind: NetworkKind;
  title: string;
  role: OrganiserRole;
}

export interface SessionInfo {
  /** Null for the installation-admin token (`LEERKRING_ADMIN_TOKEN`), which is nobody in particular. */
  organiser: Organiser | null;
  installationAdmin: boolean;
  networks: NetworkAccess[];
}

/** A network as its organisers read it: the public answer, and its intakes and waiting list in total (`queueCounts`). */
export interface AdminNetworkResponse extends NetworkResponse, QueueCounts {}

export interface AdminNetworkSummary extends NetworkAccess {
  state: AvailabilityState;
  /**
   * Places of what people register for next: the whole network, or for networks with
   * registration per session, the next dated session. `capacity` and `left` are absent when
   * there is no limit.
   */
  places: { taken: number; capacity?: number; left?: number };
  /** Intakes waiting for a decision, over the whole network. */
  pending: number;
  /** People on a waiting list, over the whole network. */
  waiting: number;
  /** A draft: only its organisers see it (issue 24). */
  draft?: true;
  /** `dateOnly` when only the day is known (no time). */
  nextSession?: { id: string; title: string; start: string; dateOnly?: boolean };
}

export interface AdminRegistration extends RegistrationView {
  target: string;
  organisationType: string | null;
  answers: Record<string, unknown>;
  declarations: string[];
  reason: string | null;
  attendance: Record<string, boolean>;
  /** The organisers' own note; never shown to the participant. */
  note: string | null;
  /** How many people a workshop request is for (in-company workshops); null otherwise. */
  groupSize: number | null;
  /** Inside a series: the place per session with places of its own (session-places.ts); the console's session lists follow it. */
  places?: Record<string, 'confirmed' | 'waitlisted' | 'declined'>;
}

/** A registration an organiser added, changed or moved; `overCapacity` when its place is past capacity. */
export interface OrganiserRegistrationResult extends RegistrationView {
  overCapacity?: boolean;
}

/** One row of an imported list: what happens to it (or would), or its problems in sentences. */
export interface ImportRow {
  /** The row's line in the file (the header is line 1). */
  line: number;
  name: string;
  email: string;
  /** What it becomes; `skipped` for a row the list itself marks as cancelled or refused. */
  outcome: 'confirmed' | 'waitlisted' | 'skipped' | 'problem';
  overCapacity?: boolean;
  /** Each problem as a sentence naming the row and the column. */
  problems: string[];
}

export interface ImportResult {
  /** True when the rows were registered; false for a preview, or when nothing was kept because of problems. */
  committed: boolean;
  rows: ImportRow[];
  /** Problems with the file as a whole (no header, unknown columns), as sentences. */
  fileProblems: string[];
  /** What is only worth knowing (a column that is skipped), as sentences. */
  notices: string[];
}

/** A message as the participant will see it, and how many people it goes to. */
export interface MessagePreview {
  recipients: number;
  subject: string;
  text: string;
}

/** A message an organiser sent, for the history. */
export interface SentMessage {
  id: string;
  at: string;
  sessionId: string | null;
  statuses: MessageStatus[];
  subject: string;
  body: string;
  sentBy: string | null;
  /** Who it went to (names and addresses; erased people are left out). */
  recipients: { registrationId: string; name: string; email: string }[];
  /** Its e-mails: sent, still on their way (or tried again), and given up on after the last try. */
  delivery?: { sent: number; waiting: number; failed: number };
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ApiTokenCreated {
  token: ApiToken;
  /** Shown once: only its hash is stored. Send it as `Authorization: Bearer <secret>`. */
  secret: string;
}

export interface NetworkOrganiser {
  id: string;
  email: string;
  name: string;
  role: OrganiserRole;
}

export type AuditActor =
  | { kind: 'organiser'; id: string; email: string | null; name: string | null }
  | { kind: 'installation-admin' }
  | { kind: 'cli' };

export interface AuditEntry {
  id: string;
  at: string;
  actor: AuditActor;
  action: AuditAction;
  registrationId: string | null;
  detail: Record<string, unknown>;
}

/** A revision of a network document: who saved it, when, and what it changed against the one before. */
export interface NetworkRevision {
  revision: number;
  /** An organiser's id, `installation-admin`, or `import` (a folder or `leerkring import`). */
  author: string;
  /** The organiser's name, when an organiser saved it. */
  authorName: string | null;
  at: string;
  /** Top-level fields of the document that changed. */
  paths: string[];
  /** Ids of sessions added, removed or changed. */
  sessions: string[];
}

/** What saving a document would send: per changed session, how many are told, and the first e-mail. */
/** The answer of a report notice: who it is for, who had it already, and how many were sent now. */
export interface ReportNoticeResult {
  /** People recorded as attended at the session (with their data still kept). */
  recipients: number;
  /** Of them, those told about this report before: never twice. */
  alreadyTold: number;
  /** E-mails queued by this request (0 for a preview). */
  sent: number;
  /** The e-mail the first of them gets. */
  email?: { subject: string; text: string };
}

export interface NetworkChangePreview {
  changes: { sessionId: string; title: string; kinds: ('dated' | 'moved' | 'undated' | 'venue' | 'cancelled' | 'removed')[]; recipients: number }[];
  /** How many e-mails the save sends: one per registration, whatever number of its sessions changed. */
  emails?: number;
  email?: { subject: string; text: string };
}

/** A network document with the revision it is (also the response's ETag). */
export interface NetworkDocumentResponse {
  revision: number;
  document: unknown;
}

export type Access = 'anyone' | 'signed-in' | 'network' | 'registration';

export interface AdminRouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  access: Access;
  /** The least role on the network, for `network` and `registration` routes. */
  role?: OrganiserRole;
  /** Refused with a personal API token: only a signed-in person (a session) may do this. */
  sessionOnly?: boolean;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** Written to the audit log when the route succeeds. */
  audit?: AuditAction;
  /** The response is not JSON. */
  text?: boolean;
  /** Bytes the body may have, where more than the server's default (16 KiB) is needed: whole network documents. */
  bodyLimit?: number;
}

/**
 * The body limit of the routes that take a whole network document. The schema sets no length on
 * a document; a large real one (an imported network of some hundreds of sessions with their
 * descriptions) is about 160 KB, so 1 MiB leaves room without letting any body be unbounded.
 */
export const DOCUMENT_BODY_LIMIT = 1024 * 1024;

export const ADMIN_ROUTES = {
  login: { method: 'POST', path: '/api/admin/login', access: 'anyone', body: loginRequestSchema },
  createSession: { method: 'POST', path: '/api/admin/session', access: 'anyone', body: createSessionRequestSchema, audit: 'sign-in' },
  getSession: { method: 'GET', path: '/api/admin/session', access: 'signed-in' },
  deleteSession: { method: 'DELETE', path: '/api/admin/session', access: 'signed-in' },
  deleteAllSessions: { method: 'DELETE', path: '/api/admin/sessions', access: 'signed-in', audit: 'sign-out-everywhere' },
  listTokens: { method: 'GET', path: '/api/admin/tokens', access: 'signed-in' },
  createToken: { method: 'POST', path: '/api/admin/tokens', access: 'signed-in', sessionOnly: true, body: createTokenRequestSchema, audit: 'token-created' },
  revokeToken: { method: 'DELETE', path: '/api/admin/tokens/:tokenId', access: 'signed-in', audit: 'token-revoked' },
  listNetworks: { method: 'GET', path: '/api/admin/networks', access: 'signed-in' },
  listOrganisers: { method: 'GET', path: '/api/admin/networks/:networkId/organisers', access: 'network', role: 'owner' },
  putOrganiser: { method: 'PUT', path: '/api/admin/networks/:networkId/organisers', access: 'network', role: 'owner', body: putOrganiserRequestSchema, audit: 'role-set' },
  removeOrganiser: { method: 'DELETE', path: '/api/admin/networks/:networkId/organisers/:organiserId', access: 'network', role: 'owner', audit: 'role-removed' },
  audit: { method: 'GET', path: '/api/admin/networks/:networkId/audit', access: 'network', role: 'owner', query: auditQuerySchema },
  listRegistrations: { method: 'GET', path: '/api/admin/networks/:networkId/registrations', access: 'network', role: 'organiser', query: registrationsQuerySchema },
  registrationsCsv: { method: 'GET', path: '/api/admin/networks/:networkId/registrations.csv', access: 'network', role: 'organiser', query: registrationsQuerySchema, text: true },
  /** Every session's attendance counts at once ("Wie kwam er", issue 27): one grouped query, not one request per session. */
  attendanceCounts: { method: 'GET', path: '/api/admin/networks/:networkId/attendance', access: 'network', role: 'organiser' },
  accept: { method: 'POST', path: '/api/admin/registrations/:id/accept', access: 'registration', role: 'organiser', body: acceptRequestSchema, audit: 'accept' },
  reject: { method: 'POST', path: '/api/admin/registrations/:id/reject', access: 'registration', role: 'organiser', body: rejectRequestSchema, audit: 'reject' },
  moveUp: { method: 'POST', path: '/api/admin/registrations/:id/move-up', access: 'registration', role: 'organiser', body: moveUpRequestSchema, audit: 'move-up' },
  attendance: { method: 'PUT', path: '/api/admin/registrations/:id/attendance', access: 'registration', role: 'organiser', body: attendanceRequestSchema, audit: 'attendance' },
  setNote: { method: 'PUT', path: '/api/admin/registrations/:id/note', access: 'registration', role: 'organiser', body: noteRequestSchema, audit: 'note' },
  remove: { method: 'POST', path: '/api/admin/registrations/:id/remove', access: 'registration', role: 'organiser', body: removeRequestSchema, audit: 'remove' },
  addRegistration: { method: 'POST', path: '/api/admin/networks/:networkId/registrations', access: 'network', role: 'organiser', body: addRegistrationRequestSchema, audit: 'registration-added' },
  editRegistration: { method: 'PUT', path: '/api/admin/registrations/:id', access: 'registration', role: 'organiser', body: editRegistrationRequestSchema, audit: 'registration-edited' },
  moveRegistration: { method: 'POST', path: '/api/admin/registrations/:id/move', access: 'registration', role: 'organiser', body: moveRegistrationRequestSchema, audit: 'registration-moved' },
  importRegistrations: { method: 'POST', path: '/api/admin/networks/:networkId/registrations/import', access: 'network', role: 'organiser', body: importRequestSchema, audit: 'registrations-imported', bodyLimit: DOCUMENT_BODY_LIMIT },
  previewMessage: { method: 'POST', path: '/api/admin/networks/:networkId/messages/preview', access: 'network', role: 'organiser', body: messageRequestSchema },
  sendMessage: { method: 'POST', path: '/api/admin/networks/:networkId/messages', access: 'network', role: 'organiser', body: messageRequestSchema, audit: 'message' },
  listMessages: { method: 'GET', path: '/api/admin/networks/:networkId/messages', access: 'network', role: 'organiser' },
  setNotify: { method: 'PUT', path: '/api/admin/session/notify', access: 'signed-in', body: notifyRequestSchema, audit: 'notify-set' },
  // The network document itself (issue 15). GET answers with `ETag: "<revision>"`; PUT needs
  // `If-Match` with it (428 without, 412 with an older one, saying what changed in between).
  getNetworkDocument: { method: 'GET', path: '/api/admin/networks/:networkId', access: 'network', role: 'owner' },
  /** The network as the public document shows it, for every organiser of it, also while it is a draft (with `draft: true`). */
  getNetwork: { method: 'GET', path: '/api/admin/networks/:networkId/network', access: 'network', role: 'organiser' },
  putNetworkDocument: { method: 'PUT', path: '/api/admin/networks/:networkId', access: 'network', role: 'owner', body: networkDocumentSchema, audit: 'network-saved', bodyLimit: DOCUMENT_BODY_LIMIT },
  createNetwork: { method: 'POST', path: '/api/admin/networks', access: 'signed-in', body: createNetworkRequestSchema, audit: 'network-created', bodyLimit: DOCUMENT_BODY_LIMIT },
  listRevisions: { method: 'GET', path: '/api/admin/networks/:networkId/revisions', access: 'network', role: 'owner' },
  getRevision: { method: 'GET', path: '/api/admin/networks/:networkId/revisions/:revision', access: 'network', role: 'owner' },
  /** A dry run of a save: who would be told what. Nothing is saved or sent. */
  previewNetworkChanges: { method: 'POST', path: '/api/admin/networks/:networkId/changes', access: 'network', role: 'owner', body: networkDocumentSchema, bodyLimit: DOCUMENT_BODY_LIMIT },
  restoreRevision: { method: 'POST', path: '/api/admin/networks/:networkId/revisions/:revision/restore', access: 'network', role: 'owner', body: restoreRevisionRequestSchema, audit: 'network-restored' },
  /** After a session with attendance recorded: tell those who came about one of its reports, once each. */
  reportNotice: { method: 'POST', path: '/api/admin/networks/:networkId/sessions/:sessionId/report-notice', access: 'network', role: 'organiser', body: reportNoticeRequestSchema, audit: 'report-notice' },
  /** A person's certificate of attendance (PDF), from the attendance recorded (issue 24). */
  certificate: { method: 'GET', path: '/api/admin/registrations/:id/certificate.pdf', access: 'registration', role: 'organiser', query: certificateQuerySchema, text: true },
  /**
   * The people who get a certificate, a page at a time in arrival order (issue 27): every
   * registration of each person on the page (core's certificateHolders groups them), how many
   * people in all, and where the next page starts.
   */
  certificateHolders: { method: 'GET', path: '/api/admin/networks/:networkId/certificate-holders', access: 'network', role: 'organiser', query: certificateHoldersQuerySchema },
  /** Everyone's certificate in one PDF, a page each. */
  certificates: { method: 'GET', path: '/api/admin/networks/:networkId/certificates.pdf', access: 'network', role: 'organiser', query: certificateQuerySchema, text: true },
  /** E-mails the person their certificate as a PDF attachment. */
  sendCertificate: { method: 'POST', path: '/api/admin/registrations/:id/certificate/send', access: 'registration', role: 'organiser', body: moveUpRequestSchema, audit: 'certificate-sent' },
  /** Feedback after sessions (issue 24): the questions, and per session who came, was asked and answered, with the summary. */
  feedback: { method: 'GET', path: '/api/admin/networks/:networkId/feedback', access: 'network', role: 'organiser' },
  putFeedbackQuestions: { method: 'PUT', path: '/api/admin/networks/:networkId/feedback/questions', access: 'network', role: 'organiser', body: feedbackQuestionsRequestSchema, audit: 'feedback-questions' },
  /** E-mails those recorded as attended at the session a link to the evaluation; once each. */
  requestFeedback: { method: 'POST', path: '/api/admin/networks/:networkId/sessions/:sessionId/feedback-request', access: 'network', role: 'organiser', body: moveUpRequestSchema, audit: 'feedback-request' },
  /** All answers, one line per form, without names. */
  feedbackCsv: { method: 'GET', path: '/api/admin/networks/:networkId/feedback.csv', access: 'network', role: 'organiser', text: true },
} as const satisfies Record<string, AdminRouteSpec>;

export type AdminRouteName = keyof typeof ADMIN_ROUTES;

/** What each route answers with (the JSON body of a 2xx; `undefined` for 202/204 without a body). */
export interface AdminResponses {
  login: undefined;
  createSession: SessionInfo;
  getSession: SessionInfo;
  deleteSession: undefined;
  deleteAllSessions: undefined;
  listTokens: { tokens: ApiToken[] };
  createToken: ApiTokenCreated;
  revokeToken: undefined;
  listNetworks: { networks: AdminNetworkSummary[] };
  listOrganisers: { organisers: NetworkOrganiser[] };
  putOrganiser: { organisers: NetworkOrganiser[] };
  removeOrganiser: { organisers: NetworkOrganiser[] };
  audit: { entries: AuditEntry[] };
  /**
   * With `limit`: one page, `next` (the next page's `after`, null at the end) and `total` (how
   * many match). With `placeAt` too, a first page (no `after`) carries the door's `counts`: how
   * many have a place at that session and how many came, whatever the search (check-in's header
   * without another request).
   */
  listRegistrations: { registrations: AdminRegistration[]; next?: string | null; total?: number; counts?: DoorCounts };
  registrationsCsv: string;
  /** Per session of the network, in the document's order. */
  attendanceCounts: { sessions: SessionAttendanceCounts[] };
  accept: RegistrationView;
  reject: RegistrationView;
  moveUp: RegistrationView;
  attendance: { attendance: Record<string, boolean> };
  setNote: { note: string | null };
  remove: RegistrationView;
  addRegistration: OrganiserRegistrationResult;
  editRegistration: OrganiserRegistrationResult;
  moveRegistration: OrganiserRegistrationResult;
  importRegistrations: ImportResult;
  previewMessage: MessagePreview;
  sendMessage: { id: string; recipients: number };
  listMessages: { messages: SentMessage[] };
  setNotify: SessionInfo;
  getNetworkDocument: NetworkDocumentResponse;
  getNetwork: AdminNetworkResponse;
  putNetworkDocument: NetworkDocumentResponse;
  createNetwork: NetworkDocumentResponse;
  listRevisions: { revisions: NetworkRevision[] };
  getRevision: NetworkDocumentResponse;
  restoreRevision: NetworkDocumentResponse;
  previewNetworkChanges: NetworkChangePreview;
  reportNotice: ReportNoticeResult;
  certificate: string;
  certificateHolders: { registrations: AdminRegistration[]; next: string | null; total: number };
  certificates: string;
  sendCertificate: { sent: true };
  feedback: FeedbackOverview;
  putFeedbackQuestions: FeedbackOverview;
  requestFeedback: { recipients: number; alreadyAsked: number; sent: number };
  feedbackCsv: string;
}

/** The feedback of a network as the console shows it. */
export interface FeedbackOverview {
  questions: FeedbackQuestion[];
  /** Whether the organisers chose the questions (false: the default set, in the caller's language). */
  custom: boolean;
  /** Sessions with attendance recorded, in the order people read them. */
  sessions: { sessionId: string; attended: number; asked: number; answered: number; summary: FeedbackQuestionSummary[] }[];
}

type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name extends `${infer N}.${string}` ? N : Name]: string }
    : {};

/** The path parameters of a route, from its path: `{ networkId: string }`. */
export type AdminParams<N extends AdminRouteName> = ParamsOf<(typeof ADMIN_ROUTES)[N]['path']>;
/** The request body of a route, as its schema accepts it. */
export type AdminBody<N extends AdminRouteName> = (typeof ADMIN_ROUTES)[N] extends { body: infer S extends z.ZodMiniType } ? z.input<S> : undefined;
export type AdminQuery<N extends AdminRouteName> = (typeof ADMIN_ROUTES)[N] extends { query: infer S extends z.ZodMiniType } ? z.input<S> : undefined;
export type AdminResponse<N extends AdminRouteName> = AdminResponses[N];

/** Fills a route's path parameters: `adminPath('accept', { id })`. */
export function adminPath<N extends AdminRouteName>(name: N, params: AdminParams<N>): string {
  return ADMIN_ROUTES[name].path.replace(/:([A-Za-z]+)/g, (_, key: string) => encodeURIComponent((params as Record<string, string>)[key] ?? ''));
}
