/**
 * The client for the organiser API, typed by the contract in `admin-api.ts`. The console uses
 * it with the session cookie (`credentials: 'same-origin'`); a script passes a personal API
 * token instead. Like `RegistrationClient`, it never throws for a response: a network failure
 * or a 5xx comes back as `{ ok: false, retryable: true }`.
 */
import type { ApiErrorBody, ApiResult } from './client.js';
import { reviveSnapshot } from './network-client.js';
import {
  ADMIN_ROUTES,
  adminPath,
  type AdminBody,
  type AdminParams,
  type AdminQuery,
  type AdminResponse,
  type AdminRouteName,
} from './admin-api.js';

/** The subset of `fetch` this client uses; core does not depend on the DOM's types. */
export type AdminFetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; credentials?: 'same-origin' | 'include' | 'omit'; signal?: unknown },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface AdminClientOptions {
  fetch?: AdminFetchLike;
  /** A personal API token, for scripts; the console relies on its session cookie instead. */
  token?: string;
  /**
   * The language the caller reads in, asked of the server as Accept-Language, so that its
   * sentences (validation problems, previews) match the console's language, not the browser's.
   */
  locale?: () => string | undefined;
}

type Args<N extends AdminRouteName> = (keyof AdminParams<N> extends never ? { params?: undefined } : { params: AdminParams<N> }) &
  (AdminBody<N> extends undefined ? { body?: undefined } : { body: AdminBody<N> }) & { query?: AdminQuery<N>; signal?: unknown; headers?: Record<string, string> };

export class AdminClient {
  readonly #base: string;
  readonly #fetch: AdminFetchLike;
  readonly #token: string | undefined;
  readonly #locale: (() => string | undefined) | undefined;

  /** @param baseUrl the server's origin, or "" for the console on the same origin */
  constructor(baseUrl = '', options: AdminClientOptions = {}) {
    this.#base = baseUrl.replace(/\/+$/, '');
    const f = options.fetch ?? (globalThis as unknown as { fetch?: AdminFetchLike }).fetch;
    if (!f) throw new Error('AdminClient needs fetch');
    this.#fetch = f.bind(globalThis);
    this.#token = options.token;
    this.#locale = options.locale;
  }

  /** Calls any route of the contract by name. */
  async call<N extends AdminRouteName>(name: N, args: Args<N>): Promise<ApiResult<AdminResponse<N>>> {
    const route = ADMIN_ROUTES[name];
    let url = this.#base + adminPath(name, (args.params ?? {}) as AdminParams<N>);
    const query = Object.entries((args.query ?? {}) as Record<string, string | undefined>).filter((e): e is [string, string] => e[1] !== undefined);
    if (query.length) url += `?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
    const headers: Record<string, string> = { ...args.headers, accept: 'text' in route ? 'text/csv' : 'application/json' };
    if (args.body !== undefined) headers['content-type'] = 'application/json';
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    const locale = this.#locale?.();
    if (locale && !headers['accept-language']) headers['accept-language'] = locale;
    let res;
    let text: string;
    try {
      res = await this.#fetch(url, {
        method: route.method,
        headers,
        credentials: 'same-origin',
        ...(args.body !== undefined && { body: JSON.stringify(args.body) }),
        ...(args.signal !== undefined && { signal: args.signal }),
      });
      text = await res.text();
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') throw error;
      return { ok: false, status: 0, retryable: true, error: { code: 'network', message: String(error) } };
    }
    if (res.ok && 'text' in route) return { ok: true, status: res.status, value: text as AdminResponse<N> };
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (res.ok) return { ok: true, status: res.status, value: data as AdminResponse<N> };
    const error = (data as { error?: ApiErrorBody } | undefined)?.error ?? { code: `http-${res.status}`, message: `HTTP ${res.status}` };
    return { ok: false, status: res.status, error, retryable: res.status >= 500 || res.status === 429 };
  }

  /** Asks for a sign-in link by e-mail. Always 202, whether or not the address is known. */
  login(email: string, locale?: 'nl' | 'en' | 'fy') {
    return this.call('login', { body: { email, ...(locale && { locale }) } });
  }

  /** Exchanges the one-time token from the sign-in link (`#login=…`) for a session cookie. */
  signIn(token: string) {
    return this.call('createSession', { body: { token } });
  }

  /** Who is signed in, and which networks they may run. 401 when nobody is. */
  session() {
    return this.call('getSession', {});
  }

  signOut() {
    return this.call('deleteSession', {});
  }

  /** Ends every session of this organiser, on every device. */
  signOutEverywhere() {
    return this.call('deleteAllSessions', {});
  }

  networks() {
    return this.call('listNetworks', {});
  }

  registrations(networkId: string, query: AdminQuery<'listRegistrations'> = {}) {
    return this.call('listRegistrations', { params: { networkId }, query });
  }

  registrationsCsv(networkId: string, query: AdminQuery<'registrationsCsv'> = {}) {
    return this.call('registrationsCsv', { params: { networkId }, query });
  }

  /** Every session's counts for "Wie kwam er", in one request. */
  attendanceCounts(networkId: string) {
    return this.call('attendanceCounts', { params: { networkId } });
  }

  accept(id: string, reason?: string) {
    return this.call('accept', { params: { id }, body: reason ? { reason } : {} });
  }

  reject(id: string, reason: string) {
    return this.call('reject', { params: { id }, body: { reason } });
  }

  moveUp(id: string) {
    return this.call('moveUp', { params: { id }, body: {} });
  }

  attendance(id: string, sessionId: string, present: boolean) {
    return this.call('attendance', { params: { id }, body: { sessionId, present } });
  }

  /** The organisers' own note on a registration; an empty note removes it. */
  setNote(id: string, note: string) {
    return this.call('setNote', { params: { id }, body: { note } });
  }

  /** Takes someone off the network (for example off the waiting list); they are told, with the reason when given. */
  remove(id: string, reason?: string) {
    return this.call('remove', { params: { id }, body: reason ? { reason } : {} });
  }

  /** The message as the first recipient will see it, and how many it goes to. */
  previewMessage(networkId: string, body: AdminBody<'sendMessage'>) {
    return this.call('previewMessage', { params: { networkId }, body });
  }

  /** Queues the message to everyone it is for, through the outbox. */
  sendMessage(networkId: string, body: AdminBody<'sendMessage'>) {
    return this.call('sendMessage', { params: { networkId }, body });
  }

  messages(networkId: string) {
    return this.call('listMessages', { params: { networkId } });
  }

  /** How the signed-in organiser hears of new registrations: at once, a daily digest, or not. */
  setNotify(notify: AdminBody<'setNotify'>['notify']) {
    return this.call('setNotify', { body: { notify } });
  }

  organisers(networkId: string) {
    return this.call('listOrganisers', { params: { networkId } });
  }

  /** Adds an organiser to a network or changes their role (owners only). */
  setOrganiser(networkId: string, body: AdminBody<'putOrganiser'>) {
    return this.call('putOrganiser', { params: { networkId }, body });
  }

  removeOrganiser(networkId: string, organiserId: string) {
    return this.call('removeOrganiser', { params: { networkId, organiserId } });
  }

  audit(networkId: string, query: AdminQuery<'audit'> = {}) {
    return this.call('audit', { params: { networkId }, query });
  }

  tokens() {
    return this.call('listTokens', {});
  }

  /** Creates a personal API token; its secret is in the answer, once. */
  createToken(name: string) {
    return this.call('createToken', { body: { name } });
  }

  revokeToken(tokenId: string) {
    return this.call('revokeToken', { params: { tokenId } });
  }

  /** The network as its public page shows it, also while it is a draft; for every organiser of it. */
  async network(networkId: string) {
    const r = await this.call('getNetwork', { params: { networkId } });
    if (!r.ok) return r;
    return { ...r, value: { ...r.value, availability: reviveSnapshot(r.value.availability) } };
  }

  /** The network document as it is now, and its revision (pass it back to `saveNetwork`). */
  networkDocument(networkId: string) {
    return this.call('getNetworkDocument', { params: { networkId } });
  }

  /**
   * Saves a whole network document, based on `revision`. A 412 means someone saved in between:
   * its error says which revisions, by whom, and what they changed; nothing was overwritten.
   */
  saveNetwork(networkId: string, document: unknown, revision: number) {
    return this.call('putNetworkDocument', { params: { networkId }, body: document, headers: { 'if-match': `"${revision}"` } });
  }

  /** A new network from a whole document, or a copy of `copyFrom` under the id `id`. */
  createNetwork(body: AdminBody<'createNetwork'>) {
    return this.call('createNetwork', { body });
  }

  revisions(networkId: string) {
    return this.call('listRevisions', { params: { networkId } });
  }

  revision(networkId: string, revision: number) {
    return this.call('getRevision', { params: { networkId, revision: String(revision) } });
  }

  /** Who saving `document` would tell, and the e-mail; nothing is saved or sent. */
  previewNetworkChanges(networkId: string, document: unknown) {
    return this.call('previewNetworkChanges', { params: { networkId }, body: document });
  }

  /**
   * Saves an old revision's document again, as a new revision. With `basedOn` (the revision the
   * owner looked at) a save by someone else in between gives a 412 and nothing is restored.
   */
  restoreRevision(networkId: string, revision: number, basedOn?: number) {
    return this.call('restoreRevision', { params: { networkId, revision: String(revision) }, body: {}, ...(basedOn !== undefined && { headers: { 'if-match': `"${basedOn}"` } }) });
  }

  /** Tells the people recorded as attended at a session about one of its reports (`preview`: only who and what). */
  reportNotice(networkId: string, sessionId: string, body: AdminBody<'reportNotice'>) {
    return this.call('reportNotice', { params: { networkId, sessionId }, body });
  }

  /** A page of the people who get a certificate: their registrations, the next page's `after`, how many in all. */
  certificateHolders(networkId: string, query: AdminQuery<'certificateHolders'> = {}) {
    return this.call('certificateHolders', { params: { networkId }, query });
  }

  /** E-mails the person of registration `id` their certificate of attendance (issue 24). */
  sendCertificate(id: string) {
    return this.call('sendCertificate', { params: { id }, body: {} });
  }

  feedback(networkId: string) {
    return this.call('feedback', { params: { networkId } });
  }

  putFeedbackQuestions(networkId: string, body: AdminBody<'putFeedbackQuestions'>) {
    return this.call('putFeedbackQuestions', { params: { networkId }, body });
  }

  /** E-mails those who came to the session a link to the evaluation (once each). */
  requestFeedback(networkId: string, sessionId: string) {
    return this.call('requestFeedback', { params: { networkId, sessionId }, body: {} });
  }
}
