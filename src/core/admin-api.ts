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
import { isStorable } from './text.js';

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
/** Whom an organiser's message goes to: people with these statuses, for one session or the whole network. */
export const MESSAGE_STATUSES = ['confirmed', 'waitlisted', 'pending'] as const;
export const messageRequestSchema = z.strictObject({
  /** Only people registered for this session (networks with registration per session), or attending it (whole series). */
  sessionId: z.optional(id()),
  statuses: z.array(z.enum(MESSAGE_STATUSES)).check(z.minLength(1, 'empty'), z.maxLength(3)),
  subject: text(200),
  body: text(10000),
});
export const notifyRequestSchema = z.strictObject({ notify: z.enum(NOTIFY_PREFERENCES) });
export const registrationsQuerySchema = z.object({ session: z.optional(id()) });
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
export type MessageRequest = z.infer<typeof messageRequestSchema>;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type NotifyRequest = z.infer<typeof notifyRequestSchema>;
export type RegistrationsQuery = z.infer<typeof registrationsQuerySchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;

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
  accept: { method: 'POST', path: '/api/admin/registrations/:id/accept', access: 'registration', role: 'organiser', body: acceptRequestSchema, audit: 'accept' },
  reject: { method: 'POST', path: '/api/admin/registrations/:id/reject', access: 'registration', role: 'organiser', body: rejectRequestSchema, audit: 'reject' },
  moveUp: { method: 'POST', path: '/api/admin/registrations/:id/move-up', access: 'registration', role: 'organiser', body: moveUpRequestSchema, audit: 'move-up' },
  attendance: { method: 'PUT', path: '/api/admin/registrations/:id/attendance', access: 'registration', role: 'organiser', body: attendanceRequestSchema, audit: 'attendance' },
  setNote: { method: 'PUT', path: '/api/admin/registrations/:id/note', access: 'registration', role: 'organiser', body: noteRequestSchema, audit: 'note' },
  remove: { method: 'POST', path: '/api/admin/registrations/:id/remove', access: 'registration', role: 'organiser', body: removeRequestSchema, audit: 'remove' },
  previewMessage: { method: 'POST', path: '/api/admin/networks/:networkId/messages/preview', access: 'network', role: 'organiser', body: messageRequestSchema },
  sendMessage: { method: 'POST', path: '/api/admin/networks/:networkId/messages', access: 'network', role: 'organiser', body: messageRequestSchema, audit: 'message' },
  listMessages: { method: 'GET', path: '/api/admin/networks/:networkId/messages', access: 'network', role: 'organiser' },
  setNotify: { method: 'PUT', path: '/api/admin/session/notify', access: 'signed-in', body: notifyRequestSchema, audit: 'notify-set' },
  // The network document itself (issue 15). GET answers with `ETag: "<revision>"`; PUT needs
  // `If-Match` with it (428 without, 412 with an older one, saying what changed in between).
  getNetworkDocument: { method: 'GET', path: '/api/admin/networks/:networkId', access: 'network', role: 'owner' },
  putNetworkDocument: { method: 'PUT', path: '/api/admin/networks/:networkId', access: 'network', role: 'owner', body: networkDocumentSchema, audit: 'network-saved', bodyLimit: DOCUMENT_BODY_LIMIT },
  createNetwork: { method: 'POST', path: '/api/admin/networks', access: 'signed-in', body: createNetworkRequestSchema, audit: 'network-created', bodyLimit: DOCUMENT_BODY_LIMIT },
  listRevisions: { method: 'GET', path: '/api/admin/networks/:networkId/revisions', access: 'network', role: 'owner' },
  getRevision: { method: 'GET', path: '/api/admin/networks/:networkId/revisions/:revision', access: 'network', role: 'owner' },
  /** A dry run of a save: who would be told what. Nothing is saved or sent. */
  previewNetworkChanges: { method: 'POST', path: '/api/admin/networks/:networkId/changes', access: 'network', role: 'owner', body: networkDocumentSchema, bodyLimit: DOCUMENT_BODY_LIMIT },
  restoreRevision: { method: 'POST', path: '/api/admin/networks/:networkId/revisions/:revision/restore', access: 'network', role: 'owner', body: restoreRevisionRequestSchema, audit: 'network-restored' },
  /** After a session with attendance recorded: tell those who came about one of its reports, once each. */
  reportNotice: { method: 'POST', path: '/api/admin/networks/:networkId/sessions/:sessionId/report-notice', access: 'network', role: 'organiser', body: reportNoticeRequestSchema, audit: 'report-notice' },
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
  listRegistrations: { registrations: AdminRegistration[] };
  registrationsCsv: string;
  accept: RegistrationView;
  reject: RegistrationView;
  moveUp: RegistrationView;
  attendance: { attendance: Record<string, boolean> };
  setNote: { note: string | null };
  remove: RegistrationView;
  previewMessage: MessagePreview;
  sendMessage: { id: string; recipients: number };
  listMessages: { messages: SentMessage[] };
  setNotify: SessionInfo;
  getNetworkDocument: NetworkDocumentResponse;
  putNetworkDocument: NetworkDocumentResponse;
  createNetwork: NetworkDocumentResponse;
  listRevisions: { revisions: NetworkRevision[] };
  getRevision: NetworkDocumentResponse;
  restoreRevision: NetworkDocumentResponse;
  previewNetworkChanges: NetworkChangePreview;
  reportNotice: ReportNoticeResult;
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
