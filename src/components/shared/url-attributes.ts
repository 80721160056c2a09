/**
 * Attributes whose value is a URL an element links to or loads. Each is used only when
 * `isSafeUrl` accepts it, whether it was set on the element or copied from a CMS placeholder.
 * A module of its own: the up-front loader needs it, and nothing else of the elements.
 */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['src', 'api', 'session-link', 'signup-href']);

/**
 * Tells the site's developer which attribute was ignored, never its value (which may hold a
 * token or an address), and returns the sentence for a load error.
 */
export function warnUnsafeUrl(where: string, attribute: string): string {
  const message = `leerkring: ${attribute} on ${where} is not an http(s) or relative URL, so it is ignored`;
  console.warn(message);
  return message;
}
