/** The e-mail that asks someone who came to a session for their feedback (issue 24). */
import { emailMessages, feedbackMessages, inertLine, isolated, type Locale, type Network, type Session } from '../../core/index.js';
import { replyToOf, type MailMessage } from './compose.js';

export function composeFeedbackMail(network: Network, session: Session, ctx: { participant: { name: string; email: string }; locale: Locale; link: string }): MailMessage {
  const m = emailMessages(ctx.locale);
  const f = feedbackMessages(ctx.locale).mail;
  const title = `${session.title} (${isolated(network.title)})`;
  const lines = [m.greeting(isolated(inertLine(ctx.participant.name ?? ''))), '', f.body(title), '', f.link(ctx.link)];
  if (network.contact?.email) lines.push('', m.contact(network.contact.name ? `${isolated(network.contact.name)} (${network.contact.email})` : network.contact.email));
  lines.push('', m.signature(network.organisers.map((o) => isolated(o.name)).join(', ')));
  return { to: ctx.participant.email, subject: f.subject(`${session.title} (${network.title})`), text: lines.join('\n'), ...replyToOf(network) };
}
