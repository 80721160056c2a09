/**
 * Fired by `<leerkring-agenda>` when someone chooses "Aanmelden" for a session, so a
 * `<leerkring-signup>` on the page can preselect it. Cancelable: a site that handles
 * registration elsewhere can take over. A `<leerkring-signup>` for the same network takes over
 * too: it focuses its form itself, so the link's fragment navigation must not move focus away.
 */
export class LeerkringSessionSelectEvent extends Event {
  static readonly eventName = 'leerkring-session-select';
  constructor(
    readonly networkId: string,
    readonly sessionId: string | undefined,
  ) {
    super(LeerkringSessionSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'leerkring-session-select': LeerkringSessionSelectEvent;
  }
}
