/**
 * The one status change of a registration, for managing (the participant) and intake (the
 * organisers) alike: under its target's lock, with the participant's e-mail, and the waiting list
 * moving up into a freed place (promote, also after a move to another session).
 */
import { findSession, joinsOf, ownPlaceSessions, promoteFromWaitlist, sessionPlaces, type Network, type OrganisationType } from '../../core/index.js';
import { composeLateCancelMail, hasCalendarItem, type MailKind } from '../mail/compose.js';
import type { RegistrationRepository, RegistrationRow, Status } from '../storage/registrations.js';
import type { RegistrationContext } from './context.js';

export type ChangeResult = { ok: true; row: RegistrationRow } | { ok: false; code: string };

export class StatusChange {
  readonly #ctx: RegistrationContext;

  constructor(context: RegistrationContext) {
    this.#ctx = context;
  }

  /**
   * Moves people up from the waiting list into free places of one target, first come first
   * served among those who still fit the rules; in the caller's transaction and lock.
   */
  async promote(repo: RegistrationRepository, network: Network, target: string): Promise<void> {
    const counts = await repo.counts(network.id, target);
    const waiting = await repo.waitlisted(network.id, target);
    const sessionId = target === 'network' ? undefined : target;
    // The count per organisation costs a query per person; only a per-organisation limit needs it.
    const limited = network.registration.maxPerOrganisation !== undefined;
    const entries = await Promise.all(
      waiting.map(async (w) => ({
        id: w.id,
        ...(sessionId && { sessionId }),
        ...(w.organisation_type && { organisationType: w.organisation_type as OrganisationType }),
        declarations: w.declarations,
        invitation: w.invitation,
        ...(w.group_size !== null && { groupSize: w.group_size }),
        ...(w.reserved && { reserved: true }),
        organisationCount: limited && w.organisation_lower ? await repo.organisationCount(network.id, target, w.organisation_lower, w.id) : 0,
      })),
    );
    // Inside a series, places freed at a session go first to those who wait for that session.
    if (target === 'network') await this.#promotePlaces(repo, network);
    for (const p of promoteFromWaitlist(network, counts, entries, sessionId)) {
      const row = waiting.find((w) => w.id === p.id)!;
      // Who moves up into the series gets the places of the sessions they join that have room now.
      const places = await this.#decidePlaces(repo, network, row.places);
      if (places) await repo.setPlaces(p.id, places);
      await repo.setStatus(p.id, p.status);
      await this.#ctx.mail(repo, network, { ...row, status: p.status, ...(places && { places }) }, p.status === 'confirmed' ? 'promoted' : 'pending');
    }
  }

  /** The places of a series registration decided now (core's sessionPlaces), from the sessions it joins; undefined without any. */
  async #decidePlaces(repo: RegistrationRepository, network: Network, before: RegistrationRow['places']): Promise<RegistrationRow['places'] | undefined> {
    const own = ownPlaceSessions(network);
    if (!own.length) return undefined;
    const counts = Object.fromEntries(await Promise.all(own.map(async (s) => [s.id, await repo.counts(network.id, s.id)] as const)));
    return sessionPlaces(network, joinsOf(before), counts);
  }

  /**
   * Moves holders of a series place up from the waiting list of each session with places of its
   * own into its free places, first come first served; each hears it with that session's calendar.
   */
  async #promotePlaces(repo: RegistrationRepository, network: Network): Promise<void> {
    for (const s of ownPlaceSessions(network)) {
      if (s.capacity === undefined) continue;
      const counts = await repo.counts(network.id, s.id);
      const free = s.capacity - counts.confirmed - counts.pending;
      if (free <= 0 || !counts.waitlisted) continue;
      for (const row of (await repo.placeWaitlist(network.id, s.id)).slice(0, free)) {
        const places = { ...row.places, [s.id]: 'confirmed' as const };
        await repo.setPlaces(row.id, places);
        // The e-mail is about this one session: its place, its calendar item.
        if (row.status === 'confirmed') await this.#ctx.mail(repo, network, { ...row, places, session_id: s.id }, 'promoted');
      }
    }
  }


  /**
   * Changes a registration's status under its target's lock and lets the waiting list move up.
   * `check` sees the current row and may refuse (returns a reason code) before anything changes.
   */
  async change(
    id: string,
    to: Status | ((row: RegistrationRow) => Status),
    mail: MailKind | undefined,
    opts: { reason?: string; check?: (row: RegistrationRow) => string | undefined; erase?: boolean; freedPlace?: (row: RegistrationRow) => boolean; feeStands?: (row: RegistrationRow) => number | undefined } = {},
  ): Promise<ChangeResult> {
    const current = await this.#ctx.repo.byId(id);
    if (!current) return { ok: false, code: 'not-found' };
    const network = this.#ctx.network(current.network_id);
    return this.#ctx.transaction(async (repo) => {
      await repo.lock(current.network_id, current.target);
      if (network && current.target === 'network') for (const id of ownPlaceSessions(network).map((s) => s.id).sort()) await repo.lock(network.id, id);
      let row = (await repo.byId(id))!;
      const refused = opts.check?.(row);
      if (refused) return { ok: false as const, code: refused };
      const status = typeof to === 'function' ? to(row) : to;
      // A place in the series given by hand: the places per session are decided first, so the e-mail says them truly.
      if (network && row.status === 'waitlisted' && hasCalendarItem(status)) {
        const places = await this.#decidePlaces(repo, network, row.places);
        if (places) await repo.setPlaces(id, (row = { ...row, places }).places);
      }
      const feeStands = opts.feeStands?.(row);
      if (mail && network)
        await this.#ctx.mail(repo, network, { ...row, status }, mail, {
          ...(opts.reason && { reason: opts.reason }),
          ...(opts.freedPlace && { freedPlace: opts.freedPlace(row) }),
          ...(feeStands && { feeStands }),
          // A place or an intake came with calendar items; a withdrawal takes them out again.
          hadItems: hasCalendarItem(row.status),
        });
      // The person's own CANCEL just composed is counted, so what they get later outranks it.
      if (mail && network && hasCalendarItem(row.status) && !hasCalendarItem(status)) await this.#ctx.withdrew(repo, id, row.session_id ? [row.session_id] : network.sessions.map((s) => s.id));
      // Issue 23: the fee that stands is kept with the registration for the invoice, before an
      // erasure (which then keeps what the invoice needs until retention, eraseOne).
      if (feeStands) await repo.keepCancellationFee(id, feeStands);
      if (opts.erase) {
        await repo.eraseOne(id, status);
        await repo.forgetCopies([id]);
      } else {
        await repo.setStatus(id, status, opts.reason ?? null);
      }
      // The organisers hear of a cancellation whose fee stands (the network's contact address),
      // also when the person erased their data with it: queued after forgetCopies, which would take it out.
      if (feeStands && network?.contact?.email && !row.erased_at)
        await repo.enqueue(row.id, 'organiser-late-cancel', composeLateCancelMail(network.contact.email, network, findSession(network, row.session_id ?? undefined)?.title, row.participant, feeStands));
      if (network) await this.promote(repo, network, row.target);
      return { ok: true as const, row: (await repo.byId(id))! };
    });
  }
}
