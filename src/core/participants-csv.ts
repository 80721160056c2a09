/**
 * A list of participants read from CSV, for an organiser's import: the console's own export
 * (`registrationsTable`, semicolons, a byte-order mark) or a spreadsheet saved as CSV (commas
 * or semicolons). Columns are found by their names in either language; each row becomes the
 * registration body the public form would send, so the same rules check it. What cannot be
 * read is said per row and column, in a sentence.
 */
import type { Network, Question } from './schema.js';
import type { Locale } from './i18n/format.js';
import { LOCALES } from './i18n/format.js';
import { consoleMessages } from './i18n/console.js';
import { messages } from './i18n/messages.js';
import { organiserEntryMessages } from './i18n/organiser-entry.js';
import { registrationScope } from './policy.js';
import { ORGANISATION_TYPES } from './constants.js';

/** Cells of a CSV text: quotes, doubled quotes, line breaks inside quotes; the separator is what the first line uses most (`;`, `,` or tab). */
export function readCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length;
  const sep = [';', ',', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ';');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** A cell as a person meant it: the export's guard against formulas ('=…) taken off, spaces trimmed. */
const cellText = (raw: string | undefined) => (raw ?? '').replace(/^'(?=[=+\-@\t\r])/, '').trim();
const key = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** One row of the list, as the registration the form would send, with what could not be read. */
export interface CsvParticipant {
  /** Its line in the file (the header is line 1). */
  line: number;
  registration: { participant: Record<string, string>; sessionId?: string; answers: Record<string, string | number | boolean>; declarations: string[]; groupSize?: number; locale: Locale };
  /** The list itself marks the row as cancelled or refused (an export): it is not registered. */
  skip: boolean;
  problems: string[];
}

type Column =
  | { kind: 'field'; field: 'name' | 'email' | 'organisation' | 'organisationType' | 'role' | 'phone' }
  | { kind: 'session' | 'status' | 'groupSize' | 'ignored' }
  | { kind: 'question'; question: Question }
  | { kind: 'declaration'; id: string };

/** What each column name means, in both languages, for this network. */
function columnNames(network: Network): Map<string, Column> {
  const names = new Map<string, Column>();
  const add = (column: Column, ...words: string[]) => words.forEach((w) => names.set(key(w), column));
  for (const l of LOCALES) {
    const c = consoleMessages(l);
    const r = c.registrations;
    const col = c.exports.columns;
    add({ kind: 'field', field: 'name' }, col.name);
    add({ kind: 'field', field: 'email' }, r.email);
    add({ kind: 'field', field: 'organisation' }, r.organisation);
    add({ kind: 'field', field: 'organisationType' }, r.organisationType);
    add({ kind: 'field', field: 'role' }, r.role);
    add({ kind: 'field', field: 'phone' }, r.phone);
    add({ kind: 'session' }, r.session);
    add({ kind: 'status' }, r.status);
    add({ kind: 'groupSize' }, r.groupSize);
    add({ kind: 'ignored' }, col.sessionDate, r.cancellationFee, col.position, r.registeredAt, r.reason, col.note, col.present, col.reference);
    for (const s of network.sessions) add({ kind: 'ignored' }, col.presentAt(s.title));
  }
  add({ kind: 'field', field: 'name' }, 'naam', 'name', 'volledige naam', 'full name');
  add({ kind: 'field', field: 'email' }, 'email', 'e-mailadres', 'emailadres', 'e-mail address');
  add({ kind: 'field', field: 'role' }, 'rol');
  add({ kind: 'field', field: 'phone' }, 'telefoonnummer', 'phone number');
  add({ kind: 'session' }, 'sessie', 'session', 'sessionId');
  for (const q of network.registration.questions ?? []) add({ kind: 'question', question: q }, q.label, q.id);
  for (const d of network.registration.declarations ?? []) add({ kind: 'declaration', id: d.id }, d.text, d.id);
  return names;
}

const YES = new Set(['ja', 'yes', 'j', 'y', 'true', 'waar', '1', 'x']);
const NO = new Set(['nee', 'no', 'n', 'false', 'onwaar', '0', '']);

/**
 * Reads a participants' list. `fileProblems` stop the import (no Name or E-mail column);
 * `notices` only tell (a column that is skipped); each row carries its own problems.
 */
export function participantsFromCsv(network: Network, text: string, locale: Locale): { rows: CsvParticipant[]; fileProblems: string[]; notices: string[] } {
  const m = organiserEntryMessages(locale).import;
  const table = readCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  const header = (table[0] ?? []).map(cellText);
  const names = columnNames(network);
  const columns = header.map((h) => names.get(key(h)));
  const notices = header.flatMap((h, i) => (!columns[i] && h ? [m.unknownColumn(h)] : []));
  const fileProblems: string[] = [];
  for (const [field, label] of [['name', m.name], ['email', m.email]] as const)
    if (!columns.some((c) => c?.kind === 'field' && c.field === field)) fileProblems.push(m.missingColumn(label));
  if (fileProblems.length) return { rows: [], fileProblems, notices };

  const statusWords = new Map<string, string>();
  for (const l of LOCALES) for (const [s, word] of Object.entries(consoleMessages(l).status)) statusWords.set(key(word), s);
  const typeWords = new Map<string, string>();
  for (const l of LOCALES) for (const t of ORGANISATION_TYPES) typeWords.set(key(messages(l).organisationType[t]), t), typeWords.set(key(t), t);
  const perSession = registrationScope(network) === 'session';

  // Lines as the file numbers them: blank lines were dropped above, so count them back in.
  const allRows = readCsv(text);
  const lines: number[] = [];
  allRows.forEach((r, i) => r.some((c) => c.trim() !== '') && lines.push(i + 1));

  const rows = table.slice(1).map((cells, index): CsvParticipant => {
    const line = lines[index + 1]!;
    const problems: string[] = [];
    const at = (i: number, message: string) => problems.push(m.row(line, header[i]!, message));
    const registration: CsvParticipant['registration'] = { participant: {}, answers: {}, declarations: [], locale: 'nl' };
    let skip = false;
    if (cells.length !== header.length) problems.push(m.rowOnly(line, m.columnsDiffer(cells.length, header.length)));
    columns.forEach((column, i) => {
      const value = cellText(cells[i]);
      if (!column) return;
      switch (column.kind) {
        case 'field':
          if (column.field === 'organisationType' && value) registration.participant.organisationType = typeWords.get(key(value)) ?? value;
          else if (value || column.field === 'name' || column.field === 'email') registration.participant[column.field] = value;
          return;
        case 'status':
          skip = ['cancelled', 'rejected'].includes(statusWords.get(key(value)) ?? '');
          return;
        case 'groupSize':
          if (value) registration.groupSize = Number(value);
          return;
        case 'session': {
          if (!perSession || !value || value === consoleMessages(locale).registrations.wholeSeries) return;
          const byId = network.sessions.find((s) => s.id === value);
          const byTitle = network.sessions.filter((s) => key(s.title) === key(value));
          if (byId) registration.sessionId = byId.id;
          else if (byTitle.length === 1) registration.sessionId = byTitle[0]!.id;
          else at(i, byTitle.length ? m.sameTitle(value) : m.unknownSession(value));
          return;
        }
        case 'declaration':
          if (YES.has(key(value))) registration.declarations.push(column.id);
          else if (!NO.has(key(value))) at(i, m.yesNo);
          return;
        case 'question': {
          const q = column.question;
          if (!value) return;
          if (q.type === 'yes-no') {
            if (YES.has(key(value))) registration.answers[q.id] = true;
            else if (NO.has(key(value))) registration.answers[q.id] = false;
            else at(i, m.yesNo);
          } else if (q.type === 'choice') registration.answers[q.id] = q.options?.find((o) => key(o.label) === key(value) || o.value === value)?.value ?? value;
          else registration.answers[q.id] = value;
          return;
        }
      }
    });
    return { line, registration, skip, problems };
  });
  return { rows, fileProblems, notices };
}

/** The column of a problem's path (`participant.email`, `answers.diet`), to name it in a sentence. */
export function csvColumnOf(network: Network, header: readonly string[], path: string): string | undefined {
  const names = columnNames(network);
  const found = header.find((h) => {
    const c = names.get(key(h));
    if (!c) return false;
    if (c.kind === 'field') return path === `participant.${c.field}`;
    if (c.kind === 'question') return path === `answers.${c.question.id}`;
    if (c.kind === 'declaration') return path === `declarations.${c.id}`;
    if (c.kind === 'session') return path === 'sessionId';
    if (c.kind === 'groupSize') return path === 'groupSize';
    return false;
  });
  return found;
}

/** The header of a CSV text, as `csvColumnOf` needs it. */
export function csvHeader(text: string): string[] {
  return (readCsv(text).find((r) => r.some((c) => c.trim() !== '')) ?? []).map(cellText);
}
