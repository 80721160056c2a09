/**
 * JSON with object keys in a fixed order and undefined fields left out, so equal values give
 * equal text however they were written: for comparing venues, hashing documents and
 * registrations. One owner for the core and the server.
 * @example canonicalJson({ b: 1, a: [2, { d: undefined, c: 3 }] }) // '{"a":[2,{"c":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
