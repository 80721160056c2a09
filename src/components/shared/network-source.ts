import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { networkContext, type NetworkState } from '../context.js';
import { loadNetwork } from './load-network.js';

export interface NetworkSourceHost extends ReactiveControllerHost, HTMLElement {
  src?: string;
  api?: string;
  networkId?: string;
  now?: string;
}

/** Reads the inline `<script type="application/json">` child, if there is one. */
export function inlineDocument(host: HTMLElement): string | undefined {
  const script = host.querySelector(':scope > script[type="application/json"]');
  return script?.textContent ?? undefined;
}

/** The clock the elements use: the `now` attribute (previews, tests) or the real time. */
export function clock(now: string | undefined): Date {
  const t = now ? Date.parse(now) : NaN;
  return Number.isNaN(t) ? new Date() : new Date(t);
}

/**
 * Gives an element its network: loaded by itself (src, inline JSON, or api + network-id),
 * or, when it has none of those, from the nearest `<leerkring-network>` through context.
 */
export class NetworkSource implements ReactiveController {
  readonly #host: NetworkSourceHost;
  #fromContext?: NetworkState;
  readonly #task: Task<
    [boolean, string | undefined, string | undefined, string | undefined, string | undefined, string | undefined],
    Omit<NetworkState, 'refresh'> | undefined
  >;

  constructor(host: NetworkSourceHost, { consume = true } = {}) {
    this.#host = host;
    host.addController(this);
    this.#task = new Task(host, {
      // Runs whenever one of the args changes; an element that takes its network from context loads nothing.
      task: async ([standalone, src, inline, api, networkId, now], { signal }) =>
        !standalone
          ? undefined
          : loadNetwork({
          ...(src !== undefined && { src }),
          ...(inline !== undefined && { inline }),
          ...(api !== undefined && { api }),
          ...(networkId !== undefined && { networkId }),
          now: clock(now),
          signal,
        }),
      args: () => [this.standalone, host.src, this.inline, host.api, host.networkId, host.now],
    });
    if (consume) {
      new ContextConsumer(host, {
        context: networkContext,
        subscribe: true,
        callback: (state) => {
          this.#fromContext = state;
          host.requestUpdate();
        },
      });
    }
  }

  inline: string | undefined;

  /** Whether this element loads its own network rather than using an ancestor's. */
  get standalone(): boolean {
    const h = this.#host;
    return h.src !== undefined || this.inline !== undefined || (h.api !== undefined && h.networkId !== undefined);
  }

  hostConnected(): void {
    this.inline = inlineDocument(this.#host);
  }

  refresh = (): void => {
    if (this.standalone) void this.#task.run();
    else this.#fromContext?.refresh();
  };

  /** The current state; `loading` until something is known. */
  get state(): NetworkState {
    if (!this.standalone) return this.#fromContext ?? { status: 'loading', live: false, refresh: this.refresh };
    const t = this.#task;
    const h = this.#host;
    if (t.status === 3 /* ERROR */) {
      const error = t.error instanceof Error ? t.error.message : String(t.error);
      return { status: 'error', error, live: false, refresh: this.refresh };
    }
    if (t.status === 2 /* COMPLETE */ && t.value) return { ...t.value, ...(h.now && { now: h.now }), refresh: this.refresh };
    return { status: 'loading', live: false, refresh: this.refresh };
  }

  /** Whether the state came from an ancestor (which shows loading and errors itself). */
  get fromContext(): boolean {
    return !this.standalone && this.#fromContext !== undefined;
  }
}
