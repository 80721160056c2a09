/**
 * The client for the registration API (see DESIGN.md). Typed results, never a thrown
 * response: a network failure or a 5xx comes back as `{ ok: false, retryable: true }` so a
 * form can keep what was typed and offer to try again.
 */
import type { Network, Venue } from './schema.js';
import type { Locale } from './i18n/format.js';
import type { Availability } from './availability.js';
import type { Outcome } from './decide-registration.js';
import type { ManageActions } from './manage.js';

/** The subset of `fetch` the client uses; core does not depend on the DOM's types. */
export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: unknown },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface AvailabilitySnapshot {
  network: Availability;
  sessions: Record<string, Availability>;
}

export interface NetworkResponse {
  network: Network;
  availability: AvailabilitySnapshot;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  /** Where the request went wrong; `code` is the reason's, for a refusal at a field (`duplicate`: the address is registered already). */
  issues?: { path: string; message: string; code?: string; quoted?: string }[];
  reasons?: { code: string }[];
}

export type ApiResult<T> =
  | { ok: true; status: number; value: T }
  | { ok: false; status: number; error: ApiErrorBody; retryable: boolean };

export interface ParticipantInput {
  name: string;
  email: string;
  organisation?: string;
  organisationType?: string;
  role?: string;
  phone?: string;
}

export interface RegistrationInput {
  participant: ParticipantInput;
  sessionId?: string;
  /** In a series: the optional sessions the person also comes to, and their one session of each choice group (session-places.ts). */
  joins?: string[];
  declarations?: string[];
  answers?: Record<string, string | number | boolean>;
  invitationCode?: string;
  groupSize?: number;
  locale?: Locale;
  /** Spam checks: the honeypot field (must stay empty) and the server's token from when the form was shown. */
  website?: string;
  formToken?: string;
}

export interface RegistrationCreated {
  id: string;
  status: Exclude<Outcome, 'rejected'>;
  position?: number;
  manageToken: string;
}

export interface RegistrationView {
  id: string;
  networkId: string;
  sessionId?: string;
  status: Outcome | 'cancelled';
  position?: number;
  participant: ParticipantInput;
  createdAt: string;
  canCancel: boolean;
  /** What the participant may still do, at the server's clock (core's `manageActions`). */
  actions?: ManageActions;
  /** The person's own calendar feed (https; the same address with webcal: subscribes). */
  calendarUrl?: string;
  /** A certificate of attendance is there to fetch (`GET /api/registrations/{token}/certificate.pdf`). */
  certificate?: true;
  /** Inside a series: the place per session with places of its own (core's session-places.ts). */
  places?: Record<string, 'confirmed' | 'waitlisted' | 'declined'>;
  /** What taking part costs this person in euros (core's `feeFor`), where the network names an amount. */
  fee?: number;
  /** Issue 23: the full venue, by session id, of each session this person has a place at whose address the public document hides (venue-privacy.ts). */
  venues?: Record<string, Venue>;
  /** Issue 23: the fee in euros that stood when this registration was cancelled after the free term, kept for the invoice (also after the person erased their data, until retention). */
  cancellationFee?: number;
}

const DATE_FIELDS = ['opensAt', 'closesAt'] as const;

/** A network's availability as JSON brought back to dates (the public document and the console's read of it). */
export function reviveSnapshot(a: AvailabilitySnapshot): AvailabilitySnapshot {
  const sessions: Record<string, Availability> = {};
  for (const [k, v] of Object.entries(a.sessions)) sessions[k] = reviveAvailability(v);
  return { network: reviveAvailability(a.network), sessions };
}

/** Availability arrives as JSON; its dates become `Date`s again. */
export function reviveAvailability(a: Availability): Availability {
  const out = { ...a };
  for (const f of DATE_FIELDS) if (typeof out[f] === 'string') out[f] = new Date(out[f] as unknown as string);
  return out;
}

/**
 * Reads networks from the registration API: what a page with only an agenda needs.
 * `RegistrationClient` adds registering and managing a registration.
 */
export class NetworkClient {
  readonly #base: string;
  readonly #fetch: FetchLike;

  /** @param baseUrl the API's origin and path prefix, for example "https://aanmelden.example.org" */
  constructor(baseUrl: string, options: { fetch?: FetchLike } = {}) {
    this.#base = baseUrl.replace(/\/+$/, '');
    const f = options.fetch ?? (globalThis as unknown as { fetch?: FetchLike }).fetch;
    if (!f) throw new Error('the registration API client needs fetch');
    this.#fetch = f.bind(globalThis);
  }

  protected async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: unknown): Promise<ApiResult<T>> {
    let res;
    try {
      res = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(signal !== undefined && { signal }),
      });
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') throw error;
      return { ok: false, status: 0, retryable: true, error: { code: 'network', message: String(error) } };
    }
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      data = undefined;
    }
    if (res.ok) return { ok: true, status: res.status, value: data as T };
    const error = (data as { error?: ApiErrorBody } | undefined)?.error ?? { code: `http-${res.status}`, message: `HTTP ${res.status}` };
    return { ok: false, status: res.status, error, retryable: res.status >= 500 || res.status === 429 };
  }

  /** The network document and its live availability. */
  async getNetwork(networkId: string, signal?: unknown): Promise<ApiResult<NetworkResponse>> {
    const r = await this.call<NetworkResponse>('GET', `/api/networks/${encodeURIComponent(networkId)}`, undefined, {}, signal);
    if (!r.ok) return r;
    return { ...r, value: { ...r.value, availability: reviveSnapshot(r.value.availability) } };
  }

}
