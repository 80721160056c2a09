import { createContext } from '@lit/context';
import type { AdminClient } from '../core/admin-client.js';
import type { SessionInfo } from '../core/admin-api.js';
import type { RegistrationClient } from '../core/client.js';
import type { Locale } from '../core/i18n/format.js';

/** What every console page needs to act: the typed clients, who is signed in, the language. */
export interface ConsoleState {
  admin: AdminClient;
  /** The public API, for a network's sessions, questions and live availability. */
  public: RegistrationClient;
  session: SessionInfo;
  locale: Locale;
}

export const consoleContext = createContext<ConsoleState>(Symbol('leerkring-console'));

/**
 * Fired by a page when the API answered 401: the session ended (idle timeout, signed out on
 * another device). The console shows the sign-in page again.
 */
export class ConsoleUnauthorizedEvent extends Event {
  static readonly eventName = 'leerkring-console-unauthorized';
  constructor() {
    super(ConsoleUnauthorizedEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired by a page after a change to what the signed-in person may run (a network they created):
 * the console reads the session again, then opens `href`.
 */
export class ConsoleSessionChangedEvent extends Event {
  static readonly eventName = 'leerkring-console-session-changed';
  constructor(readonly href: string) {
    super(ConsoleSessionChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'leerkring-console-session-changed': ConsoleSessionChangedEvent;
    'leerkring-console-unauthorized': ConsoleUnauthorizedEvent;
  }
}
