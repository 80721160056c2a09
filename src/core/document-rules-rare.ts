/**
 * Rules of fields few documents use (reserved places, codes limited to sessions, issue 23). They
 * fire only where such a field is present, and the lean check leaves every such document to the
 * full validator (scripts/network-check.ts, RARE), so only the zod schema runs them: pages that
 * check their own document do not download them.
 */
import { isRecord, type AddIssue } from './document-rules.js';

export function rareRules(n: Record<string, unknown>, add: AddIssue): void {
  const sessions = Array.isArray(n.sessions) ? n.sessions : [];
  const r = isRecord(n.registration) ? n.registration : {};
  reservedRules(sessions, r, add);
  codeSessionRules(sessions, r, add);
}

/**
 * Reserved places (issue 23, reserved-places.ts): for somebody (organisations or types), on top of
 * a capacity; on a session only where people register per session.
 */
function reservedRules(sessions: unknown[], r: Record<string, unknown>, add: AddIssue): void {
  const perSession = r.scope === 'session';
  const check = (x: unknown, capacity: unknown, path: PropertyKey[]) => {
    if (!isRecord(x)) return;
    const some = (v: unknown) => Array.isArray(v) && v.length > 0;
    if (!some(x.organisations) && !some(x.organisationTypes)) add('reserved-for-nobody', path);
    if (capacity === undefined) add('reserved-without-capacity', path);
  };
  check(r.reservedPlaces, r.capacity, ['registration', 'reservedPlaces']);
  sessions.forEach((s, i) => {
    if (!isRecord(s) || s.reservedPlaces === undefined) return;
    if (!perSession) add('reserved-per-session-only', ['sessions', i, 'reservedPlaces']);
    else check(s.reservedPlaces, s.capacity ?? r.capacity, ['sessions', i, 'reservedPlaces']);
  });
}

/** A code limited to sessions (issue 23) names sessions of the document, where people register per session. */
function codeSessionRules(sessions: unknown[], r: Record<string, unknown>, add: AddIssue): void {
  const inv = r.invitation;
  const ids = sessions.map((s) => (isRecord(s) ? s.id : undefined));
  if (isRecord(inv) && Array.isArray(inv.codes))
    inv.codes.forEach((c, i) => {
      if (!isRecord(c) || !Array.isArray(c.sessions)) return;
      const at = ['registration', 'invitation', 'codes', i, 'sessions'];
      if (r.scope !== 'session') add('code-sessions-per-session-only', at);
      else c.sessions.forEach((id, j) => !ids.includes(id) && add('code-unknown-session', [...at, j]));
    });
}
