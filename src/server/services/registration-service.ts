/**
 * services/: the server's use cases, one service per reason to change: registering.ts (the batch
 * decider), managing.ts (the participant's own registration), intake.ts (the organisers' intake
 * and waiting list), status-change.ts (the one status change and waiting-list promotion both of
 * those use), messages.ts (organisers' messages and digests), reminders.ts, notices.ts (revision
 * and report notices), retention.ts; context.ts holds what they share (clock, transactions,
 * manage and calendar links, the participant's e-mail, the counts reader), and organisers.ts,
 * networks.ts run the organisers and the network documents. A service may import core, storage,
 * mail and tokens; never Fastify or http/ (HTTP calls services, not the other way round).
 *
 * This file is the composition: RegistrationService builds the registration use cases over one
 * context and keeps their public methods, one line each. Every change that touches places runs
 * in one transaction that first locks the row of its target (a network, or one session), then
 * counts, decides with the core rules engine, writes, moves the waiting list up and queues the
 * e-mails. Any number of server processes sharing one PostgreSQL therefore never give a place
 * twice. SQL lives in the repositories (storage/); rules in core; HTTP in app.ts and http/.
 */
import type {
  Network,
  PlaceCounts,
  Locale,
  NotifyPreference,
  SentMessage,
  SessionTimeline,
  NetworkChangePreview,
  ReportNoticeResult,
  Session,
  Resource,
} from '../../core/index.js';
import type { Db, Queryable } from '../storage/db.js';
import { useOutboxComposer, type ComposeOutbox } from '../mail/delivery.js';
import type { RegistrationRow } from '../storage/registrations.js';
import { RegistrationContext, type RegistrationServiceOptions } from './context.js';
import { Registering, type ByOrganiser, type RegisterResult } from './registering.js';
import { OrganiserChanges, type OrganiserChangeResult } from './organiser-changes.js';
import { StatusChange, type ChangeResult } from './status-change.js';
import { Managing, type SwitchResult } from './managing.js';
import { Intake } from './intake.js';
import { Messages, type OrganiserMessage } from './messages.js';
import { Reminders } from './reminders.js';
import { Notices } from './notices.js';
import { Fanouts } from './fanout.js';
import { Retention } from './retention.js';
import { Certificates } from './certificates.js';
import { Feedback } from './feedback.js';

export type { RegistrationRow, Status } from '../storage/registrations.js';
export type { RegistrationServiceOptions } from './context.js';
export type { RegisterResult, ByOrganiser } from './registering.js';
export type { OrganiserChangeResult } from './organiser-changes.js';
export type { ChangeResult } from './status-change.js';
export type { SwitchResult } from './managing.js';
export type { OrganiserMessage } from './messages.js';

/** @deprecated Use RegistrationServiceOptions. */
export type StoreOptions = RegistrationServiceOptions;

export class RegistrationService {
  readonly #context: RegistrationContext;
  /** Registering: the batch decider. */
  readonly registering: Registering;
  /** Managing a registration: the participant's side. */
  readonly managing: Managing;
  /** Intake and the waiting list: the organisers' side. */
  readonly intake: Intake;
  /** An organiser's own corrections and moves of a registration. */
  readonly changes: OrganiserChanges;
  /** Organisers' messages and digests. */
  readonly messages: Messages;
  readonly reminders: Reminders;
  /** Revision notices and report notices. */
  readonly notices: Notices;
  readonly fanouts: Fanouts;
  readonly retention: Retention;
  /** Certificates of attendance (issue 24). */
  readonly certificates: Certificates;
  /** Feedback after a session (issue 24). */
  readonly feedback: Feedback;
  readonly composeOutbox: ComposeOutbox;

  constructor(db: Db, networks: Map<string, Network>, options: RegistrationServiceOptions) {
    const context = new RegistrationContext(db, networks, options);
    const status = new StatusChange(context);
    this.#context = context;
    this.registering = new Registering(context);
    this.managing = new Managing(context, status);
    this.intake = new Intake(context, status);
    this.changes = new OrganiserChanges(context, status);
    this.messages = new Messages(context);
    this.reminders = new Reminders(context);
    this.notices = new Notices(context);
    this.retention = new Retention(context);
    this.certificates = new Certificates(context);
    this.feedback = new Feedback(context);
    this.fanouts = new Fanouts(context, this.notices);
    // The delivery job expands fan-out jobs into outbox rows before it sends (issue 27).
    this.composeOutbox = Object.assign(context.composeOutbox, { expand: () => this.fanouts.expandForDelivery() });
    useOutboxComposer(db, this.composeOutbox);
  }

  get db(): Db {
    return this.#context.db;
  }

  // What the use cases share (context.ts).

  token(id: string): string {
    return this.#context.token(id);
  }

  /** The personal calendar feed's address: read-only, another token than the manage link's. */
  calendarUrl(row: Pick<RegistrationRow, 'id' | 'feed_version'>): string | undefined {
    return this.#context.calendarUrl(row);
  }

  network(id: string): Network | undefined {
    return this.#context.network(id);
  }

  /** Counts for every target of a network, for availability (shared between callers who asked together: do not change them). */
  counts(networkId: string): Promise<Record<string, PlaceCounts>> {
    return this.#context.counts(networkId);
  }

  // Registering (registering.ts).

  register(network: Network, body: unknown, idempotencyKey?: string): Promise<RegisterResult> {
    return this.registering.register(network, body, idempotencyKey);
  }

  /** An organiser adds someone themselves: the organiser's rules (core), their choice of e-mail. */
  registerByOrganiser(network: Network, body: unknown, organiser: ByOrganiser): Promise<RegisterResult> {
    return this.registering.register(network, body, undefined, organiser);
  }

  /** An organiser's import: all rows in one transaction, or none (and a trial run for the preview). */
  registerAll(network: Network, bodies: unknown[], organiser: ByOrganiser, commit: boolean): Promise<{ committed: boolean; results: RegisterResult[] }> {
    return this.registering.registerAll(network, bodies, organiser, commit);
  }

  editByOrganiser(id: string, body: unknown): Promise<OrganiserChangeResult> {
    return this.changes.edit(id, body);
  }

  moveByOrganiser(id: string, sessionId: string, overCapacity: boolean): Promise<OrganiserChangeResult> {
    return this.changes.move(id, sessionId, overCapacity);
  }

  // Managing a registration (managing.ts).

  byToken(token: string): Promise<RegistrationRow | undefined> {
    return this.managing.byToken(token);
  }

  byId(id: string): Promise<RegistrationRow | undefined> {
    return this.managing.byId(id);
  }

  position(row: RegistrationRow): Promise<number | undefined> {
    return this.managing.position(row);
  }

  byFeedToken(token: string): Promise<RegistrationRow | undefined> {
    return this.managing.byFeedToken(token);
  }

  personalCalendar(row: RegistrationRow, locale: Locale, timeline?: SessionTimeline): string | undefined {
    return this.managing.personalCalendar(row, locale, timeline);
  }

  renewFeed(id: string): Promise<RegistrationRow | undefined> {
    return this.managing.renewFeed(id);
  }

  cancel(id: string): Promise<ChangeResult> {
    return this.managing.cancel(id);
  }

  switchSession(id: string, sessionId: string): Promise<SwitchResult> {
    return this.managing.switchSession(id, sessionId);
  }

  changeJoins(id: string, joins: string[]): ReturnType<Managing['changeJoins']> {
    return this.managing.changeJoins(id, joins);
  }

  sendManageLinks(email: string): Promise<void> {
    return this.managing.sendManageLinks(email);
  }

  erase(id: string): Promise<ChangeResult> {
    return this.managing.erase(id);
  }

  // Intake and the waiting list (intake.ts).

  accept(id: string, reason?: string): Promise<ChangeResult> {
    return this.intake.accept(id, reason);
  }

  reject(id: string, reason: string): Promise<ChangeResult> {
    return this.intake.reject(id, reason);
  }

  moveUp(id: string): Promise<ChangeResult> {
    return this.intake.moveUp(id);
  }

  remove(id: string, reason?: string): Promise<ChangeResult> {
    return this.intake.remove(id, reason);
  }

  setNote(id: string, note: string): Promise<boolean> {
    return this.intake.setNote(id, note);
  }

  attendance(id: string, sessionId: string, present: boolean): Promise<RegistrationRow | undefined> {
    return this.intake.attendance(id, sessionId, present);
  }

  list(networkId: string, sessionId?: string): Promise<RegistrationRow[]> {
    return this.intake.list(networkId, sessionId);
  }

  // Messages and digests (messages.ts).

  previewMessage(network: Network, m: OrganiserMessage): Promise<{ recipients: number; subject: string; text: string } | undefined> {
    return this.messages.previewMessage(network, m);
  }

  sendMessage(network: Network, m: OrganiserMessage, sentBy: string | null): Promise<{ id: string; recipients: number } | undefined> {
    return this.messages.sendMessage(network, m, sentBy);
  }

  listMessages(networkId: string): Promise<SentMessage[]> {
    return this.messages.listMessages(networkId);
  }

  sendDigests(now: Date = new Date()): Promise<number> {
    return this.messages.sendDigests(now);
  }

  setNotify(organiserId: string, notify: NotifyPreference): Promise<void> {
    return this.messages.setNotify(organiserId, notify);
  }

  // Reminders (reminders.ts).

  sendReminders(now?: Date, batch = 200): Promise<number> {
    return this.reminders.sendReminders(now, batch);
  }

  // Revision and report notices (notices.ts).

  tellRevision(tx: Queryable, before: Network, after: Network, timeline: SessionTimeline, revision?: number): Promise<number> {
    return this.notices.tellRevision(tx, before, after, timeline, revision);
  }

  previewRevision(before: Network, after: Network): Promise<NetworkChangePreview> {
    return this.notices.previewRevision(before, after);
  }

  reportNotice(network: Network, session: Session, report: { title: string; url?: string; type?: Resource['type'] }, options: { preview?: boolean } = {}): Promise<ReportNoticeResult> {
    return this.notices.reportNotice(network, session, report, options);
  }

  // Retention (retention.ts).

  purgeExpired(defaultRetentionDays = 365): Promise<number> {
    return this.retention.purgeExpired(defaultRetentionDays);
  }
}
