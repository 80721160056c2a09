import { LitElement, type CSSResultGroup } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ApiResult } from '../core/client.js';
import { consoleMessages, type ConsoleMessages } from '../core/i18n/console.js';
import { consoleContext, ConsoleUnauthorizedEvent, type ConsoleState } from './context.js';
import { consoleStyles } from './styles.js';

/** What every console page shares: the console's state from context, its texts, and heading focus. */
export class ConsolePage extends LitElement {
  static override styles: CSSResultGroup = consoleStyles;

  protected readonly ctx = new ContextConsumer(this, { context: consoleContext, subscribe: true });

  protected get state(): ConsoleState {
    return this.ctx.value!;
  }

  protected get m(): ConsoleMessages {
    return consoleMessages(this.ctx.value?.locale ?? 'nl');
  }

  /** Moves focus to the page's heading once it is there (after a page change). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    await this.loaded;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Resolves when the page's first data has arrived (or failed); tests await it. */
  loaded: Promise<unknown> = Promise.resolve();

  /** A 401 means the session ended: the console shows the sign-in page. */
  protected signedOutIf<T>(r: ApiResult<T>): ApiResult<T> {
    if (!r.ok && r.status === 401) this.dispatchEvent(new ConsoleUnauthorizedEvent());
    return r;
  }
}
