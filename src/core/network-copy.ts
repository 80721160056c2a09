/**
 * A copy of a network document for a next round (issue 24): its sessions' dates and the
 * registration window shift by `days`, cancelled statuses and reports of the old round are
 * dropped, registration is closed until the owner opens it again, and the copy is a draft (not
 * public) under its own title until the owner publishes it.
 */
type Doc = Record<string, unknown>;

const DAY = 86_400_000;

/** Shifts "2026-03-12" or "2026-03-12T19:30…" by whole days, keeping the wall time and any offset. */
export function shiftDate(value: unknown, days: number): unknown {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  return new Date(d.getTime() + days * DAY).toISOString().slice(0, 10) + value.slice(10);
}

export function copyForNextRound(source: Doc, id: string, days: number, title?: string): Doc {
  const doc = JSON.parse(JSON.stringify(source)) as Doc;
  doc.id = id;
  if (title !== undefined) doc.title = title;
  doc.draft = true;
  const sessions = Array.isArray(doc.sessions) ? (doc.sessions as Doc[]) : [];
  doc.sessions = sessions.map((s) => {
    const { status: _status, statusNote: _note, resources: _resources, ...rest } = s;
    for (const k of ['start', 'end', 'date'] as const) if (rest[k] !== undefined) rest[k] = shiftDate(rest[k], days);
    return rest;
  });
  const registration = { ...((doc.registration as Doc | undefined) ?? {}) };
  for (const k of ['opens', 'closes'] as const) if (registration[k] !== undefined) registration[k] = shiftDate(registration[k], days);
  registration.mode = 'closed';
  delete registration.url;
  doc.registration = registration;
  return doc;
}
