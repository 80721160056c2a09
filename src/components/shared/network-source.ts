import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import { networkContext, type NetworkState } from '../context.js';
import { loadNetwork } from './load-network.js';
import { elementLocale } from './state-view.js';
import { warnUnsafeUrl } from './safe-links.js';
import { isSafeUrl } from '../../core/lean.js';

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

const NETWORK_TAG = 'leerkring-network';

/**
 * Gives an element its network: loaded by itself (src, inline JSON, or api + network-id),
 * or, when it has none of those, from the nearest `<leerkring-network>` through context.
 * Loads again whenever one of those inputs changes; a load that is overtaken is aborted.
 */
export class NetworkSource implements ReactiveController {
  readonly #host: NetworkSourceHost;
  #consumer: ContextConsumer<typeof networkContext, NetworkSourceHost> | undefined;
  /** Set while this element waits for `<leerkring-network>` to be defined (see hostConnected), so a move in the page does not wait twice. */
  #awaitingNetwork = false;
  #fromContext?: NetworkState;
  #loaded: NetworkState | undefined;
  #key: string | undefined;
  #abort: AbortController | undefined;
  #told = false;

  constructor(host: NetworkSourceHost, { consume = true } = {}) {
    this.#host = host;
    host.addController(this);
    if (consume) {
      this.#consumer = new ContextConsumer(host, {
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
    // Modules arrive in any order: the <leerkring-network> around this element may be defined
    // after it, and then nothing answered the request its consumer makes on connecting. It asks
    // again once the network element is defined (the elements already in the page are upgraded
    // by then), instead of waiting for an answer that never comes.
    const consumer = this.#consumer;
    if (consumer && !this.#awaitingNetwork && !customElements.get(NETWORK_TAG)) {
      this.#awaitingNetwork = true;
      void customElements.whenDefined(NETWORK_TAG).then(() => {
        this.#awaitingNetwork = false;
        if (this.#host.isConnected && !this.standalone && this.#fromContext === undefined) consumer.hostConnected();
      });
    }
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#key = undefined;
  }

  hostUpdate(): void {
    const h = this.#host;
    const key = this.standalone ? JSON.stringify([h.src, this.inline, h.api, h.networkId, h.now]) : undefined;
    if (key !== this.#key) {
      this.#key = key;
      this.#load();
    }
  }

  /** Loads the network; `keep` shows the last state until the new one is there (a refresh, not new inputs). */
  #load(keep = false): void {
    this.#abort?.abort();
    if (!keep) this.#loaded = undefined;
    if (!this.standalone) return;
    const h = this.#host;
    const abort = (this.#abort = new AbortController());
    // A data: document would be shown as if the site published it; other schemes are no place to load from.
    const unsafe = (['src', 'api'] as const).find((name) => h[name] !== undefined && !isSafeUrl(h[name]));
    if (unsafe) {
      this.#settle(abort, { status: 'error', error: warnUnsafeUrl(`<${h.localName}>`, unsafe), live: false, refresh: this.refresh });
      return;
    }
    loadNetwork({
      ...(h.src !== undefined && { src: h.src }),
      ...(this.inline !== undefined && { inline: this.inline }),
      ...(h.api !== undefined && { api: h.api }),
      ...(h.networkId !== undefined && { networkId: h.networkId }),
      now: clock(h.now),
      signal: abort.signal,
      locale: elementLocale(h),
    }).then(
      (state) => this.#settle(abort, { ...state, ...(h.now && { now: h.now }), refresh: this.refresh }),
      (error: unknown) =>
        this.#settle(abort, { status: 'error', error: error instanceof Error ? error.message : String(error), live: false, refresh: this.refresh }),
    );
  }

  #settle(abort: AbortController, state: NetworkState): void {
    if (abort.signal.aborted) return;
    this.#loaded = state;
    this.#host.requestUpdate();
  }

  // Refreshing in place: going back to "loading" would remove what the person is looking at (an
  // outcome, the agenda) and throw them to the top of the page.
  refresh = (): void => {
    if (this.standalone) {
      this.#load(true);
      this.#host.requestUpdate();
    } else this.#fromContext?.refresh();
  };

  /** The current state; `loading` until something is known. */
  get state(): NetworkState {
    const h = this.#host;
    const own = this.standalone;
    const known = own ? this.#loaded : this.#fromContext;
    if (known) return known;
    if (own || h.closest(NETWORK_TAG)) return { status: 'loading', live: false, refresh: this.refresh };
    // Nothing to load and no <leerkring-network> around it: a plain message rather than
    // "loading" for ever (without `error`, so no retry button that cannot help), and the why
    // for the developer, once.
    if (!this.#told) console.warn(`leerkring: <${h.localName}> needs src, api or <leerkring-network>`);
    this.#told = true;
    return { status: 'error', live: false, refresh: this.refresh };
  }

  /** Whether the state came from an ancestor (which shows loading and errors itself). */
  get fromContext(): boolean {
    return !this.standalone && this.#fromContext !== undefined;
  }
}
