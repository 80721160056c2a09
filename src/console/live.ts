import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How often a visible console page asks the server again for what others changed. */
export const POLL_MS = 30_000;

/**
 * Keeps a page's data current with changes made by others: calls `refresh` every 30 s while
 * the page is visible, and at once when it becomes visible again (the organiser comes back to
 * the tab or unlocks the phone). A hidden page does not poll.
 */
export class LiveData implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #onVisibility = () => {
    if (document.visibilityState !== 'visible') return this.#stop();
    void this.refresh();
    this.#start();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly refresh: () => unknown,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (document.visibilityState === 'visible') this.#start();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#stop();
  }

  #start(): void {
    this.#stop();
    this.#timer = setInterval(() => void this.refresh(), POLL_MS);
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * Fired by a part of a page after it changed data on the server (a check-in tap saved): the
 * page loads again, so every tab shows what the server now holds.
 */
export class ConsoleDataChangedEvent extends Event {
  static readonly eventName = 'leerkring-console-data-changed';
  constructor() {
    super(ConsoleDataChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'leerkring-console-data-changed': ConsoleDataChangedEvent;
  }
}
