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
}

/** Whitespace (Unicode too), control and invisible format characters, and backslashes, which browsers read as "/". */
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\\]/u;
/** http(s) or protocol-relative, with a host: "http:evil", "https:///path" and "//" alone do not match. */
const WITH_HOST = /^(https?:)?\/\/(?:[^/?#@]*@)?[^/?#@]+(?:[/?#]|$)/i;
/**
 * Anything else with a colon before its path, query or fragment has a scheme (`javascript:`,
 * `data:`), or would have one after decoding (`javascript&#58;`, `javascript%3A`), or is a
 * look-alike a browser reads as a path (`1javascript:`); and "//" without a host is no URL.
 */
const SCHEME_OR_DISGUISE = /^(?:[^/?#]*:|\/\/|[^/?]*(?:%3a|&#0*58|&#x0*3a|&colon))/i;
/** One address, without anything that would add a header or another recipient ("?", "&", ","). */
const ADDRESS = /^[^\s@<>()",;:?&#%/\\]+@[^\s@<>()",;:?&#%/\\]+\.[^\s@<>()",;:?&#%/\\]+$/;

/**
 * True when `value` is a URL that can be rendered as a link or fetched without running script:
 * an absolute `http:`/`https:` URL or (unless `relative: false`) a relative reference.
 * `javascript:`, `data:`, `vbscript:`, any other scheme and every disguise of one are refused.
 * A `mailto:` link is never taken from data: an element builds it with `mailtoUrl`.
 *
 * @example
 * isSafeUrl('https://www.gemeente.nl/agenda') // true
 * isSafeUrl('#aanmelden')                     // true
 * isSafeUrl('JaVaScRiPt:alert(1)')            // false
 * isSafeUrl('/agenda', { relative: false })   // false
 *
 * Returns `boolean`, not `value is string`: a false answer for a string must not narrow it away.
 */
export function isSafeUrl(value: unknown, { relative = true }: SafeUrlOptions = {}): boolean {
  if (typeof value !== 'string' || FORBIDDEN.test(value)) return false;
  const host = WITH_HOST.exec(value);
  if (host) return relative || !!host[1];
  return relative && !SCHEME_OR_DISGUISE.test(value);
}

/**
 * The shape of a web address in a network document: absolute http(s), nothing blank in it. The
 * schema checks it with this pattern (so the generated JSON Schema carries it) and then with
 * `isSafeUrl`; `isDocumentUrl` asks both, for forms that check an address before it is sent.
 */
export const DOCUMENT_URL_PATTERN = /^https?:\/\/[^\s]+$/;

/** Whether a network document accepts `value` as a web address (a report, a venue's page, a registration form): the schema's rule. */
export function isDocumentUrl(value: unknown): boolean {
  return typeof value === 'string' && DOCUMENT_URL_PATTERN.test(value) && isSafeUrl(value, { relative: false });
}

/** The URL itself when it is safe (see `isSafeUrl`), otherwise undefined. */
export function safeUrl(value: unknown, options?: SafeUrlOptions): string | undefined {
  return isSafeUrl(value, options) ? (value as string) : undefined;
}

/** A `mailto:` link to one plain address, or undefined when the address could smuggle in more (a header, a recipient, a scheme). */
export function mailtoUrl(address: unknown): string | undefined {
  return typeof address === 'string' && ADDRESS.test(address) ? `mailto:${address}` : undefined;
}
