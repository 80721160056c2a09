/**
 * The mail folder: what the server writes to people, and how it leaves. compose.ts (this file)
 * turns facts into messages from the core translations; delivery.ts sends what the outbox holds
 * (SMTP, or .eml files). Files here may import core and ../storage/outbox.ts (the outbox's SQL),
 * never the services or the HTTP layer; the services and serve.ts import them.
 *
 * E-mail to participants, in their language, from the core translations, with the .ics
 * attached where a date exists. Messages go through an outbox table written in the same
 * transaction as the registration, so a crash cannot lose one; a delivery loop sends them
 * over SMTP (`SMTP_URL`) or, without SMTP, writes them as .eml files for a developer to read.
 * A new registration's e-mails are queued as facts and composed by that loop (see ComposeOutbox).
 */
import {
  emailMessages,
  networkCalendar,
  calendarEvents,
  venueText,
  networkSeenBy,
  findSession,
  sessionTiming,
  sessionWhenText,
  inertLine,
  feeFor,
  feeText,
  formatDate,
  freeCancellationUntil,
  formMessages,
  isolated,
  sessionDetails,
  sessionsInOrder,
  isSessionPast,
  type Locale,
  type Network,
  type SessionTimeline,
  type Session,
  type CalendarOptions,
  type Resource,
} from '../../core/index.js';
import { calendarFile, hasCalendarItem, ownPlaceIn, replyToOf } from './compose-calendar.js';

export type MailKind =
  | 'confirmed'
  | 'waitlisted'
  | 'pending'
  | 'accepted'
  | 'rejected'
  | 'promoted'
  | 'cancelled'
  /** An organiser took the person off. */
  | 'removed'
  | 'session-moved'
  | 'session-cancelled'
  /** A session that had no date got one. */
  | 'session-dated'
  /** A session's place changed (its time did not). */
  | 'session-venue'
  /** Some days before a dated session (`registration.reminderDaysBefore`). */
  | 'reminder'
  /** An organiser's own message (`MailContext.message`). */
  | 'message'
  /** The participant asked for their manage link again. */
  | 'manage-link'
  /** Inside a series: the participant changed which optional sessions, or which of a choice group, they come to (issue 23). */
  | 'joins-changed';

/** What a saved revision sends (issue 15): one kind per session change, `session-changes` for several. */
export type RevisionMailKind = 'session-dated' | 'session-moved' | 'session-venue' | 'session-cancelled' | 'session-undated' | 'session-removed' | 'session-changes';

/** A report attached to a session, for the people recorded as attended. */
export type ReportMailKind = 'report';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Where answers go: the network's contact address, for every e-mail to a participant (issue 24). */
  replyTo?: string;
  /** `method` CANCEL for a cancelled session's calendar item; PUBLISH otherwise. */
  ics?: { filename: string; content: string; method?: 'PUBLISH' | 'CANCEL' };
  /** A second calendar file with another METHOD (an e-mail that updates some sessions and cancels others). */
  moreIcs?: { filename: string; content: string; method: 'PUBLISH' | 'CANCEL' }[];
  /** Other files (a certificate of attendance as PDF), base64 so the outbox row stays JSON. */
  files?: { filename: string; contentType: string; base64: string }[];
}

export interface MailContext {
  network: Network;
  sessionId?: string | null;
  /** The type decides what a price per organisation type asks of this person. */
  participant: { name: string; email: string; organisationType?: string };
  locale: Locale;
  manageUrl?: string;
  position?: number;
  reason?: string;
  /** The person's own calendar feed (https); mentioned where they have a place. */
  calendarUrl?: string;
  /** For 'cancelled': the place passes to someone on the waiting list (see core's freesPlaceForWaitlist). */
  freedPlace?: boolean;
  /** Issue 23: the fee that stands after a cancellation past the free-cancellation term. */
  feeStands?: number;
  /** For 'message': what the organiser wrote; the body keeps its line breaks. */
  message?: { subject: string; body: string };
  /** SEQUENCE and DTSTAMP of the calendar item from the revision history (core's sessionTimeline). */
  timeline?: SessionTimeline;
  /** How often this person withdrew from each session before (core's personalSequence): their items never go down in SEQUENCE. */
  withdrawals?: Readonly<Record<string, number>>;
  /** Whether the person has a place (the online join link is only for them); by the mail's kind otherwise. */
  hasPlace?: boolean;
  /** For a reminder: the person's status, said when they have no place yet. */
  status?: string;
  /** The clock for which sessions are over (the real time by default). */
  now?: Date;
  /** For a withdrawal (cancelled, removed, rejected): the person had calendar items, which a CANCEL takes out again. */
  hadItems?: boolean;
  /** A move to another session: the old session's calendar item, cancelled in the same e-mail. */
  withdrawnSessionId?: string;
  /** A changed choice inside a series (issue 23): the sessions left, whose items are cancelled in the same e-mail. */
  withdrawnSessionIds?: string[];
  /** Inside a series: the person's place per session with places of its own (core's session-places.ts). */
  places?: Record<string, string>;
}

export { hasCalendarItem, organizerOf, replyToOf } from './compose-calendar.js';

/** Writes one e-mail from the translations. Online join links go only to people with a place. */
/** The e-mails that say what taking part costs this person (issue 23): those that give or promise a place. */
const FEE_KINDS = new Set<MailKind>(['confirmed', 'pending', 'accepted', 'promoted']);

export function composeMail(kind: MailKind, ctx: MailContext): MailMessage {
  const m = emailMessages(ctx.locale);
  const { locale } = ctx;
  const hasPlace = ctx.hasPlace ?? (kind === 'confirmed' || kind === 'accepted' || kind === 'promoted' || kind === 'session-moved');
  // An address for participants only (issue 23) goes to people with a place, in the text and in
  // the calendar file alike; someone pending or waiting reads what the public reads.
  const network = networkSeenBy(ctx.network, (id) => hasPlace && ownPlaceIn(ctx.places, id) !== 'waitlisted');
  const session = findSession(network, ctx.sessionId ?? undefined);
  // Names sit between Unicode isolates in the body, so an Arabic or Hebrew name keeps the order of
  // the sentence around it. Not in the Subject: many mail clients show the isolates there as
  // boxes (encoded words are not rendered with bidi), and a subject is one name in one line.
  const subjectTitle = session ? `${session.title} (${network.title})` : network.title;
  const title = session ? `${session.title} (${isolated(network.title)})` : isolated(network.title);
  // A name is whatever the participant typed (or what was stored before today's checks): one
  // line, and nothing a mail client would make a link of, or it reads as a message from us.
  const lines = [m.greeting(isolated(inertLine(ctx.participant.name ?? ''))), ''];
  if (kind === 'message') {
    // The organiser is the sender and may point to a page; each line is still made inert.
    lines.push(m.messageFrom(title), '', ...(ctx.message?.body ?? '').split('\n').map((l) => inertLine(l, { keepLinks: true })));
  } else lines.push(kind === 'waitlisted' ? m.body.waitlisted(title, ctx.position ?? 1) : m.body[kind](title));
  if (kind === 'cancelled' && ctx.freedPlace) lines.push(m.placeToWaitlist);
  const fee = FEE_KINDS.has(kind) ? feeFor(network, ctx.participant.organisationType) : undefined;
  if (fee !== undefined) lines.push('', formMessages(locale).price.yours(feeText(fee, locale, formMessages(locale).price.free)));
  const until = kind === 'cancelled' && ctx.feeStands ? freeCancellationUntil(network, ctx.sessionId) : undefined;
  if (until) lines.push('', m.feeStands(formatDate(locale, new Date(until.getTime() - 1)), network.registration.freeCancellationDaysBefore!, feeText(ctx.feeStands!, locale, '')));
  if (ctx.reason) lines.push('', m.reason(inertLine(ctx.reason, { keepLinks: true })));
  // A series registration hears of the sessions still to come: one that is over is no news
  // (someone who joins halfway would otherwise get a list that starts with last spring).
  const now = ctx.now ?? new Date();
  // Inside a series, not a session the person does not come to; one they wait for says so, without a calendar item.
  const sessions = (session ? [session] : sessionsInOrder(network.sessions).filter((s) => !isSessionPast(s, now))).filter((s) => ownPlaceIn(ctx.places, s.id) !== 'declined');
  if (kind !== 'cancelled' && kind !== 'rejected' && kind !== 'removed' && kind !== 'message' && kind !== 'manage-link') {
    for (const s of sessions) {
      const t = sessionTiming(s);
      if (t.kind === 'tbd' || (s.status === 'cancelled' && kind !== 'session-cancelled')) continue;
      lines.push('', s.title, m.when(sessionWhenText(t, locale)!));
      const waits = ownPlaceIn(ctx.places, s.id) === 'waitlisted';
      const where = venueText(s.venue, locale, isSessionPast(s, now));
      if (where) lines.push(m.where(isolated(where)));
      if (waits) lines.push(m.sessionWaitlisted);
      else if (hasPlace && s.venue && 'joinUrl' in s.venue && s.venue.joinUrl) lines.push(m.joinLink(s.venue.joinUrl));
      // What the calendar item says too (doors open, programme, status note…), from one owner in core.
      const details = sessionDetails(s, locale, isolated);
      if (details.length) lines.push('', details.join('\n\n'));
    }
  }
  const approval = network.registration.approval;
  if (hasPlace && ctx.calendarUrl) lines.push('', m.calendarFeed(ctx.calendarUrl.replace(/^https?:/, 'webcal:'), ctx.calendarUrl));
  if (kind === 'pending') lines.push('', m.pendingNext(isolated(network.contact?.name ?? network.organisers[0]!.name), approval?.contactWithinDays, approval?.workingDays));
  if (kind === 'reminder' && ctx.status === 'waitlisted') lines.push('', m.reminderWaitlisted);
  if (kind === 'reminder' && ctx.status === 'pending') lines.push('', m.reminderPending);
  lines.push('', ctx.manageUrl ? m.manage(ctx.manageUrl) : m.manageNoLink);
  if (kind === 'manage-link') lines.push('', m.notYou);
  if (network.contact?.email) lines.push(m.contact(network.contact.name ? `${isolated(network.contact.name)} (${network.contact.email})` : network.contact.email));
  lines.push('', m.signature(network.organisers.map((o) => isolated(o.name)).join(', ')));
  const subject = kind === 'message' ? inertLine(ctx.message?.subject ?? '', { keepLinks: true }) : m.subject[kind](subjectTitle);
  const message: MailMessage = { to: ctx.participant.email, subject, text: lines.join('\n'), ...replyToOf(network) };
  const sessionIds = sessions.filter((s) => ownPlaceIn(ctx.places, s.id) !== 'waitlisted').map((s) => s.id);
  const timeline = { ...(ctx.timeline && { timeline: ctx.timeline }), ...(ctx.withdrawals && { withdrawals: ctx.withdrawals }) };
  const filename = `${session?.id ?? network.id}.ics`;
  const withdrawal = kind === 'cancelled' || kind === 'removed' || kind === 'rejected';
  const dated = calendarEvents(network, { sessionIds }).length > 0;
  if (withdrawal) {
    // The person's own items go (same UID, SEQUENCE one higher); the sessions themselves stay on.
    if (ctx.hadItems && dated) message.ics = calendarFile(network, filename, 'CANCEL', { sessionIds, locale, ...timeline, cancelled: true, now });
  } else if (kind !== 'waitlisted' && kind !== 'message' && kind !== 'manage-link' && (kind !== 'reminder' || hasCalendarItem(ctx.status)) && dated) {
    // A reminder brings the item up to date for those who have one (a place, or an intake).
    const method = kind === 'session-cancelled' ? 'CANCEL' : 'PUBLISH';
    message.ics = calendarFile(network, filename, method, { sessionIds, locale, ...timeline, ...(hasPlace && { joinLinks: sessionIds }), now });
  }
  const withdrawn = (ctx.withdrawnSessionIds ?? (ctx.withdrawnSessionId ? [ctx.withdrawnSessionId] : [])).filter((id) => calendarEvents(network, { sessionIds: [id] }).length);
  if (withdrawn.length) {
    const file = calendarFile(network, `${withdrawn.length === 1 ? withdrawn[0] : `${network.id}-afgemeld`}.ics`, 'CANCEL', { sessionIds: withdrawn, locale, ...timeline, cancelled: true, now });
    if (message.ics) message.moreIcs = [file];
    else message.ics = file;
  }
  return message;
}

/** One session's change as one person hears of it. */
export interface RevisionMailChange {
  kind: Exclude<RevisionMailKind, 'session-changes'>;
  /** The session as it is now; as it was, when it is removed. */
  session: Session;
  /** The session before this revision: a date no longer fixed is cancelled in calendars as it was. */
  was: Session;
}

/** A session as its calendar item is cancelled: as it is, or for a removed or undated one, as it was. */
const cancelledItem = (c: RevisionMailChange): Session =>
  c.kind === 'session-cancelled' ? c.session : ({ ...c.was, status: 'cancelled' } as Session);

/** The calendar files of a revision e-mail: the updated sessions in a PUBLISH, those that no longer take place in a CANCEL. */
function revisionCalendars(
  changes: RevisionMailChange[],
  network: Network,
  locale: Locale,
  stamps: { timeline?: SessionTimeline; withdrawals?: Readonly<Record<string, number>> },
  hasPlace: (sessionId: string) => boolean,
  now: Date,
): { filename: string; content: string; method: 'PUBLISH' | 'CANCEL' }[] {
  const one = changes.length === 1 ? changes[0]! : undefined;
  const cancels = changes.filter((c) => c.kind === 'session-cancelled' || c.kind === 'session-removed' || c.kind === 'session-undated');
  const updateIds = changes.filter((c) => !cancels.includes(c)).map((c) => c.session.id);
  const files: { filename: string; content: string; method: 'PUBLISH' | 'CANCEL' }[] = [];
  if (updateIds.length && calendarEvents(network, { sessionIds: updateIds }).length) {
    const joinLinks = updateIds.filter(hasPlace);
    files.push(calendarFile(network, `${one ? one.session.id : network.id}.ics`, 'PUBLISH', { sessionIds: updateIds, locale, ...stamps, joinLinks, now }));
  }
  const gone = networkSeenBy({ ...network, sessions: cancels.map(cancelledItem) } as Network, hasPlace);
  if (cancels.length && calendarEvents(gone).length) {
    files.push(calendarFile(gone, `${one ? one.session.id : `${network.id}-cancelled`}.ics`, 'CANCEL', { locale, ...stamps, now }));
  }
  return files;
}

/**
 * The one e-mail a person gets for a saved revision: every change of a session that concerns
 * them, with the calendar items. iTIP (RFC 5546) gives a calendar object one METHOD, and
 * calendar programs read an attachment as one message: updated sessions go in one file
 * (PUBLISH, one event each) and cancelled ones in another (METHOD:CANCEL, same UIDs), so neither
 * kind is lost on a client that reads only the first event or only one method.
 */
export function composeRevisionMail(
  changes: RevisionMailChange[],
  ctx: {
    network: Network;
    participant: { name: string; email: string };
    locale: Locale;
    manageUrl?: string;
    /** Someone registered per session, for several of the changed ones: the link of each registration. */
    manageUrls?: { title: string; url: string }[];
    timeline?: SessionTimeline;
    /** How often this person withdrew from each session before (core's personalSequence). */
    withdrawals?: Readonly<Record<string, number>>;
    /** Whether the person has a place (the online join link is only for them): for all sessions, or per session. */
    hasPlace: boolean | ((sessionId: string) => boolean);
    /** The clock for which sessions are over (the real time by default). */
    now?: Date;
  },
): { kind: RevisionMailKind; message: MailMessage } {
  const hasPlace = (id: string) => (typeof ctx.hasPlace === 'function' ? ctx.hasPlace(id) : ctx.hasPlace);
  const m = emailMessages(ctx.locale);
  const { locale } = ctx;
  const now = ctx.now ?? new Date();
  // As in composeMail: an address for participants only goes to those with a place (issue 23).
  const network = networkSeenBy(ctx.network, hasPlace);
  const seen = (s: Session) => networkSeenBy({ ...network, sessions: [s] }, hasPlace).sessions[0]!;
  const one = changes.length === 1 ? changes[0]! : undefined;
  const kind: RevisionMailKind = one ? one.kind : 'session-changes';
  // As in composeMail: names between isolates in the body, never in the subject.
  const full = (s: Session) => `${s.title} (${network.title})`;
  const inBody = (s: Session) => `${s.title} (${isolated(network.title)})`;
  // A cancelled session that gets its date back takes place after all: not news of a date.
  const reinstated = (c: RevisionMailChange) => c.kind === 'session-dated' && c.was.status === 'cancelled';
  const sentence = (c: RevisionMailChange, title: string) =>
    c.kind === 'session-removed' ? m.changes.removed(title) : c.kind === 'session-undated' ? m.changes.undated(title) : reinstated(c) ? m.changes.reinstated(title) : m.body[c.kind](title);
  const lines = [m.greeting(isolated(inertLine(ctx.participant.name ?? ''))), ''];
  if (one) lines.push(sentence(one, inBody(one.session)));
  else lines.push(m.changes.intro(isolated(network.title)));
  for (const c of changes) {
    const s = seen(c.session);
    if (!one) lines.push('', sentence(c, s.title));
    const wasWhen = sessionWhenText(sessionTiming(c.was), locale);
    if (c.kind === 'session-cancelled' && s.statusNote) lines.push('', m.reason(inertLine(s.statusNote, { keepLinks: true })));
    if (c.kind !== 'session-dated' && c.kind !== 'session-moved' && c.kind !== 'session-venue') {
      // Which meeting it was: a series may have several with one title.
      if (wasWhen) lines.push(m.changes.wasOn(wasWhen));
      continue;
    }
    const t = sessionTiming(s);
    if (t.kind === 'tbd') continue;
    if (one) lines.push('', s.title);
    lines.push(m.when(sessionWhenText(t, locale)!));
    if (c.kind === 'session-moved' && wasWhen) lines.push(m.changes.was(wasWhen));
    const where = venueText(s.venue, locale, isSessionPast(s, now));
    if (where) lines.push(m.where(where));
    if (hasPlace(s.id) && s.venue && 'joinUrl' in s.venue && s.venue.joinUrl) lines.push(m.joinLink(s.venue.joinUrl));
  }
  const files = revisionCalendars(changes, network, locale, { ...(ctx.timeline && { timeline: ctx.timeline }), ...(ctx.withdrawals && { withdrawals: ctx.withdrawals }) }, hasPlace, now);
  if (files.length > 1) lines.push('', m.changes.twoFiles);
  // The other sentences say what their attachment does; a removed session's does not.
  else if (files[0]?.method === 'CANCEL' && changes.some((c) => c.kind === 'session-removed')) lines.push('', m.changes.cancelFile);
  if (ctx.manageUrls && ctx.manageUrls.length > 1) lines.push('', m.changes.manageEach, ...ctx.manageUrls.map((u) => `${u.title}: ${u.url}`));
  else lines.push('', ctx.manageUrl ? m.manage(ctx.manageUrl) : m.manageNoLink);
  if (network.contact?.email) lines.push(m.contact(network.contact.name ? `${isolated(network.contact.name)} (${network.contact.email})` : network.contact.email));
  lines.push('', m.signature(network.organisers.map((o) => isolated(o.name)).join(', ')));
  const subject = !one
    ? m.changes.subject(network.title)
    : one.kind === 'session-removed'
      ? m.changes.removedSubject(full(one.session))
      : one.kind === 'session-undated'
        ? m.changes.undatedSubject(full(one.session))
        : reinstated(one)
          ? m.changes.reinstatedSubject(full(one.session))
          : m.subject[one.kind](full(one.session));
  const message: MailMessage = { to: ctx.participant.email, subject, text: lines.join('\n'), ...replyToOf(network) };
  const [first, ...more] = files;
  if (first) message.ics = { filename: first.filename, content: first.content, ...(first.method === 'CANCEL' && { method: 'CANCEL' as const }) };
  if (more.length) message.moreIcs = more;
  return { kind, message };
}

/** The e-mail to a person who attended a session: its report is online. */
export function composeReportMail(
  report: { title: string; url?: string; type?: Resource['type'] },
  ctx: { network: Network; session: Session; participant: { name: string; email: string }; locale: Locale; manageUrl?: string },
): MailMessage {
  const m = emailMessages(ctx.locale);
  const { network, session } = ctx;
  const title = `${session.title} (${network.title})`;
  // A report, a recording, a publication…: each said as what it is.
  const type = report.type && report.type !== 'report' ? report.type : undefined;
  const intro = type ? m.changes.resource[type] : m.changes.report;
  const lines = [m.greeting(isolated(inertLine(ctx.participant.name ?? ''))), '', intro(`${session.title} (${isolated(network.title)})`), '', inertLine(report.title, { keepLinks: true })];
  if (report.url) lines.push(report.url);
  lines.push('', ctx.manageUrl ? m.manage(ctx.manageUrl) : m.manageNoLink);
  if (network.contact?.email) lines.push(m.contact(network.contact.name ? `${isolated(network.contact.name)} (${network.contact.email})` : network.contact.email));
  lines.push('', m.signature(network.organisers.map((o) => isolated(o.name)).join(', ')));
  return { to: ctx.participant.email, subject: (type ? m.changes.resourceSubject[type] : m.changes.reportSubject)(title), text: lines.join('\n'), ...replyToOf(ctx.network) };
}

// What organisers and sign-ins get: compose-organiser.ts (kept apart to keep this file small).
export { composeLateCancelMail, composeOrganiserMail, composeSignInMail, type OrganiserMailKind, type OrganiserNews } from './compose-organiser.js';
