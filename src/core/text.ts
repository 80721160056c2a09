/**
 * Text people type, made fit to store, to show and to send. One owner for what a name, an
 * organisation, an answer or an e-mail address may contain: the form and the server both get
 * here through `checkRegistration`, and e-mails pass personal values through `inertLine`. (A
 * network document is an editor's text, not a visitor's: the schema refuses what these repair.)
 */

/** Why a text cannot be taken as it is. */
export type TextFault = 'unstorable' | 'control' | 'bidi' | 'invisible' | 'space' | 'link';

export type TextResult = { ok: true; value: string } | { ok: false; fault: TextFault };

// Every pattern is a literal: this module is in the bundle every page loads, and a literal
// that nothing uses is left out of it (a `new RegExp` is kept, in case it has effects).
// No lookbehind either: older Safari cannot parse it.

export { LONE_SURROGATE } from './lone-surrogate.js';
// NUL or a lone surrogate: PostgreSQL refuses both, and nobody types them.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 and C1 control characters and DEL.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_ALL = /[\u0000-\u001F\u007F-\u009F]+/g;
const CONTROL_BUT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Bidi embeddings, overrides and isolates: they make text show in another order than it is stored.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_ALL = /[\u202A-\u202E\u2066-\u2069]/g;
// Direction marks belong in right-to-left text; in a Latin name they only hide something.
const MARKS = /[\u200E\u200F\u061C]/;
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
// Whitespace people paste, line breaks included (vertical tab and form feed are controls here).
const SPACES = /[\t\n\r\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000 ]+/g;
// Invisible characters that carry no meaning in one line of text; left in, they make two
// spellings of one organisation. Zero-width (non-)joiners stay: scripts and emoji need them.
const INVISIBLE_NOISE = /[\u00AD\u200B\u2060\uFEFF]/g;
// What shows nothing: format characters, spaces, fillers that look like letters, variation selectors.
const NOTHING_TO_SEE = /[\p{Cf}\p{Z}\s\u115F\u1160\u3164\uFFA0\u034F\u17B4\u17B5\u2800\uFE00-\uFE0F]/gu;
const FORMAT_OR_SPACE = /[\p{Cf}\p{Z}\s]/u;
// Something a mail client or browser turns into a link: a scheme, "www.", or a domain with a path.
const LINK = /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|[a-z0-9-]+\.[a-z]{2,}\//i;
// A word a mail client would make a link of: "evil.example", "x@y.nl", "www.x", "a://b"; not "J.R.".
const LINKISH = /:\/\/|^www\.|[\p{L}\p{N}_-]\.\p{L}{2,}/iu;

function common(s: string): TextFault | undefined {
  if (UNSTORABLE.test(s)) return 'unstorable';
  if (CONTROL.test(s)) return 'control';
  if (BIDI.test(s) || (MARKS.test(s) && !RTL_LETTER.test(s))) return 'bidi';
  return undefined;
}

/** False for text PostgreSQL cannot hold in text or jsonb: NUL, or half a surrogate pair. */
export function isStorable(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** True when nothing would show: only spaces and invisible characters (or nothing at all). */
export function isBlank(s: string): boolean {
  return s.replace(NOTHING_TO_SEE, '') === '';
}

/**
 * A one-line value (a name, an organisation, a short answer): NFC, every run of whitespace
 * and line breaks one space, invisible noise removed, trimmed. Refuses what cannot be stored,
 * control characters, bidi controls, and text with nothing visible in it. Empty stays empty.
 * @example
 * lineText(' Rene\u0301\r\nde  Vries') // { ok: true, value: 'René de Vries' }
 */
export function lineText(raw: string, options: { noLinks?: boolean } = {}): TextResult {
  if (UNSTORABLE.test(raw)) return { ok: false, fault: 'unstorable' };
  const spaced = raw.normalize('NFC').replace(SPACES, ' ').trim();
  if (spaced && isBlank(spaced)) return { ok: false, fault: 'invisible' };
  const value = spaced.replace(INVISIBLE_NOISE, '').replace(SPACES, ' ').trim();
  const fault = common(value) ?? (options.noLinks && LINK.test(value) ? 'link' : undefined);
  return fault ? { ok: false, fault } : { ok: true, value };
}

/**
 * Free text over several lines (a long answer): NFC, line breaks kept as "\n" (at most one
 * empty line in a row), other control characters and bidi controls removed, trimmed.
 * Refuses only what cannot be stored.
 */
export function freeText(raw: string): TextResult {
  if (UNSTORABLE.test(raw)) return { ok: false, fault: 'unstorable' };
  const value = raw
    .normalize('NFC')
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(CONTROL_BUT_TAB_AND_NEWLINE, '')
    .replace(BIDI_ALL, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { ok: true, value: isBlank(value) ? '' : value };
}

/**
 * An e-mail address: NFC and trimmed; nothing inside it that does not show (spaces,
 * zero-width or other format characters), no control characters. Its form is checked elsewhere.
 */
export function emailText(raw: string): TextResult {
  if (UNSTORABLE.test(raw)) return { ok: false, fault: 'unstorable' };
  const value = raw.normalize('NFC').trim();
  if (CONTROL.test(value)) return { ok: false, fault: 'control' };
  if (FORMAT_OR_SPACE.test(value)) return { ok: false, fault: 'space' };
  return { ok: true, value };
}

/**
 * A value a person typed, for a plain-text e-mail or any other place where it must stay one
 * inert line: whatever it holds (data stored before these rules too), it comes out on one
 * line, without controls, and no mail client makes a link of it. Dots in anything that looks
 * like a web or e-mail address become "[.]" and "://" becomes "[:]//" (the usual way to write
 * a defused address, readable by people, not clickable): "https[:]//evil[.]example/login".
 * `keepLinks` is for text from an organiser, who is the sender and may point to a page.
 */
export function inertLine(raw: string, options: { keepLinks?: boolean } = {}): string {
  const line = Array.from(raw, (c) => (c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '\uFFFD' : c))
    .join('')
    .normalize('NFC')
    .replace(CONTROL_ALL, ' ')
    .replace(BIDI_ALL, '')
    .replace(INVISIBLE_NOISE, '')
    .replace(SPACES, ' ')
    .trim();
  return options.keepLinks ? line : line.replace(/\S+/g, (word) => (LINKISH.test(word) ? word.replace(/:\/\//g, '[:]//').replace(/\./g, '[.]') : word));
}

/**
 * A name from a document or a registration in plain text (an e-mail body), between Unicode
 * isolates (U+2068 FSI … U+2069 PDI), so an Arabic or Hebrew name keeps the punctuation and the
 * order of what surrounds it. Embeddings and isolates inside it are dropped: none may leak out.
 */
export function isolated(name: string): string {
  return `\u2068${name.replace(BIDI_ALL, '')}\u2069`;
}
