/**
 * Intake and the waiting list, the organisers' side: accepting or rejecting an intake, moving
 * someone up from the waiting list, taking someone off, their note, attendance, and the list.
 */
import { exportReads, registrationScope, type ExportRegistration, type Network } from '../../core/index.js';
import type { RegistrationRow } from '../storage/registrations.js';
import { countAtDoor, countMatching, countPerSession, exportFacts, exportStream, listPage, listStream, type ListCursor, type ListedRow, type ListFilter } from '../storage/registration-list.js';

export type { ListCursor, ListedRow, ListFilter };
import { isActive, type RegistrationContext } from './context.js';
import type { ChangeResult, StatusChange } from './status-change.js';

export class Intake {
  readonly #ctx: RegistrationContext;
  readonly #status: StatusChange;

  constructor(context: RegistrationContext, status: StatusChange) {
    this.#ctx = context;
    this.#status = status;
  }

  /** An organiser accepts an intake. */
  accept(id: string, reason?: string): Promise<ChangeResult> {
    return this.#status.change(id, 'confirmed', 'accepted', { ...(reason && { reason }), check: (row) => (row.status === 'pending' ? undefined : 'not-pending') });
  }

  /** An organiser rejects an intake, with a reason the participant is told. */
  reject(id: string, reason: string): Promise<ChangeResult> {
    return this.#status.change(id, 'rejected', 'rejected', { reason, check: (row) => (row.status === 'pending' ? undefined : 'not-pending') });
  }

  /** An organiser moves someone from the waiting list, also past the capacity. */
  moveUp(id: string): Promise<ChangeResult> {
    const network = (row: RegistrationRow) => this.#ctx.network(row.network_id);
    return this.#status.change(id, (row) => (network(row) && (network(row)!.registration.approval?.required || network(row)!.format === 'in-company') ? 'pending' : 'confirmed'), 'promoted', {
      check: (row) => (row.status === 'waitlisted' ? undefined : 'not-waitlisted'),
    });
  }

  /** An organiser takes someone off (any active status); the waiting list moves up, the person is told. */
  remove(id: string, reason?: string): Promise<ChangeResult> {
    return this.#status.change(id, 'cancelled', 'removed', { ...(reason && { reason }), check: (row) => (isActive(row.status) ? undefined : 'not-active') });
  }

  /** The organisers' note on a registration; empty removes it. False when there is no such (unerased) registration. */
  setNote(id: string, note: string): Promise<boolean> {
    return this.#ctx.repo.setNote(id, note || null);
  }

  /** Records attendance of a whole-series participant at one session. */
  attendance(id: string, sessionId: string, present: boolean): Promise<RegistrationRow | undefined> {
    return this.#ctx.repo.setAttendance(id, sessionId, present);
  }

  /** Registrations of a network (optionally one session), in arrival order. */
  list(networkId: string, sessionId?: string): Promise<RegistrationRow[]> {
    return this.#ctx.repo.list(networkId, sessionId);
  }

  /** A page of a network's registrations after a cursor, filtered and searched (issue 27). */
  page(networkId: string, filter: ListFilter, after: ListCursor | undefined, limit: number): Promise<{ rows: ListedRow[]; next: ListCursor | null }> {
    return listPage(this.#ctx.repo.queryable, networkId, filter, after, limit);
  }

  /** At one session's door: how many have a place there and how many came (one pass). */
  doorCounts(networkId: string, sessionId: string): Promise<{ placed: number; present: number }> {
    return countAtDoor(this.#ctx.repo.queryable, networkId, sessionId);
  }

  /** Every session's line of "Wie kwam er" (placed, came, did not come), in one query. */
  attendanceCounts(network: Network): Promise<{ sessionId: string; placed: number; present: number; absent: number }[]> {
    return countPerSession(this.#ctx.repo.queryable, network.id, network.sessions.map((s) => s.id));
  }

  /**
   * How many registrations of a network match a filter. A status with a kept count (confirmed,
   * waiting, pending) and at most a target is read from the kept counts (issue 27): a few rows,
   * however many registrations. In a network-wide network the counts kept per session are a
   * series' places, not registrations: only its 'network' count is. Other filters count rows.
   */
  async count(network: Network, filter: ListFilter): Promise<number> {
    const status = filter.status;
    if (status && isActive(status) && Object.keys(filter).every((k) => k === 'status' || k === 'target')) {
      const perSession = registrationScope(network) === 'session';
      const kept = Object.entries(await this.#ctx.counts(network.id)).filter(([t]) => (perSession || t === 'network') && (filter.target === undefined || t === filter.target));
      return kept.reduce((n, [, c]) => n + c[status as 'confirmed' | 'pending' | 'waitlisted'], 0);
    }
    return countMatching(this.#ctx.repo.queryable, network.id, filter);
  }

  /** Every matching registration, in batches: memory flat in the number of rows. */
  stream(networkId: string, filter: ListFilter): AsyncGenerator<ListedRow[]> {
    return listStream(this.#ctx.repo.queryable, networkId, filter);
  }

  /** Every matching registration as the CSV's rows read it (core's exportReads), in batches. */
  exportStream(network: Network, filter: ListFilter): AsyncGenerator<ExportRegistration[]> {
    return exportStream(this.#ctx.repo.queryable, network.id, filter, exportReads(network));
  }

  /** What the matching rows hold that decides the CSV's columns. */
  exportFacts(networkId: string, filter: ListFilter) {
    return exportFacts(this.#ctx.repo.queryable, networkId, filter);
  }
}
