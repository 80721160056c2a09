/**
 * Notices: the e-mails a new revision of a network sends to the people of the sessions that
 * changed (and their preview in the console), and the notice of a session's report to the people
 * recorded as attended.
 */
import {
  parseNetwork,
  registrationScope,
  sessionChanges,
  sessionTimeline,
  type Network,
  type NetworkChangePreview,
  type ReportNoticeResult,
  type Session,
  type Resource,
  type SessionTimeline,
} from '../../core/index.js';
import type { Queryable } from '../storage/db.js';
import { composeReportMail, composeRevisionMail, type MailMessage, type RevisionMailChange, type RevisionMailKind } from '../mail/compose.js';
import { ownPlaceIn } from '../mail/compose-calendar.js';
import { MailingRepository, RegistrationRepository, type RegistrationRow } from '../storage/registrations.js';
import { advanceFanout, concernsMoreThan, recordFanout, revisionBatch, type FanoutJob } from '../storage/fanout-jobs.js';
import { revisionHistory } from '../storage/networks.js';
import type { RegistrationContext } from './context.js';

export class Notices {
  readonly #ctx: RegistrationContext;

  constructor(context: RegistrationContext) {
    this.#ctx = context;
  }

  /**
   * In the transaction of a new revision of a network: one e-mail per registration concerned (a
   * place, the waiting list, or an intake) listing every session of theirs that got a date,
   * moved, changed venue, lost its date, was cancelled or removed (core's `sessionChanges`), with
   * the calendar items (same UID, SEQUENCE from the revision history; a separate METHOD:CANCEL
   * file for what no longer takes place), queued in one statement. When the revision's number is
   * given and more people are concerned than the request can tell in time (issue 27), it records
   * a fan-out job instead, which the delivery job expands a batch at a time (expandRevision).
   * Returns how many e-mails it queued (none when a job will).
   */
  async tellRevision(tx: Queryable, before: Network, after: Network, timeline: SessionTimeline, revision?: number): Promise<number> {
    const plan = revisionPlan(before, after);
    if (!plan) return 0;
    if (revision !== undefined) {
      if (await concernsMoreThan(tx, after.id, plan.targets, this.#ctx.opts.fanoutInline ?? REVISION_INLINE)) {
        await recordFanout(tx, 'revision', after.id, { revision });
        return 0;
      }
    }
    return this.#queueRevisionMails(tx, await new MailingRepository(tx).concerned(after.id, plan.targets), plan, after, timeline);
  }

  /** Composes the revision e-mails of these registrations and queues them in one statement (issue 27); returns how many. */
  async #queueRevisionMails(tx: Queryable, rows: RegistrationRow[], plan: RevisionPlan, after: Network, timeline: SessionTimeline): Promise<number> {
    const mails: { registrationId: string; kind: string; message: MailMessage }[] = [];
    this.#revisionMails(rows, plan, after, timeline, (row, kind, message) => mails.push({ registrationId: row.id, kind, message }));
    await new RegistrationRepository(tx).enqueueAll(mails);
    return mails.length;
  }

  /** The revisions a fan-out job tells about, parsed once per job rather than once per batch. */
  readonly #revisions = new Map<string, Promise<{ before: Network; after: Network; timeline: SessionTimeline } | undefined>>();

  /**
   * One batch of a revision's fan-out job, in the caller's transaction: the revision and the one
   * before it as saved, the timeline as of that revision, the next people after the job's cursor.
   */
  async expandRevision(tx: Queryable, job: FanoutJob, limit: number): Promise<void> {
    const revision = Number(job.facts.revision);
    const key = `${job.networkId}\n${revision}`;
    let pair = this.#revisions.get(key);
    if (!pair) {
      if (this.#revisions.size >= 4) this.#revisions.delete(this.#revisions.keys().next().value!);
      pair = revisionHistory(tx, job.networkId).then((rows) => {
        const history = rows.filter((r) => Number(r.revision) <= revision).flatMap((r) => {
          const parsed = parseNetwork(r.document);
          return parsed.ok ? [{ revision: Number(r.revision), at: new Date(r.at), network: parsed.value }] : [];
        });
        const after = history.find((h) => h.revision === revision)?.network;
        const before = history.find((h) => h.revision === revision - 1)?.network;
        return after && before ? { before, after, timeline: sessionTimeline(history) } : undefined;
      });
      pair.catch(() => this.#revisions.delete(key));
      this.#revisions.set(key, pair);
    }
    const p = await pair;
    const plan = p && revisionPlan(p.before, p.after);
    if (!p || !plan) return advanceFanout(tx, job.id, job.afterKey, true);
    const batch = await revisionBatch(tx, job, plan.targets, limit);
    await this.#queueRevisionMails(tx, batch.rows, plan, p.after, p.timeline);
    await advanceFanout(tx, job.id, '', batch.done);
  }

  /**
   * What saving `after` would send (the console shows it before saving): per changed session,
   * how many people are told; how many e-mails that is (one per person); and the e-mail the
   * first of them would get.
   */
  async previewRevision(before: Network, after: Network): Promise<NetworkChangePreview> {
    const changes = sessionChanges(before, after).map((c) => ({
      sessionId: c.sessionId,
      title: (after.sessions.find((s) => s.id === c.sessionId) ?? before.sessions.find((s) => s.id === c.sessionId))!.title,
      kinds: c.kinds,
      recipients: 0,
    }));
    let email: { subject: string; text: string } | undefined;
    let emails = 0;
    const plan = revisionPlan(before, after);
    if (plan)
      this.#revisionMails(await this.#ctx.mailings.concerned(after.id, plan.targets), plan, after, {}, (_row, _kind, message, sessionIds) => {
        for (const id of sessionIds) changes.find((c) => c.sessionId === id)!.recipients++;
        emails++;
        email ??= { subject: message.subject, text: message.text };
      });
    return { changes, emails, ...(email && { email }) };
  }

  #revisionMails(
    concerned: RegistrationRow[],
    { changes, perSession }: RevisionPlan,
    after: Network,
    timeline: SessionTimeline,
    each: (row: RegistrationRow, kind: RevisionMailKind, message: MailMessage, sessionIds: string[]) => void,
  ): void {
    // One e-mail per person: someone registered for several of the changed sessions hears of
    // them together, in the language and under the name of their first registration.
    const people = new Map<string, RegistrationRow[]>();
    for (const row of concerned) {
      if (row.erased_at) continue;
      const rows = people.get(row.email_lower);
      if (rows) rows.push(row);
      else people.set(row.email_lower, [row]);
    }
    for (const rows of people.values()) {
      const first = rows[0]!;
      const sessionsOf = new Set(rows.map((r) => r.session_id));
      // Removed sessions keep their registrations: a restore brings the session back with its people.
      // Inside a series, not a session the person said no to (core's session-places.ts).
      const mine = changes.filter((c) => (perSession ? sessionsOf.has(c.session.id) : ownPlaceIn(first.places, c.session.id) !== 'declined'));
      if (!mine.length) continue;
      const links = rows.flatMap((r) => {
        const url = this.#ctx.manageUrl(r.id);
        const change = mine.find((c) => c.session.id === r.session_id);
        return url ? [{ title: change?.session.title ?? after.title, url }] : [];
      });
      const confirmed = new Set(rows.filter((r) => r.status === 'confirmed').map((r) => r.session_id));
      const { kind, message } = composeRevisionMail(mine, {
        network: after,
        participant: first.participant,
        locale: first.locale,
        timeline,
        now: this.#ctx.now(after.id),
        withdrawals: withdrawalsOf(rows),
        // Waiting for a session's own place is no place there: no join link.
        hasPlace: perSession ? (id) => confirmed.has(id) : (id) => first.status === 'confirmed' && ownPlaceIn(first.places, id) !== 'waitlisted',
        ...(links[0] && { manageUrl: links[0].url }),
        ...(links.length > 1 && { manageUrls: links }),
      });
      each(first, kind, message, mine.map((c) => c.session.id));
    }
  }

  /**
   * Tells the people recorded as attended at a session about one of its reports, through the
   * outbox, once per person per report (recorded in the transaction that queues the e-mail, so
   * asking twice, or from two processes, tells nobody twice). Never anyone not recorded as
   * attended. `preview` only counts and shows the e-mail.
   */
  async reportNotice(network: Network, session: Session, report: { title: string; url?: string; type?: Resource['type'] }, options: { preview?: boolean } = {}): Promise<ReportNoticeResult> {
    const key = report.url ?? report.title;
    return this.#ctx.transaction(async (repo, mailings) => {
      const rows = await mailings.attended(network.id, session.id);
      const told = await mailings.reportTold(rows.map((r) => r.id), session.id, key);
      let email: { subject: string; text: string } | undefined;
      let sent = 0;
      let alreadyTold = told.size;
      for (const row of rows) {
        const manageUrl = this.#ctx.manageUrl(row.id);
        const message = composeReportMail(report, { network, session, participant: row.participant, locale: row.locale, ...(manageUrl && { manageUrl }) });
        email ??= { subject: message.subject, text: message.text };
        if (options.preview || told.has(row.id)) continue;
        if (!(await mailings.markReportTold(row.id, session.id, key))) {
          alreadyTold++;
          continue;
        }
        await repo.enqueue(row.id, 'report', message);
        sent++;
      }
      return { recipients: rows.length, alreadyTold, sent, ...(email && { email }) };
    });
  }
}

/** How many people a save tells within its own request; more are told by a fan-out job (issue 27). */
const REVISION_INLINE = 200;

/** What a revision changes for people: the e-mail kind per changed session, and the targets whose people are concerned. */
type RevisionPlan = { changes: RevisionMailChange[]; targets: string[]; perSession: boolean };

function revisionPlan(before: Network, after: Network): RevisionPlan | undefined {
  const perSession = registrationScope(after) === 'session';
  const changes: RevisionMailChange[] = [];
  for (const change of sessionChanges(before, after)) {
    const now = after.sessions.find((s) => s.id === change.sessionId);
    // A session that appears (dated) was not in `before`: it is its own "before".
    const was = before.sessions.find((s) => s.id === change.sessionId) ?? now!;
    const kind: RevisionMailChange['kind'] = change.kinds.includes('removed')
      ? 'session-removed'
      : change.kinds.includes('cancelled')
        ? 'session-cancelled'
        : change.kinds.includes('undated')
          ? 'session-undated'
          : change.kinds.includes('dated')
            ? 'session-dated'
            : change.kinds.includes('moved')
              ? 'session-moved'
              : 'session-venue';
    changes.push({ kind, session: now ?? was, was });
  }
  return changes.length ? { changes, targets: perSession ? changes.map((c) => c.session.id) : ['network'], perSession } : undefined;
}

/**
 * How often a person withdrew from each session (core's personalSequence), over their
 * registrations in this network: the most any of them counted, as a new registration starts from.
 */
function withdrawalsOf(rows: RegistrationRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) for (const [id, n] of Object.entries(r.calendar_withdrawals ?? {})) out[id] = Math.max(out[id] ?? 0, Number(n));
  return out;
}
