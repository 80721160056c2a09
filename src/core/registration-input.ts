/**
 * The registration a person submits, validated against the network's own policy. The form
 * and the server use this same schema, so a form that passes is never refused for its shape.
 */
import type { Network } from './schema.js';
import { ORGANISATION_TYPES } from './constants.js';
import { fieldUse, registrationScope, needsInvitation, type FieldName } from './policy.js';
import { formMessages, type FieldWords, type FormMessages } from './i18n/form.js';
import { emailText, freeText, lineText, type TextResult } from './text.js';
import { LOCALES, type Locale } from './i18n/format.js';
import type { Problem } from './problems.js';
import { formatPath } from './path.js';
import type { ParseResult } from './parse-network.js';
import type { ParticipantInput, RegistrationInput } from './client.js';
import { findListedOrganisation } from './organisation-name.js';

const MAX_TEXT = 200;
const MAX_LONG_TEXT = 2000;
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;
const PHONE = /^[+0-9 ()-]{6,20}$/;

/**
 * An e-mail address someone typed on its own (the manage page's "send me a new link"), checked
 * as the form checks it: the cleaned address, or undefined when it cannot be one.
 */
export function emailAddress(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const r = emailText(raw);
  return r.ok && EMAIL.test(r.value) && r.value.length <= MAX_TEXT ? r.value : undefined;
}

/** A registration as submitted, before any check: what the form builds, or the shape the server parsed. */
export type RawRegistration = Omit<RegistrationInput, 'participant'> & { participant: Partial<ParticipantInput> };

export type FormError = (m: FormMessages['form']['error']) => string;

/** A problem with a registration, in both languages, from the form's error sentences. */
export function formProblem(path: (string | number)[], code: string, text: FormError, quoted?: string): Problem {
  return {
    path: formatPath(path),
    code,
    message: Object.fromEntries(LOCALES.map((l) => [l, text(formMessages(l).form.error)])) as Record<Locale, string>,
    ...(quoted && { quoted }),
  };
}

/**
 * Checks a registration against the network's policy: the fields it asks for, the session,
 * declarations, its own questions, the invitation code and the spam traps. Returns the
 * registration with its text normalised (`text.ts`: NFC, one line where one line belongs), or
 * every problem with its path ("participant.email") and a sentence for that field.
 * The form calls this directly; the server first checks the shape of what it received
 * (`validateRegistrationInput`), then calls this same function.
 */
export function checkRegistration(network: Network, raw: RawRegistration): ParseResult<RegistrationInput> {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], code: string, text: FormError, quoted?: string) => problems.push(formProblem(path, code, text, quoted));
  const trim = (s: string | undefined) => (s ?? '').trim();
  /** The value made fit to store, or undefined (and a problem with its own sentence) when it is not. */
  const clean = (path: (string | number)[], result: TextResult, words: (e: FormMessages['form']['error']) => FieldWords): string | undefined => {
    if (result.ok) return result.value;
    const fault = result.fault;
    add(path, fault, (e) => e.text[fault](words(e)));
    return undefined;
  };
  const p = raw.participant;
  const name = clean(['participant', 'name'], lineText(p.name ?? '', { noLinks: true }), (e) => e.field.name);
  const email = clean(['participant', 'email'], emailText(p.email ?? ''), (e) => e.field.email);
  const participant: RegistrationInput['participant'] = { name: name ?? '', email: email ?? '' };

  // The other spam check, the minimum fill time, needs the server's signed form token (server/tokens.ts).
  if (raw.website) add([], 'spam', (e) => e.spam);

  if (name === '') add(['participant', 'name'], 'missing', (e) => e.name);
  else if (name && name.length > MAX_TEXT) add(['participant', 'name'], 'too-long', (e) => e.tooLong(MAX_TEXT));
  if (email === '') add(['participant', 'email'], 'missing', (e) => e.email);
  else if (email && (!EMAIL.test(email) || email.length > MAX_TEXT)) add(['participant', 'email'], 'invalid', (e) => e.emailInvalid);

  const optionalFields: FieldName[] = ['organisation', 'organisationType', 'role', 'phone'];
  for (const field of optionalFields) {
    const use = fieldUse(network, field);
    if (use === 'off') continue;
    const value = field === 'organisationType' ? trim(p[field]) : clean(['participant', field], lineText(p[field] ?? ''), (e) => e.field[field as 'organisation' | 'role' | 'phone']);
    if (value === undefined) continue;
    if (!value) {
      if (use === 'required') add(['participant', field], 'missing', (e) => e[field]);
      continue;
    }
    if (field === 'organisationType' && !(ORGANISATION_TYPES as readonly string[]).includes(value)) {
      add(['participant', field], 'invalid', (e) => e.organisationType);
      continue;
    }
    if (field === 'phone' && !PHONE.test(value)) {
      add(['participant', field], 'invalid', (e) => e.phoneInvalid);
      continue;
    }
    if (value.length > MAX_TEXT) add(['participant', field], 'too-long', (e) => e.tooLong(MAX_TEXT));
    const listed = network.registration.organisations;
    if (field === 'organisation' && listed) {
      // A network with a fixed list stores the name as the list writes it, so counts and exports agree.
      const found = findListedOrganisation(listed, value);
      if (!found) {
        const names = listed.map((o) => o.name).join(', ');
        add(['participant', field], 'not-listed', (e) => e.organisationNotListed(names), names);
        continue;
      }
      participant.organisation = found.name;
      continue;
    }
    (participant as unknown as Record<string, string>)[field] = value;
  }

  const out: RegistrationInput = { participant };
  if (registrationScope(network) === 'session') {
    const id = trim(raw.sessionId);
    if (!id || !network.sessions.some((s) => s.id === id)) add(['sessionId'], 'missing', (e) => e.session);
    else out.sessionId = id;
  }
  // Places per session inside a series: checked by joinsProblems (session-places.ts), which the
  // server runs with this (validateRegistrationInput) and the form loads only where it asks them.
  if (raw.joins?.length) out.joins = [...new Set(raw.joins)];

  const confirmed = raw.declarations ?? [];
  for (const d of network.registration.declarations ?? []) {
    if ((d.required ?? true) && !confirmed.includes(d.id)) add(['declarations', d.id], 'missing', (e) => e.declaration(d.text), d.text);
  }
  out.declarations = (network.registration.declarations ?? []).filter((d) => confirmed.includes(d.id)).map((d) => d.id);

  const answers: Record<string, string | number | boolean> = {};
  for (const q of network.registration.questions ?? []) {
    // Own answers only: a question with the id "constructor" must not read Object.prototype.
    const v = raw.answers && Object.hasOwn(raw.answers, q.id) ? raw.answers[q.id] : undefined;
    const empty = v === undefined || v === '' || (q.type === 'yes-no' && v !== true && v !== false);
    if (empty) {
      if (q.required) add(['answers', q.id], 'missing', (e) => e.answer(q.label), q.label);
      continue;
    }
    if (q.type === 'number') {
      const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
      if (!Number.isFinite(n) || (q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) {
        add(['answers', q.id], 'invalid', (e) => e.number(q.min, q.max));
        continue;
      }
      answers[q.id] = n;
    } else if (q.type === 'choice') {
      if (!q.options?.some((o) => o.value === v)) add(['answers', q.id], 'invalid', (e) => e.answer(q.label), q.label);
      else answers[q.id] = String(v);
    } else if (q.type === 'yes-no') {
      answers[q.id] = v === true;
    } else {
      const text = clean(['answers', q.id], q.type === 'textarea' ? freeText(String(v)) : lineText(String(v)), (e) => e.field.answer(q.label));
      if (text === undefined) continue;
      const max = q.type === 'textarea' ? MAX_LONG_TEXT : MAX_TEXT;
      if (text.length > max) add(['answers', q.id], 'too-long', (e) => e.tooLong(max));
      else if (text) answers[q.id] = text;
      else if (q.required) add(['answers', q.id], 'missing', (e) => e.answer(q.label), q.label);
    }
  }
  out.answers = answers;

  const type = participant.organisationType as (typeof ORGANISATION_TYPES)[number] | undefined;
  const code = trim(raw.invitationCode);
  if (needsInvitation(network, type)) {
    if (!code) add(['invitationCode'], 'missing', (e) => e.invitation);
    else out.invitationCode = code;
  }

  const max = network.groupSize?.max;
  if (network.format === 'in-company' && max !== undefined) {
    const n = raw.groupSize;
    if (n === undefined || !Number.isInteger(n) || n < (network.groupSize?.min ?? 1) || n > max)
      add(['groupSize'], n === undefined ? 'missing' : 'invalid', (e) => e.groupSize(network.groupSize?.min ?? 1, max));
    else out.groupSize = n;
  }
  if (raw.locale) out.locale = raw.locale;
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}
