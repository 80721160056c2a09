import { LitElement, html, nothing } from 'lit';
import { ContextProvider } from '@lit/context';
import { networkContext } from '../context.js';
import { NetworkSource } from '../shared/network-source.js';
import { baseStyles } from '../shared/styles.js';
import { renderState, readyLocale } from '../shared/state-view.js';
import { LeerkringNetworkLoadEvent } from './network-load-event.js';

/**
 * @summary Loads one learning network and shares it with the agenda and signup elements inside it.
 *
 * @slot - The elements that show the network, such as `<leerkring-agenda>` and `<leerkring-signup>`,
 *   and optionally an inline `<script type="application/json">` with the network document.
 * @csspart status - The loading message.
 * @csspart error - The load error or the list of problems in an invalid document.
 * @csspart button - The retry button.
 * @fires leerkring-network-load - When the network is loaded, or turns out invalid or unreachable.
 * @cssprop --leerkring-color - Text colour (falls back to `--utrecht-document-color`).
 * @cssprop --leerkring-font-family - Font (falls back to `--utrecht-document-font-family`, then the page's font).
 */
export class LeerkringNetwork extends LitElement {
  static override styles = baseStyles;
  static override properties = {
    src: {},
    api: {},
    networkId: { attribute: 'network-id' },
    now: {},
  };

  /** URL (http(s) or relative) of the network document (JSON). Without it, an inline `<script type="application/json">` child is used. */
  declare src: string | undefined;
  /** Base URL (http(s) or relative) of the registration API; with it, availability is live. */
  declare api: string | undefined;
  /** Loads the network from the API by id, when there is no document on the page. */
  declare networkId: string | undefined;
  /** Fixed "now" (ISO date-time) for previews and tests; the real time by default. */
  declare now: string | undefined;

  readonly #source = new NetworkSource(this, { consume: false });
  readonly #provider = new ContextProvider(this, { context: networkContext, initialValue: this.#source.state });
  #lastStatus = '';

  /** Loads the document and live availability again (for example after someone registered). */
  refresh(): void {
    this.#source.refresh();
  }

  protected override willUpdate(): void {
    const state = this.#source.state;
    this.#provider.setValue(state);
    if (state.status !== this.#lastStatus && state.status !== 'loading') {
      this.#lastStatus = state.status;
      this.updateComplete.then(() => this.dispatchEvent(new LeerkringNetworkLoadEvent(state)));
    }
  }

  protected override render() {
    const locale = readyLocale(this);
    return html`${locale ? renderState(this.#source.state, locale, this) : nothing}<slot></slot>`;
  }
}

customElements.get('leerkring-network') ?? customElements.define('leerkring-network', LeerkringNetwork);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-network': LeerkringNetwork;
  }
}
