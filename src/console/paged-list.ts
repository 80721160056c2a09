import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConsoleMessages } from '../core/i18n/console.js';
import { PAGE_SIZE, firstPages, type PageAnswer } from './pages.js';

/** How long typing pauses before a search asks the server: one request per name, not per key. */
export const SEARCH_PAUSE = 250;

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

export interface PagedListOptions<T, A> {
  /** Asks the server for one page of `limit` after `after` (the list's filters are the host's). */
  get: (limit: number, after?: string) => Promise<PageAnswer<T, A>>;
  /** The id of the element that takes focus when "Meer laden" added `first`: keyboard users carry on there. */
  focusId: (first: T) => string;
  /** How many entries a full page of `limit` is, when not one per item (certificate holders: `limit` people). */
  perPage?: (items: readonly T[], limit: number) => number;
}

/**
 * A list the server pages (issue 27), for every console list that does: the registrations,
 * check-in at the door, the intake queue and the certificate holders. It holds what is drawn,
 * where the next page starts, how many match, and whether the last request failed; `load`
 * draws it again (a page, or as many as shown), `more` adds the next page and moves focus to
 * its first entry. An answer to an older request than the latest is dropped, so a slow answer
 * cannot undo a newer search or action. It owns the list's search box too: a search is asked
 * for once typing pauses (`type`), so quick typing is one request, for the final text.
 */
export class PagedList<T, A = unknown> implements ReactiveController {
  /** What is drawn; undefined until the first page arrives. */
  items: T[] | undefined;
  /** Where the next page starts; null at the end. */
  next: string | null = null;
  /** How many match in all. */
  total = 0;
  /** What the first page's answer carries beside its rows (counts); undefined until one arrived. */
  extra: A | undefined;
  /** The last request failed (no signal in the hall): the list says so, and "Meer laden" tries again. */
  failed = false;
  /** How many entries are drawn: a page at first, as many again on "Meer laden". */
  #shown = PAGE_SIZE;
  #generation = 0;
  /** What is typed in the search box (its value when drawn again). */
  typed = '';
  /** The search the list asks for: what was typed when typing last paused. */
  query = '';
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: PagedListOptions<T, A>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.#searchTimer);
  }

  /**
   * A key typed in the search box: once typing pauses for SEARCH_PAUSE ms, `query` becomes the
   * text and `search` asks for it (by default a first page), one request per name, not per key.
   */
  type(text: string, search: () => void = () => void this.load(true)): void {
    this.typed = text;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      this.query = this.typed;
      search();
    }, SEARCH_PAUSE);
  }

  /** Forgets what is drawn (another session): the list shows it is loading until `load` answers. */
  clear(): void {
    this.#generation++;
    this.items = undefined;
    this.next = null;
    this.total = 0;
    this.extra = undefined;
    this.host.requestUpdate();
  }

  /**
   * Draws the list again: one page with `first` (a new search or filter), else as many as are
   * drawn (after an action, a poll). True when this answer is the one drawn.
   */
  async load(first = false): Promise<boolean> {
    const generation = ++this.#generation;
    const count = first ? PAGE_SIZE : Math.max(PAGE_SIZE, this.#shown);
    const page = await firstPages(this.options.get, count, this.options.perPage);
    if (generation !== this.#generation) return false;
    this.failed = !page;
    if (page) {
      this.#shown = count;
      this.items = page.items;
      this.next = page.next;
      this.total = page.total;
      this.extra = page.first;
    }
    this.host.requestUpdate();
    return !!page;
  }

  /** Adds the next page below what is drawn, and moves focus to its first entry. */
  async more(): Promise<void> {
    if (!this.next || !this.items) return;
    const generation = ++this.#generation;
    const r = await this.options.get(PAGE_SIZE, this.next);
    if (generation !== this.#generation) return;
    this.failed = !r.ok;
    this.host.requestUpdate();
    if (!r.ok) return;
    const first = r.value.registrations[0];
    this.#shown += PAGE_SIZE;
    this.items = [...this.items, ...r.value.registrations];
    this.next = r.value.next ?? null;
    this.total = r.value.total ?? this.total;
    await this.host.updateComplete;
    if (first) this.host.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(this.options.focusId(first))}`)?.focus();
  }

  /**
   * Below the list: how many of how many are drawn and "Meer laden" while there is more, and
   * what went wrong when a page did not arrive. `shown` counts what the page shows (people, not
   * registrations, for the certificate holders).
   */
  footer(m: ConsoleMessages, shown: number, id = 'shown-of'): TemplateResult {
    return html`${this.failed ? html`<p role="alert" class="error-text">${m.failed}</p>` : nothing}
    ${this.items && this.next
      ? html`<p class="no-print">
          <span id=${id}>${m.registrations.shownOf(shown, this.total)}</span>
          <button class="button secondary" type="button" id="more" aria-describedby=${id} @click=${() => void this.more()}>${m.registrations.more}</button>
        </p>`
      : nothing}`;
  }
}
