import { MAX_PAGE } from '../core/admin-api.js';

/** How many a page of a list draws; "Meer laden" adds as many again. */
export const PAGE_SIZE = 50;

/**
 * One page as the organiser API answers it (the registrations list, certificate holders), with
 * what a list carries beside its rows (`A`: the counts of the people at the door).
 */
export type PageAnswer<T, A = unknown> = { ok: true; value: { registrations: T[]; next?: string | null; total?: number } & A } | { ok: false };

export interface Pages<T, A = unknown> {
  items: T[];
  /** Where the next page starts; null at the end. */
  next: string | null;
  /** How many match in all. */
  total: number;
  /** The first page's answer, with what the list carries beside its rows (counts come with a first page). */
  first: { registrations: T[] } & A;
}

/**
 * The first `count` entries of a list the server pages (issue 27), at most MAX_PAGE a request,
 * one request after the other's cursor; undefined when a request failed. `get` asks for one
 * page of `limit` after `after`. An entry is an item, unless `perPage` says a full page of
 * `limit` counts otherwise (the certificate holders: `limit` people, each with all their registrations).
 */
export async function firstPages<T, A = unknown>(
  get: (limit: number, after?: string) => Promise<PageAnswer<T, A>>,
  count: number,
  perPage: (items: readonly T[], limit: number) => number = (items) => items.length,
): Promise<Pages<T, A> | undefined> {
  const items: T[] = [];
  let after: string | undefined;
  let next: string | null = null;
  let total = 0;
  let entries = 0;
  let first: ({ registrations: T[] } & A) | undefined;
  do {
    const limit = Math.min(MAX_PAGE, count - entries);
    const r = await get(limit, after);
    if (!r.ok) return undefined;
    first ??= r.value;
    items.push(...r.value.registrations);
    entries += perPage(r.value.registrations, limit);
    total = r.value.total ?? items.length;
    next = r.value.next ?? null;
    after = next ?? undefined;
  } while (after && entries < count);
  return { items, next, total, first: first! };
}
