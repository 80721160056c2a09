/**
 * What an organiser takes out of the console: the registrations as spreadsheet rows, and the
 * list people sign at the door. The words and formats are decided here once, so that the
 * server's CSV and the console's views say the same; turning rows into CSV bytes is the
 * server's (src/server/csv.ts).
 */
import type { Network, OrganisationType, Question, Session } from './schema.js';
import { formatDate, type Locale } from './i18n/format.js';
import { messages } from './i18n/messages.js';
import { consoleMessages } from './i18n/console.js';
import { fieldUse, registrationScope, type FieldName } from './policy.js';
import { isSessionPast, sessionTiming, sessionsInOrder } from './session-time.js';
import { amsterdamClock, amsterdamDate } from './time.js';
import { venueText } from './calendar-event.js';
import { feeFor } from './price.js';
import { formMessages } from './i18n/form.js';

/**
 * A registration as the organiser API lists it (`AdminRegistration`), reduced to what an export
 * reads. `note` is optional: the note column appears only when the data carries notes.
 */
export interface ExportRegistration {
  id: string;
  sessionId?: string | null;
  status: string;
  position?: number;
  participant: { name: string; email: string; organisation?: string; organisationType?: string; role?: string; phone?: string };
  createdAt: string | Date;
  answers: Record<string, unknown>;
  declarations: string[];
  reason: string | null;
  attendance: Record<string, boolean>;
  note?: string | null;
  groupSize?: number | null;
  /** Inside a series: the place per session with places of its own (session-places.ts). */
  places?: Record<string, string>;
  /** Issue 23: the fee that stood at a cancellation after the free term, for the invoice. */
  cancellationFee?: number;
}

export interface ExportTable {
  header: string[];
  rows: string[][];
}

const pad = (n: string) => n.split('-').reverse().join('-');

/**
 * Day and time in Amsterdam as Dutch Excel reads them without asking: "23-11-2026 14:05".
 * Both languages use it, so that a file opens the same on every organiser's machine.
 */
export function exportDateTime(instant: Date | string): string {
  const d = new Date(instant);
  return `${pad(amsterdamDate(d))} ${amsterdamClock(d)}`;
}

/** The session's date as "12-03-2026", or its period ("voorjaar 2026") when it has no date yet. */
export function exportSessionDate(session: Session): string {
  const t = sessionTiming(session);
  if (t.kind === 'tbd') return t.period ?? '';
  return pad(t.kind === 'date' ? t.date : amsterdamDate(t.start));
}

/** `<network-id>-aanmeldingen-<yyyy-mm-dd>.csv`, dated in Amsterdam. */
export function exportFileName(networkId: string, now: Date): string {
  return `${networkId}-aanmeldingen-${amsterdamDate(now)}.csv`;
}

/** Whether a registration has a place at a session: confirmed, for that session or for the whole series. */
export function hasPlaceAt(network: Network, registration: Pick<ExportRegistration, 'status' | 'sessionId' | 'places'>, sessionId: string): boolean {
  if (registration.status !== 'confirmed') return false;
  if (registrationScope(network) === 'session') return registration.sessionId === sessionId;
  // Inside a series, a session with places of its own (session-places.ts) only where the person has one.
  const own = registration.places?.[sessionId];
  return own === undefined || own === 'confirmed';
}

/**
 * Who came to a session: has a place there (hasPlaceAt) and is recorded present. Someone checked
 * in and then removed or moved no longer counts. The door's count and the registrations list's
 * "Kwam" filter are this rule, in SQL (registration-list.ts).
 */
export function came(network: Network, registration: Pick<ExportRegistration, 'status' | 'sessionId' | 'places' | 'attendance'>, sessionId: string): boolean {
  return hasPlaceAt(network, registration, sessionId) && registration.attendance[sessionId] === true;
}

/**
 * Who did not come to a session: had a place there (hasPlaceAt) and is not recorded present.
 * The registrations list's "Kwam niet" filter is this rule, in SQL (registration-list.ts).
 */
export function didNotCome(network: Network, registration: Pick<ExportRegistration, 'status' | 'sessionId' | 'places' | 'attendance'>, sessionId: string): boolean {
  return hasPlaceAt(network, registration, sessionId) && registration.attendance[sessionId] !== true;
}

function answerText(question: Question, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '';
  const r = consoleMessages(locale).registrations;
  switch (question.type) {
    case 'yes-no':
      return value === true ? r.yes : value === false ? r.no : String(value);
    case 'choice':
      return question.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'number':
      // Dutch Excel reads "3.5" as a date or text; a decimal comma is a number to it.
      return locale === 'nl' ? String(value).replace('.', ',') : String(value);
    default:
      return String(value);
  }
}

/**
 * The registrations of a network as spreadsheet rows, one per registration, in the organiser's
 * language: status and organisation types as words, session titles instead of ids, answers
 * and declarations as text ("ja"/"nee"), times in Amsterdam. Participant fields the network
 * does not ask for are left out, unless someone filled them in before the form changed.
 * Whole-series networks get an attendance column per session; others one column for the
 * session registered for.
 */
export function registrationsTable(network: Network, registrations: readonly ExportRegistration[], locale: Locale): ExportTable {
  const columns = registrationColumns(
    network,
    {
      fields: (['organisation', 'organisationType', 'role', 'phone'] as const).filter((f) => registrations.some((x) => x.participant[f])),
      notes: registrations.some((x) => 'note' in x),
      groupSize: registrations.some((x) => typeof x.groupSize === 'number'),
    },
    locale,
  );
  return { header: columns.header, rows: registrations.map(columns.row) };
}

/** What the data holds that decides columns: participant fields filled in by anyone, notes, group sizes. */
export interface ExportDataFacts {
  fields: readonly FieldName[];
  notes: boolean;
  groupSize: boolean;
}

/**
 * Which stored fields the rows of a network's export read beyond those every row reads (name
 * and the other participant fields, session, status, place, time, reason, note, group size,
 * attendance, id): answers only where the network asks questions, declarations only where it
 * has some, the cancellation fee only where one can stand. A server reads no more than this
 * from its database (issue 27); `registrationColumns` decides its columns by the same answer.
 */
export function exportReads(network: Network): { answers: boolean; declarations: boolean; cancellationFee: boolean } {
  return {
    answers: (network.registration.questions ?? []).length > 0,
    declarations: (network.registration.declarations ?? []).length > 0,
    cancellationFee: withFeeOf(network) && network.registration.freeCancellationDaysBefore !== undefined,
  };
}

// What each person pays (issue 23), for the invoice: where the network names amounts.
const withFeeOf = (network: Network) => !!network.price && network.price.type !== 'on-request';

/**
 * The columns of `registrationsTable`, decided before any row is read (from `facts`, which a
 * server can ask its database for), so that a long export is written a row at a time. A row is
 * one array filled cell by cell (no spread copies: issue 27, 50,000 rows in one export).
 */
export function registrationColumns(network: Network, facts: ExportDataFacts, locale: Locale): { header: string[]; row: (x: ExportRegistration) => string[] } {
  const c = consoleMessages(locale);
  const r = c.registrations;
  const col = c.exports.columns;
  const types = messages(locale).organisationType as Record<string, string>;
  const yesNo = (v: boolean | undefined) => (v === true ? r.yes : v === false ? r.no : '');
  const perSession = registrationScope(network) === 'session';
  const sessions = new Map(network.sessions.map((s) => [s.id, s]));
  const reads = exportReads(network);
  const questions = reads.answers ? network.registration.questions! : [];
  const declarations = reads.declarations ? network.registration.declarations! : [];
  const shown = (field: FieldName) => fieldUse(network, field) !== 'off' || facts.fields.includes(field);
  const fields = (['organisation', 'organisationType', 'role', 'phone'] as const).filter(shown);
  const fieldHeader: Record<FieldName, string> = { organisation: r.organisation, organisationType: r.organisationType, role: r.role, phone: r.phone };
  const withNotes = facts.notes;
  const withGroupSize = !!network.groupSize || facts.groupSize;
  const withFee = withFeeOf(network);
  const euros = (amount: number | undefined) => (amount === undefined ? '' : locale === 'en' ? amount.toFixed(2) : amount.toFixed(2).replace('.', ','));
  const fee = (x: ExportRegistration) => euros(feeFor(network, x.participant.organisationType));
  // The fee that stands after a late cancellation (issue 23), as stored at the cancel.
  const withCancellationFee = reads.cancellationFee;
  // Attendance columns in the order people read the sessions (core's one order), not file order.
  const inOrder = sessionsInOrder(network.sessions);
  // A session's title and date are the same on every row: worded once.
  const sessionCells = new Map(network.sessions.map((s) => [s.id, [s.title, exportSessionDate(s)] as const]));

  const header = [
    col.name,
    r.email,
    ...fields.map((f) => fieldHeader[f]),
    ...(withGroupSize ? [r.groupSize] : []),
    r.session,
    col.sessionDate,
    r.status,
    ...(withFee ? [formMessages(locale).price.heading] : []),
    ...(withCancellationFee ? [r.cancellationFee] : []),
    col.position,
    r.registeredAt,
    ...questions.map((q) => q.label),
    ...declarations.map((d) => d.text),
    r.reason,
    ...(withNotes ? [col.note] : []),
    ...(perSession ? [col.present] : inOrder.map((s) => col.presentAt(s.title))),
    col.reference,
  ];

  const row = (x: ExportRegistration): string[] => {
    const p = x.participant;
    const cells = [p.name, p.email];
    for (const f of fields) {
      const v = p[f] ?? '';
      cells.push(f === 'organisationType' && v ? (types[v as OrganisationType] ?? v) : v);
    }
    if (withGroupSize) cells.push(typeof x.groupSize === 'number' ? String(x.groupSize) : '');
    const session = x.sessionId && sessions.has(x.sessionId) ? sessionCells.get(x.sessionId)! : undefined;
    cells.push(session ? session[0] : x.sessionId ?? r.wholeSeries, session ? session[1] : '', c.status[x.status] ?? x.status);
    if (withFee) cells.push(fee(x));
    if (withCancellationFee) cells.push(euros(x.cancellationFee));
    cells.push(x.position === undefined ? '' : String(x.position), exportDateTime(x.createdAt));
    for (const q of questions) cells.push(answerText(q, x.answers[q.id], locale));
    for (const d of declarations) cells.push(yesNo(x.declarations.includes(d.id)));
    cells.push(x.reason ?? '');
    if (withNotes) cells.push(x.note ?? '');
    if (perSession) cells.push(x.sessionId ? yesNo(x.attendance[x.sessionId]) : '');
    else for (const s of inOrder) cells.push(yesNo(x.attendance[s.id]));
    cells.push(x.id);
    return cells;
  };
  return { header, row };
}

/** What a printed attendance list shows; the console renders it, every word comes from here. */
export interface AttendanceList {
  heading: string;
  networkTitle: string;
  session: { id: string; title: string; date: string; time: string; venue: string };
  /** Column headings, in order: name, organisation, and the empty column to sign or tick. */
  columns: { name: string; organisation: string; signature: string };
  /** "12 deelnemers" */
  count: string;
  /** Sorted by name as a Dutch reader sorts. `present` is what was ticked in the console already. */
  people: { id: string; name: string; organisation: string; present: boolean }[];
}

/**
 * The list for one session: everyone with a place there (see `hasPlaceAt`), by name, with
 * their organisation (or its type when no name was given). Undefined for an unknown session.
 * `now` decides whether the session is over: then an unknown venue is no longer "to be announced".
 */
export function attendanceList(network: Network, registrations: readonly ExportRegistration[], sessionId: string, locale: Locale, now: Date = new Date()): AttendanceList | undefined {
  const session = network.sessions.find((s) => s.id === sessionId);
  if (!session) return undefined;
  const c = consoleMessages(locale);
  const a = c.attendanceList;
  const types = messages(locale).organisationType as Record<string, string>;
  const t = sessionTiming(session);
  const collator = new Intl.Collator(locale === 'en' ? 'en-GB' : 'nl-NL', { sensitivity: 'base' });
  const people = registrations
    .filter((x) => hasPlaceAt(network, x, sessionId))
    .map((x) => {
      const type = x.participant.organisationType;
      return {
        id: x.id,
        name: x.participant.name,
        organisation: x.participant.organisation || (type ? (types[type] ?? type) : ''),
        present: x.attendance[sessionId] === true,
      };
    })
    .sort((p, q) => collator.compare(p.name, q.name));
  return {
    heading: a.heading,
    networkTitle: network.title,
    session: {
      id: session.id,
      title: session.title,
      date: t.kind === 'tbd' ? (t.period ?? c.attendance.noDate) : formatDate(locale, t.start),
      time: t.kind === 'exact' ? [amsterdamClock(t.start), t.end && amsterdamClock(t.end)].filter(Boolean).join('–') : '',
      venue: venueText(session.venue, locale, isSessionPast(session, now)) ?? '',
    },
    columns: { name: a.name, organisation: a.organisation, signature: a.signature },
    count: a.count(people.length),
    people,
  };
}
