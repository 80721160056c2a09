/**
 * Notices: the e-mails a new revision of a network sends to the people of the sessions that
 * changed (and their preview in the console), and the notice of a session's report to the people
 * recorded as attended.
 */
import {
  registrationScope,
  sessionChanges,
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
   * file for what no longer takes place). Returns how many.
   */
  async tellRevision(tx: Queryable, before: Network, after: Network, timeline: SessionTimeline): Promise<number> {
    const mails: { registrationId: string; kind: string; message: MailMessage }[] = [];
    await this.#revisionMails(new MailingRepository(tx), before, after, timeline, async (row, kind, message) => {
      mails.push({ registrationId: row.id, kind, message });
    });
    // Queued in one statement, however many people (issue 27).
    await new RegistrationRepository(tx).enqueueAll(mails);
    return mails.length;
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
    await this.#revisionMails(this.#ctx.mailings, before, after, {}, async (_row, _kind, message, sessionIds) => {
      for (const id of sessionIds) changes.find((c) => c.sessionId === id)!.recipients++;
      emails++;
      email ??= { subject: message.subject, text: message.text };
    });
    return { changes, emails, ...(email && { email }) };
  }

  async #revisionMails(
    mailings: MailingRepository,
    before: Network,
    after: Network,
    timeline: SessionTimeline,
    each: (row: RegistrationRow, kind: RevisionMailKind, message: MailMessage, sessionIds: string[]) => Promise<void>,
  ): Promise<void> {
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
    if (!changes.length) return;
    const targets = perSession ? changes.map((c) => c.session.id) : ['network'];
    // One e-mail per person: someone registered for several of the changed sessions hears of
    // them together, in the language and under the name of their first registration.
    const people = new Map<string, RegistrationRow[]>();
    for (const row of await mailings.concerned(after.id, targets)) {
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
        // Waiting for a session's own place is no place there: no join link.
        hasPlace: perSession ? (id) => confirmed.has(id) : (id) => first.status === 'confirmed' && ownPlaceIn(first.places, id) !== 'waitlisted',
        ...(links[0] && { manageUrl: links[0].url }),
        ...(links.length > 1 && { manageUrls: links }),
      });
      await each(first, kind, message, mine.map((c) => c.session.id));
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
