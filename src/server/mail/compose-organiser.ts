/**
 * The e-mails to organisers (a new registration, the day's digest) and their sign-in link, split
 * from compose.ts (which re-exports them) to keep each file small; the same catalogue, core only.
 */
import { emailMessages, feeText, findSession, formatDate, inertLine, isolated, type Locale, type Network } from '../../core/index.js';
import { startOfAmsterdamDay } from '../../core/time.js';
import type { MailMessage } from './compose.js';

export type OrganiserMailKind = 'organiser-new' | 'organiser-digest';

/** A new registration as organisers hear of it: who and from where, never their answers. */
export interface OrganiserNews {
  network: Network;
  sessionId: string | null;
  participant: { name: string; organisation?: string };
  /** How many people a workshop request is for, where the form asked. */
  groupSize?: number | null;
  status: 'confirmed' | 'waitlisted' | 'pending' | 'cancelled' | 'rejected';
}

/** The console's page of a network for this registration: intakes for a pending one, the list otherwise. */
function consolePage(consoleUrl: string, networkId: string, status: OrganiserNews['status']): string {
  return `${consoleUrl}#/netwerk/${encodeURIComponent(networkId)}/${status === 'pending' ? 'intake' : 'aanmeldingen'}`;
}

function newsLines(m: ReturnType<typeof emailMessages>['organiser'], news: OrganiserNews): string[] {
  const session = findSession(news.network, news.sessionId ?? undefined);
  const lines = [m.name(isolated(inertLine(news.participant.name ?? '')))];
  if (news.participant.organisation) lines.push(m.organisation(isolated(inertLine(news.participant.organisation))));
  if (typeof news.groupSize === 'number') lines.push(m.groupSize(news.groupSize));
  if (session) lines.push(session.title);
  lines.push(m.status[news.status]);
  return lines;
}

/**
 * E-mail to an organiser: one new registration ('organiser-new'), or the day's new
 * registrations over their networks ('organiser-digest', with `day` as an Amsterdam date).
 */
export function composeOrganiserMail(
  kind: OrganiserMailKind,
  ctx: { to: { email: string; name: string }; locale: Locale; consoleUrl: string; news: OrganiserNews[]; day?: string },
): MailMessage {
  const m = emailMessages(ctx.locale).organiser;
  const lines = [m.greeting(ctx.to.name ? isolated(inertLine(ctx.to.name)) : ''), ''];
  let subject: string;
  if (kind === 'organiser-new' && ctx.news.length === 1) {
    const news = ctx.news[0]!;
    const intake = news.status === 'pending';
    subject = (intake ? m.subjectIntake : m.subject)(news.network.title);
    lines.push((intake ? m.bodyIntake : m.body)(isolated(news.network.title)), '', ...newsLines(m, news), '', m.open(consolePage(ctx.consoleUrl, news.network.id, news.status)));
  } else {
      const day = ctx.day ? formatDate(ctx.locale, startOfAmsterdamDay(ctx.day)) : '';
    subject = kind === 'organiser-new' ? m.batchSubject(ctx.news.length) : m.digestSubject(day);
    lines.push(kind === 'organiser-new' ? m.batchBody(ctx.news.length) : m.digestBody(day));
    const networks = [...new Set(ctx.news.map((n) => n.network))];
    for (const network of networks) {
      const items = ctx.news.filter((n) => n.network === network);
      lines.push('', m.digestNetwork(isolated(network.title), items.length));
      for (const item of items) lines.push('', ...newsLines(m, item));
      lines.push('', m.open(consolePage(ctx.consoleUrl, network.id, items.some((i) => i.status === 'pending') ? 'pending' : 'confirmed')));
    }
  }
  lines.push('', m.why, '', m.signature);
  return { to: ctx.to.email, subject, text: lines.join('\n') };
}

/** An organiser's sign-in e-mail, from the e-mail catalogue; the link works for `minutes` minutes. */
export function composeSignInMail(to: string, link: string, locale: Locale, minutes: number): MailMessage {
  const m = emailMessages(locale).signIn;
  return { to, subject: m.subject, text: [m.body(minutes), '', link, '', m.notYou].join('\n') };
}

/** Issue 23: the organisers hear of a cancellation after the free-cancellation term, with the fee that stands (for the invoice). */
export function composeLateCancelMail(to: string, network: Network, sessionTitle: string | undefined, participant: { name: string; organisation?: string }, fee: number): MailMessage {
  const m = emailMessages('nl').organiser;
  const title = sessionTitle ? `${sessionTitle} (${network.title})` : network.title;
  const lines = [m.greeting(''), '', m.lateCancel(isolated(title), feeText(fee, 'nl', '')), '', m.name(isolated(inertLine(participant.name ?? '')))];
  if (participant.organisation) lines.push(m.organisation(isolated(inertLine(participant.organisation))));
  lines.push('', m.signature);
  return { to, subject: m.lateCancelSubject(title), text: lines.join('\n') };
}
