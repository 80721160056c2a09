/**
 * Issue 23: reserved places on the form, loaded only for a network that has them. Says how many
 * reserved places are left at the target and for whom, with the network's explanation, and
 * whether the person as typed fits (core's `fitsReservation`, the rule the server decides with),
 * so the form offers them a place where the server will give one rather than the waiting list.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AvailabilitySnapshot, Locale, Network, OrganisationType } from '../../core/lean.js';
import { messages } from '../../core/i18n/messages.js';
import { formatListParts } from '../../core/i18n/format.js';
import { getsReservedPlace } from '../../core/reserved-fit.js';
import { reservationFor } from '../../core/reservation.js';
import { findSession } from '../../core/session-index.js';
import { registrationScope } from '../../core/policy.js';

const WORDS = {
  nl: {
    left: (n: number) => `Nog ${n} ${n === 1 ? 'gereserveerde plaats' : 'gereserveerde plaatsen'} voor `,
    fits: 'Je hoort bij deze groep: er is een gereserveerde plaats voor je.',
  },
  en: {
    left: (n: number) => `${n} reserved ${n === 1 ? 'place' : 'places'} left for `,
    fits: 'You belong to this group: there is a reserved place for you.',
  },
  fy: {
    left: (n: number) => `Noch ${n} ${n === 1 ? 'reservearre plak' : 'reservearre plakken'} foar `,
    fits: 'Jo hearre by dizze groep: der is in reservearre plak foar jo.',
  },
} as const;

export interface ReservedView {
  /** The note for the form, or nothing where no reserved place is left at the target. */
  note: TemplateResult | typeof nothing;
  /** The person as typed fits the reservation and a reserved place is left: a place, not the waiting list. */
  fits: boolean;
}

/**
 * What the form says about the reserved places of the target chosen (where people register per
 * session: in the form, else the element's `session`), for the person as typed so far in `form`
 * (their organisation and its type; null before the form is drawn); `docLang` marks the
 * network's own words.
 */
export function reservedView(
  network: Network,
  availability: AvailabilitySnapshot | undefined,
  form: HTMLFormElement | null,
  chosen: string | undefined,
  locale: Locale,
  docLang: string | typeof nothing,
): ReservedView {
  const perSession = registrationScope(network) === 'session';
  const session = perSession ? findSession(network, formValue(form, 'sessionId') ?? chosen) : undefined;
  const reservation = reservationFor(network, session);
  const left = (perSession ? session && availability?.sessions[session.id] : availability?.network)?.reservedLeft ?? 0;
  if (!reservation || left <= 0) return { note: nothing, fits: false };
  const w = WORDS[locale];
  const fits = getsReservedPlace(network, session?.id, left, person(form));
  const types = messages(locale).organisationType;
  const who = [
    ...(reservation.organisations ?? []).map((o) => html`<bdi lang=${docLang}>${o}</bdi>`),
    ...(reservation.organisationTypes ?? []).map((t) => types[t].toLowerCase()),
  ];
  return {
    fits,
    note: html`<div class="notice" part="reserved">
      <p>${w.left(left)}${formatListParts(locale, who)}.</p>
      ${reservation.explanation ? html`<p lang=${docLang}>${reservation.explanation}</p>` : nothing}
      <p role="status">${fits ? w.fits : ''}</p>
    </div>`,
  };
}

/**
 * Whether the person as typed in `form` gets a reserved place at a session whose general places
 * are full (core's `getsReservedPlace`): its label then says no waiting list, as the note and the
 * button do.
 */
export function reservedPlaceAt(network: Network, availability: AvailabilitySnapshot | undefined, form: HTMLFormElement | null, sessionId: string): boolean {
  return getsReservedPlace(network, sessionId, availability?.sessions[sessionId]?.reservedLeft, person(form));
}

function formValue(form: HTMLFormElement | null, name: string): string | undefined {
  return (form?.elements.namedItem(name) as HTMLInputElement | RadioNodeList | null)?.value || undefined;
}

function person(form: HTMLFormElement | null) {
  return { organisation: formValue(form, 'organisation'), organisationType: formValue(form, 'organisationType') as OrganisationType | undefined };
}
