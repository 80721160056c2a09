/**
 * A participant's e-mail written as MIME in one pass (issue 28), instead of through nodemailer's
 * MailComposer, whose streams per MIME part cost more CPU than the rest of a registration's mail.
 * The encoding itself stays nodemailer's (headers through its MimeNode.encodeHeaderValue and
 * foldLines, the body through its quoted-printable encoder): this file only lays the parts out.
 * A session's calendar part is the same for everyone in it, so it is encoded once and reused.
 *
 * Only the shape the mailer sends is written: plain addresses, one text body, attachments. A
 * message outside it (an address with a name or non-ASCII) gets undefined, and the mailer lets
 * nodemailer compose it as before.
 */
import { randomUUID } from 'node:crypto';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import MimeNode from 'nodemailer/lib/mime-node';

/** One attachment as the mailer gives it: a calendar as text, another file as a Buffer. */
export interface MimeAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

export interface MimeMessage {
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  attachments: MimeAttachment[];
}

/** nodemailer's own header encoding (RFC 2047 encoded words, punycode for addresses), from one node. */
const headerNode = new MimeNode() as unknown as { encodeHeaderValue(key: string, value: string): string };

/** A header line as nodemailer writes it: encoded, then folded at 76 characters. */
const header = (key: string, value: string) => mimeFuncs.foldLines(`${key}: ${headerNode.encodeHeaderValue(key, value)}`, 76);

/** An address written as it is: printable ASCII, one @, nothing a header would read as structure. */
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/;

/** Base64 in lines of 76 characters, CRLF between them. */
const base64Lines = (content: string | Buffer) => (Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8')).toString('base64').replace(/.{76}(?=.)/g, '$&\r\n');

/** A part's headers and body, without its boundary line. */
function attachmentPart(a: MimeAttachment): string {
  const type = mimeFuncs.parseHeaderValue(a.contentType);
  type.params.name = a.filename;
  return [
    mimeFuncs.foldLines(`Content-Type: ${mimeFuncs.buildHeaderValue(type)}`, 76),
    'Content-Transfer-Encoding: base64',
    mimeFuncs.foldLines(`Content-Disposition: ${mimeFuncs.buildHeaderValue({ value: 'attachment', params: { filename: a.filename } })}`, 76),
    '',
    base64Lines(a.content),
  ].join('\r\n');
}

/** Calendar parts encoded before, by type, name and content: the last PARTS_KEPT kept. */
const parts = new Map<string, string>();
const PARTS_KEPT = 64;
let partsEncoded = 0;

/** How many calendar parts were encoded (not taken from those kept) since the process started; for tests. */
export const calendarPartsEncoded = () => partsEncoded;

/** A calendar's part, encoded once for everyone who gets the same calendar; other files each time. */
function cachedPart(a: MimeAttachment): string {
  if (typeof a.content !== 'string') return attachmentPart(a);
  const key = `${a.contentType}\n${a.filename}\n${a.content}`;
  let part = parts.get(key);
  if (part === undefined) {
    part = attachmentPart(a);
    partsEncoded++;
    if (parts.size >= PARTS_KEPT) parts.delete(parts.keys().next().value!);
    parts.set(key, part);
  }
  return part;
}

/** The text body: CRLF line ends, quoted-printable in lines of at most 76 characters. */
const textPart = (text: string) =>
  ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', qp.wrap(qp.encode(text.replace(/\r?\n|\r/g, '\r\n')), 76)].join('\r\n');

/** A mailer's From: its header line, and the address for the envelope and the Message-ID's domain. */
export interface Sender {
  line: string;
  address: string;
}

/** The From header of a mailer, encoded once. */
export function sender(from: string, address: string): Sender {
  return { line: header('From', from), address };
}

/**
 * The whole message as it goes to SMTP or into an .eml file: CRLF line ends, no line over 78
 * characters outside a body (76 in bodies), a Message-ID and Date; undefined for a message this
 * writer does not take (see above).
 */
export function writeMime(from: Sender, message: MimeMessage, date = new Date()): string | undefined {
  if (!PLAIN_ADDRESS.test(message.to) || (message.replyTo !== undefined && !PLAIN_ADDRESS.test(message.replyTo))) return undefined;
  const id = randomUUID();
  const domain = from.address.split('@').pop() || 'localhost';
  const head = [
    from.line,
    `To: ${message.to}`,
    ...(message.replyTo ? [`Reply-To: ${message.replyTo}`] : []),
    header('Subject', message.subject),
    `Message-ID: <${id}@${domain}>`,
    `Date: ${date.toUTCString().replace(/GMT/, '+0000')}`,
    'MIME-Version: 1.0',
  ];
  if (!message.attachments.length) return `${head.join('\r\n')}\r\n${textPart(message.text)}\r\n`;
  // Unique per message (a random UUID): no part can hold it by chance, and base64 has no "_" at all.
  const boundary = `--_leerkring_${id}`;
  const body = [textPart(message.text), ...message.attachments.map(cachedPart)].map((p) => `--${boundary}\r\n${p}\r\n`).join('');
  return `${head.join('\r\n')}\r\nContent-Type: multipart/mixed;\r\n boundary="${boundary}"\r\n\r\n${body}--${boundary}--\r\n`;
}
