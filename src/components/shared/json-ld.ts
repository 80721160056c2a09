import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { jsonLdScript } from './trusted.js';

/**
 * Keeps an element's `<script type="application/ld+json">` in its light DOM in step with its
 * data: search engines read the page's DOM, not a shadow root. The script is replaced only when
 * the data changes, and removed when the element leaves the page or the data is gone.
 */
export class JsonLdController implements ReactiveController {
  readonly #host: HTMLElement;
  #script: HTMLScriptElement | null = null;
  #text = '';

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#script?.remove();
    this.#script = null;
    this.#text = '';
  }

  /** Shows `data` as JSON-LD, or nothing when it is undefined. */
  set(data: object | undefined): void {
    const text = data ? JSON.stringify(data) : '';
    if (this.#text === text) return;
    this.#text = text;
    this.#script?.remove();
    this.#script = data ? jsonLdScript(data) : null;
    if (this.#script) {
      this.#script.dataset.leerkringJsonld = '';
      this.#host.append(this.#script);
    }
  }
}
