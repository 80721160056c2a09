/**
 * The registration API client: `NetworkClient` (network-client.ts) reads networks, which is all a
 * page with only an agenda needs; `RegistrationClient` adds registering and managing.
 */
import { NetworkClient, reviveAvailability, type ApiResult, type RegistrationCreated, type RegistrationInput, type RegistrationView } from './network-client.js';

import type { NetworkSummary } from './network-summary.js';

export * from './network-client.js';

/** The registration API: reading networks, registering, and a participant managing their registration. */
export class RegistrationClient extends NetworkClient {
  /**
   * The networks this server knows, each as a summary with its live availability
   * (`<leerkring-catalogue>`). Here rather than in `NetworkClient`: an agenda page never lists.
   */
  async listNetworks(signal?: unknown): Promise<ApiResult<{ networks: NetworkSummary[] }>> {
    const r = await this.call<{ networks: NetworkSummary[] }>('GET', '/api/networks', undefined, {}, signal);
    if (!r.ok) return r;
    return { ...r, value: { networks: r.value.networks.map((n) => ({ ...n, availability: reviveAvailability(n.availability) })) } };
  }

  /**
   * Registers. `idempotencyKey` makes a retried submit count once: generate it when the form
   * is first submitted and reuse it for every retry of that same submission.
   */
  register(networkId: string, input: RegistrationInput, idempotencyKey: string): Promise<ApiResult<RegistrationCreated>> {
    return this.call('POST', `/api/networks/${encodeURIComponent(networkId)}/registrations`, input, { 'idempotency-key': idempotencyKey });
  }

  /**
   * A signed, time-stamped token that a registration must carry: ask for it when the form is
   * shown, so that the time a person takes to fill it in counts.
   */
  formToken(networkId: string): Promise<ApiResult<{ formToken: string }>> {
    return this.call('GET', `/api/networks/${encodeURIComponent(networkId)}/form-token`);
  }

  /** A participant's own registration, by the token from their manage link. */
  getRegistration(manageToken: string): Promise<ApiResult<RegistrationView>> {
    return this.call('GET', `/api/registrations/${encodeURIComponent(manageToken)}`);
  }

  /** Cancels a registration, or leaves the waiting list; a freed place goes to the first on the waiting list. */
  cancel(manageToken: string): Promise<ApiResult<RegistrationView>> {
    return this.call('POST', `/api/registrations/${encodeURIComponent(manageToken)}/cancel`, {});
  }

  /** Moves a registration to another session, where people register per session; the rules decide as for a new registration. */
  switchSession(manageToken: string, sessionId: string): Promise<ApiResult<RegistrationView>> {
    return this.call('POST', `/api/registrations/${encodeURIComponent(manageToken)}/switch`, { sessionId });
  }

  /** Which optional sessions, and which session of each choice group, the person comes to (session-places.ts). */
  changeJoins(manageToken: string, joins: string[]): Promise<ApiResult<RegistrationView>> {
    return this.call('POST', `/api/registrations/${encodeURIComponent(manageToken)}/joins`, { joins });
  }

  /** A new personal calendar feed address; the old one stops working. */
  renewCalendar(manageToken: string): Promise<ApiResult<RegistrationView>> {
    return this.call('POST', `/api/registrations/${encodeURIComponent(manageToken)}/calendar/renew`, {});
  }

  /** Removes the participant's data; an active registration is cancelled first. */
  erase(manageToken: string): Promise<ApiResult<{ erased: true }>> {
    return this.call('POST', `/api/registrations/${encodeURIComponent(manageToken)}/erase`, {});
  }

  /** Asks for the manage links of this address by e-mail; the answer is the same whether or not it is known. */
  requestManageLink(email: string, locale?: 'nl' | 'en' | 'fy'): Promise<ApiResult<{ sent: true }>> {
    return this.call('POST', `/api/manage-link${locale ? `?lang=${locale}` : ''}`, { email });
  }
}
