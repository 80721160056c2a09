/**
 * Whether a URL may become a link (`href`) or a fetch target: the one owner of that rule. The
 * schema checks document URLs with it, and the elements check every URL they render or load
 * with it, whether it came from a document, an API, an attribute or a CMS placeholder.
 *
 * Written as plain string rules, not with `new URL()`: core has no DOM, and the question is
 * not "can this be parsed" but "which scheme will a browser see", which is decided by the
 * first characters alone. A browser strips leading control characters and spaces and drops
 * tabs and newlines anywhere before it reads the scheme (`" java\tscript:"` is
 * `javascript:`); such characters are refused outright instead of being imitated.
 */

export interface SafeUrlOptions {
  /**
   * Also accept relative references (`/agenda`, `aanmelden.html`, `#aanmelden`, `?id=1`, and
   * the empty reference, the page itself). True by default; the schema sets it to false.
   * Protocol-relative `//host/path` is accepted too: it keeps the page's own scheme, so it is
   * http(s) on any page that runs these elements, and refusing it would not refuse any host
   * that `https://host/path` does not already reach.
   */
  relative?: boolean;
  /** Also accept `mailto:` to one plain address; only for links the element builds itself. */
  mailto?: boolean;
}

/** Whitespace (Unicode too), control and invisible format characters, and backslashes, which browsers read as "/". */
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\\]/u;
/** How a browser's URL parser recognises a scheme: a letter, then letters, digits, "+", "-" or ".", then ":". */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** http(s) needs "//" and a host; "http:evil" and "https:///path" are refused. */
const HTTP = /^https?:\/\/(?:[^/?#@]*@)?[^/?#@]+(?:[/?#]|$)/i;
/** Protocol-relative needs a host as well ("//" alone is no URL at all). */
const PROTOCOL_RELATIVE = /^\/\/(?:[^/?#@]*@)?[^/?#@]+(?:[/?#]|$)/;
/** An encoded colon before a relative reference's path or query: a scheme in disguise for anything that decodes it later. */
const ENCODED_COLON = /%3a|&#0*58|&#x0*3a|&colon/i;
/** One address, without anything that would add a header or another recipient ("?", "&", ","). */
const ADDRESS = String.raw`[^\s@<>()",;:?&#%/\\]+@[^\s@<>()",;:?&#%/\\]+\.[^\s@<>()",;:?&#%/\\]+`;
const MAILTO = new RegExp(String.raw`^mailto:${ADDRESS}(?:\?.*)?$`, 'i');
const PLAIN_ADDRESS = new RegExp(`^${ADDRESS}$`);

/**
 * True when `value` is a URL that can be rendered as a link without running script: an
 * absolute `http:`/`https:` URL, or (unless `relative: false`) a relative reference, or (with
 * `mailto: true`) a `mailto:` to one address. `javascript:`, `data:`, `vbscript:`, any other
 * scheme and every disguise of one are refused.
 *
 * @example
 * isSafeUrl('https://www.gemeente.nl/agenda') // true
 * isSafeUrl('#aanmelden')                     // true
 * isSafeUrl('JaVaScRiPt:alert(1)')            // false
 * isSafeUrl('/agenda', { relative: false })   // false
 */
export function isSafeUrl(value: unknown, options: SafeUrlOptions = {}): value is string {
  if (typeof value !== 'string' || FORBIDDEN.test(value)) return false;
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return HTTP.test(value);
  if (scheme === 'mailto') return options.mailto === true && MAILTO.test(value);
  if (scheme !== undefined || options.relative === false) return false;
  if (value.startsWith('//')) return PROTOCOL_RELATIVE.test(value);
  // A colon in the first segment would have made it a scheme (caught above) unless a character
  // before it is not allowed in one ("1javascript:", "java%0ascript:"); refuse that look-alike too.
  const head = value.split(/[/?]/, 1)[0]!;
  return !ENCODED_COLON.test(head) && !head.split('#', 1)[0]!.includes(':');
}

/** The URL itself when it is safe (see `isSafeUrl`), otherwise undefined: for `href=${safeUrl(url) ?? nothing}`-style use. */
export function safeUrl(value: unknown, options?: SafeUrlOptions): string | undefined {
  return isSafeUrl(value, options) ? value : undefined;
}

/** A `mailto:` link to one plain address, or undefined when the address could smuggle in more. */
export function mailtoUrl(address: unknown): string | undefined {
  return typeof address === 'string' && PLAIN_ADDRESS.test(address) ? `mailto:${address}` : undefined;
}
