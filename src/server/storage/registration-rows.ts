/**
 * What a registration is in SQL: its row, its statuses, and how a row read from the database
 * becomes one. Shared by the repositories of registrations (registrations.ts) and of what is
 * sent to them (mailings.ts).
 */
import type { InvitationOutcome, Locale } from '../../core/index.js';

export type Status = 'confirmed' | 'waitlisted' | 'pending' | 'rejected' | 'cancelled';
export const ACTIVE_STATUSES: readonly Status[] = ['confirmed', 'waitlisted', 'pending'];
export const ACTIVE = `('confirmed', 'waitlisted', 'pending')`;

/** What erasing leaves of a registration: its status and counts, nothing that says who it was. */
export const ERASE_REST = `email_lower = 'erased:' || id::text, organisation_lower = NULL, answers = '{}'::jsonb,
  reason = NULL, organiser_note = NULL, erased_at = now(), updated_at = now()`;
export const ERASE = `participant = '{}'::jsonb, ${ERASE_REST}`;

/** What the person's own erasure keeps of a registration whose cancellation fee stands: what its invoice needs, nothing else. */
export const INVOICE_KEPT = `CASE WHEN cancellation_fee > 0 THEN jsonb_strip_nulls(jsonb_build_object('name', participant->'name', 'email', participant->'email',
  'organisation', participant->'organisation', 'organisationType', participant->'organisationType')) ELSE '{}'::jsonb END`;

/** A registration that still holds personal data: not erased, or erased by the person but kept for an invoice. */
export const HOLDS_DATA = `(erased_at IS NULL OR participant <> '{}'::jsonb)`;

/**
 * A person's withdrawals (core's personalSequence) have one source: every registration of an
 * address in a network holds the same counts, the most any of them counted per session. Kept at
 * the three moments they can part: a new registration starts from them (INHERITED_WITHDRAWALS), an
 * own CANCEL counts one more for all of them (ADD_WITHDRAWALS), and an organiser's correction of
 * an address joins the counts of both (LEVEL_WITHDRAWALS). So every path (confirmation, status
 * e-mail, reminder, revision e-mail, personal feed) reads the row's own `calendar_withdrawals`.
 */
const mostAt = (r: string) => `COALESCE((SELECT jsonb_object_agg(most.key, most.n) FROM (SELECT e.key, max(e.value::int) AS n
  FROM registrations p CROSS JOIN LATERAL jsonb_each_text(p.calendar_withdrawals) AS e
  WHERE p.email_lower = ${r}.email_lower AND p.network_id = ${r}.network_id AND p.calendar_withdrawals <> '{}'::jsonb GROUP BY e.key) most), '{}'::jsonb)`;

/**
 * A new registration's withdrawals: the most any earlier registration of the same address in the
 * same network counted per session, so registering again after a cancellation publishes above the
 * CANCEL the person got. For an INSERT … SELECT from `r`.
 */
export const INHERITED_WITHDRAWALS = mostAt('r');

/** Sets `counts` (an expression of `w.most`, the address's counts) on every registration of the address of registration $1 in its network. */
const atAddress = (counts: string, changed = 'true') => `UPDATE registrations t SET calendar_withdrawals = ${counts}
  FROM (SELECT a.email_lower, a.network_id, ${mostAt('a')} AS most FROM registrations a WHERE a.id = $1) w
  WHERE t.email_lower = w.email_lower AND t.network_id = w.network_id AND ${changed}`;

/**
 * A new registration's e-mail facts (`m`) with its withdrawals as they were when it was stored
 * (`i`, the inserted row): the e-mail is composed when it is sent, and a CANCEL of the person's
 * own queued after it must not find it counted above that CANCEL already.
 */
export const WITH_WITHDRAWALS = `m.facts || jsonb_build_object('withdrawals', i.calendar_withdrawals)`;

/** Counts one more withdrawal ($2, a JSON array of session ids) of the person of registration $1, on every registration of their address. */
export const ADD_WITHDRAWALS = atAddress(`w.most || COALESCE((SELECT jsonb_object_agg(k, COALESCE((w.most->>k)::int, 0) + 1) FROM jsonb_array_elements_text($2::jsonb) AS k), '{}'::jsonb)`);

/** After registration $1's address changed: it and the registrations already there hold the most either counted. */
export const LEVEL_WITHDRAWALS = atAddress('w.most', 't.calendar_withdrawals <> w.most');

/**
 * Sets a series registration's places (issue 23): a session said yes to now (absent or declined
 * before) is numbered from the registrations' sequence, after everyone before; one kept keeps its
 * number; one declined loses it. The session's waiting list runs in that order (placeWaitlist).
 */
export const SET_PLACES = `UPDATE registrations SET places = $2::jsonb, updated_at = now(), place_asked = COALESCE((
  SELECT jsonb_strip_nulls(jsonb_object_agg(n.key, COALESCE(place_asked->n.key,
    CASE WHEN COALESCE(places->>n.key, 'declined') = 'declined' THEN to_jsonb(nextval(pg_get_serial_sequence('registrations', 'seq'))) END)))
  FROM jsonb_each_text($2::jsonb) AS n WHERE n.value <> 'declined'), '{}'::jsonb)
  WHERE id = $1`;

export interface RegistrationRow {
  id: string;
  seq: string;
  network_id: string;
  target: string;
  session_id: string | null;
  status: Status;
  email_lower: string;
  participant: { name: string; email: string; organisation?: string; organisationType?: string; role?: string; phone?: string };
  organisation_lower: string | null;
  organisation_type: string | null;
  /** Issue 23: the person fits the target's reservation, as decided when they registered. */
  reserved?: boolean;
  declarations: string[];
  answers: Record<string, unknown>;
  /** As checked (core `InvitationOutcome`); a stored row only ever holds 'none' or 'valid'. */
  invitation: InvitationOutcome;
  group_size: number | null;
  locale: Locale;
  reason: string | null;
  organiser_note: string | null;
  attendance: Record<string, boolean>;
  created_at: Date | string;
  erased_at: Date | string | null;
  /** The personal calendar feed's version; raising it revokes the old feed address. */
  feed_version: number;
  /** Inside a series: the place per session with places of its own (core's session-places.ts). */
  places: Record<string, 'confirmed' | 'waitlisted' | 'declined'>;
  /** Issue 23: how often the person withdrew from each session with their own CANCEL (core's personalSequence). */
  calendar_withdrawals?: Record<string, number>;
  /** Issue 23: the fee in euros that stood when this registration was cancelled after the free term; null otherwise. */
  cancellation_fee: number | null;
}

export interface OrganiserContact {
  id: string;
  email: string;
  name: string;
}

export interface MessageRow {
  id: string;
  session_id: string | null;
  statuses: string[];
  subject: string;
  body: string;
  sent_by: string | null;
  created_at: Date | string;
  recipients: { registrationId: string; participant: RegistrationRow['participant'] }[];
  /** What became of its e-mails in the outbox; absent for messages queued before they carried their id. */
  delivery?: { sent: number; waiting: number; failed: number };
}

export interface NewRegistration {
  id: string;
  networkId: string;
  target: string;
  sessionId: string | null;
  status: Status;
  emailLower: string;
  participant: RegistrationRow['participant'];
  organisationLower: string | null;
  organisationType: string | null;
  declarations: string[];
  answers: Record<string, unknown>;
  invitation: RegistrationRow['invitation'];
  groupSize: number | null;
  locale: Locale;
  places: RegistrationRow['places'];
  /** Issue 23: the person fits the target's reservation (core `fitsReservation`). */
  reserved?: boolean;
}

export function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function rowOf(r: Record<string, unknown>): RegistrationRow {
  return {
    ...(r as unknown as RegistrationRow),
    participant: json(r.participant),
    declarations: json(r.declarations),
    answers: json(r.answers),
    attendance: json(r.attendance),
    places: json(r.places ?? {}),
    calendar_withdrawals: json(r.calendar_withdrawals ?? {}),
    // numeric comes back as text from PostgreSQL; a number is what everyone reads.
    cancellation_fee: r.cancellation_fee === null || r.cancellation_fee === undefined ? null : Number(r.cancellation_fee),
  };
}
