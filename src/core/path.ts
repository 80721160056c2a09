/**
 * A JSON path as people read it. On its own, so that the form's checks (which only name fields)
 * do not pull the document validator's problem sentences into the form's chunk.
 */

/** Formats a path array as `sessions[2].venue.city`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

