/**
 * The one place that writes script text: the JSON-LD for search engines. Under a
 * `require-trusted-types-for 'script'` policy this goes through a Trusted Types policy named
 * "leerkring" that only ever receives JSON made by `JSON.stringify`.
 */
interface TrustedTypePolicyLike {
  createScript(input: string): unknown;
}
let policy: TrustedTypePolicyLike | null | undefined;

function getPolicy(): TrustedTypePolicyLike | null {
  if (policy !== undefined) return policy;
  const tt = (globalThis as unknown as { trustedTypes?: { createPolicy(name: string, rules: object): TrustedTypePolicyLike } }).trustedTypes;
  try {
    policy = tt ? tt.createPolicy('leerkring', { createScript: (s: string) => s }) : null;
  } catch {
    policy = null; // the page's CSP does not allow the policy name; JSON-LD is then left out
  }
  return policy;
}

/** Serialises data as JSON that cannot close the script element it sits in. */
export function safeJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Creates `<script type="application/ld+json">` with the given data, or null if the page forbids it. */
export function jsonLdScript(data: unknown): HTMLScriptElement | null {
  const script = document.createElement('script');
  script.type = 'application/ld+json';
  const text = safeJson(data);
  const p = getPolicy();
  const tt = (globalThis as { trustedTypes?: unknown }).trustedTypes;
  try {
    (script as unknown as { textContent: unknown }).textContent = p ? p.createScript(text) : tt ? null : text;
  } catch {
    return null;
  }
  return script.textContent ? script : null;
}
