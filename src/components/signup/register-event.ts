import type { Network, RegistrationInput } from '../../core/lean.js';

/**
 * Fired by `<leerkring-signup>` with a validated registration, just before it is sent.
 * Cancelable: a site whose CMS has its own backend calls `preventDefault()`, handles the
 * registration, and then tells the element the outcome with `showOutcome()`.
 */
export class LeerkringRegisterEvent extends Event {
  static readonly eventName = 'leerkring-register';
  constructor(
    readonly network: Network,
    readonly registration: RegistrationInput,
  ) {
    super(LeerkringRegisterEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired by `<leerkring-signup>` after the server accepted a registration (confirmed, waitlisted or pending). */
export class LeerkringRegisteredEvent extends Event {
  static readonly eventName = 'leerkring-registered';
  constructor(
    readonly networkId: string,
    readonly status: 'confirmed' | 'waitlisted' | 'pending',
    readonly position?: number,
  ) {
    super(LeerkringRegisteredEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'leerkring-register': LeerkringRegisterEvent;
    'leerkring-registered': LeerkringRegisteredEvent;
  }
}
