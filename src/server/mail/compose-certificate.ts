/** The e-mail that carries a certificate of attendance (issue 24) as a PDF attachment. */
import { certificateMessages, emailMessages, inertLine, isolated, type Locale, type Network } from '../../core/index.js';
import { replyToOf, type MailMessage } from './compose.js';

export function composeCertificateMail(
  network: Network,
  ctx: { participant: { name: string; email: string }; locale: Locale; manageUrl?: string; pdf: Uint8Array; fileName: string },
): MailMessage {
  const m = emailMessages(ctx.locale);
  const c = certificateMessages(ctx.locale);
  const lines = [m.greeting(isolated(inertLine(ctx.participant.name ?? ''))), '', c.mail.body(isolated(network.title)), ''];
  lines.push(ctx.manageUrl ? m.manage(ctx.manageUrl) : m.manageNoLink);
  if (network.contact?.email) lines.push(m.contact(network.contact.name ? `${isolated(network.contact.name)} (${network.contact.email})` : network.contact.email));
  lines.push('', m.signature(network.organisers.map((o) => isolated(o.name)).join(', ')));
  return {
    to: ctx.participant.email,
    subject: c.mail.subject(network.title),
    text: lines.join('\n'),
    ...replyToOf(network),
    files: [{ filename: ctx.fileName, contentType: 'application/pdf', base64: Buffer.from(ctx.pdf).toString('base64') }],
  };
}
