/**
 * Managing a registration, the participant's side: finding it by its manage token, their place
 * on the waiting list, cancelling, moving to another session, erasing their data, their personal
 * calendar feed (and a new address for it), and sending their manage links again.
 */
import {
  decideRegistration,
  joinsFaults,
  manageActions,
  ownPlaceSessions,
  sessionPlaces,
  fullWithoutWaitlist,
  feeStandsOnCancel,
  freesPlaceForWaitlist,
  registrationGate,
  findSession,
  fitsTargetReservation,
  hasPlaceAt,
  networkCalendar,
  type Locale,
  type ManagedRegistration,
  type OrganisationType,
  type Reason,
  type SessionTimeline,
} from '../../core/index.js';
import { removeMailFiles } from '../mail/delivery.js';
import { hasCalendarItem, organizerOf } from '../mail/compose.js';
import { parseManageToken, feedTokenId, checkFeedToken } from '../tokens.js';
import type { RegistrationRow } from '../storage/registrations.js';
import { isActive, type RegistrationContext } from './context.js';
import type { ChangeResult, StatusChange } from './status-change.js';

/** A move to another session: refused with the rules' reasons, as a new registration would be. */
export type SwitchResult = { ok: true; row: RegistrationRow; position?: number } | { ok: false; code: string; reasons: Reason[] };

/** At most this many links go out for one "send me my link again" (one e-mail per registration). */
const MANAGE_LINKS_MAX = 10;

export class Managing {
  readonly #ctx: RegistrationContext;
  readonly #status: StatusChange;

  constructor(context: RegistrationContext, status: StatusChange) {
    this.#ctx = context;
    this.#status = status;
  }

  /** A registration by its manage token. */
  async byToken(token: string): Promise<RegistrationRow | undefined> {
    const id = parseManageToken(this.#ctx.opts.secret, token);
    return id ? this.byId(id) : undefined;
  }

  byId(id: string): Promise<RegistrationRow | undefined> {
    return this.#ctx.repo.byId(id);
  }

  async position(row: RegistrationRow): Promise<number | undefined> {
    return row.status === 'waitlisted' ? this.#ctx.repo.position(row) : undefined;
  }

  /** The registration a feed token stands for, when it is the current one and its data is not erased. */
  async byFeedToken(token: string): Promise<RegistrationRow | undefined> {
    const id = feedTokenId(token);
    const row = id ? await this.byId(id) : undefined;
    if (!row || row.erased_at) return undefined;
    return checkFeedToken(this.#ctx.opts.secret, token, row.id, Number(row.feed_version ?? 0)) ? row : undefined;
  }

  /**
   * The person's own calendar: exactly the sessions they have a place at (core's hasPlaceAt),
   * so a move, a cancellation or a new date shows up when their calendar next reads it. With
   * the join link of an online session, as their e-mails have it: the address is theirs alone,
   * and one that went somewhere it should not is renewed from the manage page (renewFeed).
   */
  personalCalendar(row: RegistrationRow, locale: Locale, timeline?: SessionTimeline): string | undefined {
    const network = this.#ctx.network(row.network_id);
    if (!network) return undefined;
    const registration = { status: row.status, places: row.places, ...(row.session_id && { sessionId: row.session_id }) };
    const sessionIds = network.sessions.filter((s) => hasPlaceAt(network, registration, s.id)).map((s) => s.id);
    // Every session in it is one with a place: its online join link is theirs (issue 23). Nothing
    // else of the document that is not public is written by the calendar writer.
    const organizer = organizerOf(network);
    // The SEQUENCE the person's e-mails gave each item (core's personalSequence), so their calendar keeps it.
    const withdrawals = row.calendar_withdrawals;
    return networkCalendar(network, { sessionIds, joinLinks: sessionIds, locale, method: 'PUBLISH', now: this.#ctx.now(network.id), ...(organizer && { organizer }), ...(timeline && { timeline }), ...(withdrawals && { withdrawals }) });
  }

  /** A new feed address for a registration; the old one stops working. */
  async renewFeed(id: string): Promise<RegistrationRow | undefined> {
    if ((await this.#ctx.repo.renewFeed(id)) === undefined) return undefined;
    return this.byId(id);
  }

  /**
   * The participant cancels, or leaves the waiting list; a freed place goes to the first on the
   * waiting list who fits, and the e-mail says so only where that is what happens.
   */
  cancel(id: string): Promise<ChangeResult> {
    return this.#status.change(id, 'cancelled', 'cancelled', {
      feeStands: (row) => this.#feeStands(row),
      // What the manage page offers, decided by core at this network's clock: nothing once the
      // session is over ('over'), no place given up after `cancelUntil` ('cancel-closed').
      check: (row) => {
        if (!isActive(row.status)) return 'not-active';
        const network = this.#ctx.network(row.network_id);
        if (!network) return undefined;
        const actions = manageActions(network, managed(row), this.#ctx.now(network.id));
        return actions.cancel || actions.leaveWaitlist ? undefined : actions.cancelClosed ? 'cancel-closed' : 'over';
      },
      freedPlace: (row) => {
        const network = this.#ctx.network(row.network_id);
        return network !== undefined && freesPlaceForWaitlist(network, row.status);
      },
    });
  }

  /**
   * The participant moves to another session, where people register per session. The new
   * session decides as it would for a new registration (capacity, waiting list, intake, the
   * person's own answers), under the locks of both sessions, taken in a fixed order so two
   * moves in opposite directions cannot wait for each other. The old place goes to the waiting list.
   */
  async switchSession(id: string, sessionId: string): Promise<SwitchResult> {
    const current = await this.byId(id);
    const network = current && !current.erased_at ? this.#ctx.network(current.network_id) : undefined;
    if (!current || !network) return { ok: false, code: 'not-found', reasons: [] };
    if (!findSession(network, sessionId)) return { ok: false, code: 'unknown-session', reasons: [{ code: 'unknown-session' }] };
    return this.#ctx.transaction(async (repo) => {
      for (const target of [current.target, sessionId].sort()) await repo.lock(network.id, target);
      const row = (await repo.byId(id))!;
      const now = this.#ctx.now(network.id);
      if (!manageActions(network, { status: row.status, ...(row.session_id && { sessionId: row.session_id }) }, now).switchTo.includes(sessionId)) {
        const gate = row.session_id === sessionId ? undefined : registrationGate(network, findSession(network, sessionId), now);
        return { ok: false as const, code: gate?.code ?? 'not-switchable', reasons: gate ? [gate] : [] };
      }
      // Issue 23: a reserved place at the new session, when this person fits it (core decides).
      const reserved = fitsTargetReservation(network, sessionId, { organisation: row.participant.organisation, organisationType: row.organisation_type });
      const decision = decideRegistration(
        network,
        {
          sessionId,
          reserved,
          ...(row.organisation_type && { organisationType: row.organisation_type as OrganisationType }),
          declarations: row.declarations,
          invitation: row.invitation,
          ...(row.group_size !== null && { groupSize: row.group_size }),
        },
        {
          counts: await repo.counts(network.id, sessionId),
          duplicate: await repo.hasActive(network.id, sessionId, row.email_lower),
          organisationCount: row.organisation_lower ? await repo.organisationCount(network.id, sessionId, row.organisation_lower, id) : 0,
        },
        now,
      );
      if (decision.outcome === 'rejected') return { ok: false as const, code: decision.reasons[0]!.code, reasons: decision.reasons };
      await repo.move(id, sessionId, sessionId, decision.outcome, reserved);
      const moved = (await repo.byId(id))!;
      const position = decision.outcome === 'waitlisted' ? await repo.position(moved) : undefined;
      // The old session's calendar item goes out of the person's calendar in the same e-mail.
      const withdrawn = hasCalendarItem(row.status) && row.session_id ? { withdrawnSessionId: row.session_id } : {};
      await this.#ctx.mail(repo, network, moved, decision.outcome, { ...(position !== undefined && { position }), ...withdrawn });
      if (withdrawn.withdrawnSessionId) await this.#ctx.withdrew(repo, id, [withdrawn.withdrawnSessionId]);
      await this.#status.promote(repo, network, row.target);
      return { ok: true as const, row: moved, ...(position !== undefined && { position }) };
    });
  }

  /**
   * The participant changes which optional sessions they come to, or which session of a choice
   * group (session-places.ts): a place they hold stays theirs, a new one is decided as for a new
   * registration, and a place given up goes to the first who waits for that session.
   */
  async changeJoins(
    id: string,
    joins: string[],
  ): Promise<{ ok: true; row: RegistrationRow } | { ok: false; code: 'not-found' | 'not-changeable' | 'invalid' } | { ok: false; code: 'session-full'; session: string }> {
    const current = await this.byId(id);
    const network = current && !current.erased_at ? this.#ctx.network(current.network_id) : undefined;
    if (!current || !network) return { ok: false, code: 'not-found' };
    const own = ownPlaceSessions(network);
    if (!own.some((s) => s.optional || s.chooseOne)) return { ok: false, code: 'not-changeable' };
    if (joinsFaults(network, joins).length) return { ok: false, code: 'invalid' };
    return this.#ctx.transaction(async (repo) => {
      for (const target of ['network', ...own.map((s) => s.id).sort()]) await repo.lock(network.id, target);
      const row = (await repo.byId(id))!;
      const actions = manageActions(network, { status: row.status }, this.#ctx.now(network.id));
      if (!actions.cancel && !actions.leaveWaitlist) return { ok: false as const, code: 'not-changeable' as const };
      const counts = Object.fromEntries(await Promise.all(own.map(async (s) => [s.id, await repo.counts(network.id, s.id)] as const)));
      let places = sessionPlaces(network, joins, row.status === 'waitlisted' ? {} : counts, row.places);
      // Waiting for the series: what they join is kept, decided when they move up.
      if (row.status === 'waitlisted') places = Object.fromEntries(Object.entries(places).map(([k, v]) => [k, v === 'declined' ? v : 'waitlisted']));
      // No waiting list in this network: a full session is refused, and nothing changes (core decides).
      const full = row.status === 'waitlisted' ? undefined : fullWithoutWaitlist(network, places, row.places);
      if (full) return { ok: false as const, code: 'session-full' as const, session: full };
      await repo.setPlaces(id, places);
      // Issue 23: the person hears of the change with their calendar: the sessions they have a
      // place at (PUBLISH), and those they left cancelled (CANCEL, same UID, higher SEQUENCE).
      if (hasCalendarItem(row.status)) {
        const left = Object.keys(places).filter((s) => places[s] === 'declined' && row.places[s] === 'confirmed');
        await this.#ctx.mail(repo, network, { ...row, places }, 'joins-changed', { withdrawnSessionIds: left, hasPlace: row.status === 'confirmed' });
        await this.#ctx.withdrew(repo, id, left);
      }
      await this.#status.promote(repo, network, 'network');
      return { ok: true as const, row: (await repo.byId(id))! };
    });
  }

  /**
   * "Send me my link again": one e-mail per registration of this address that is still active,
   * each with its own manage link. Nothing tells the caller whether the address is known.
   */
  async sendManageLinks(email: string): Promise<void> {
    const rows = await this.#ctx.repo.activeByEmail(email.toLowerCase(), MANAGE_LINKS_MAX);
    if (!rows.length) return;
    await this.#ctx.transaction(async (repo) => {
      for (const row of rows) {
        const network = this.#ctx.network(row.network_id);
        if (network) await this.#ctx.mail(repo, network, row, 'manage-link');
      }
    });
  }

  /**
   * Issue 23: after the free-cancellation term the cancel goes through and the fee stands (core
   * decides); an erasure that cancels a place does not bypass it.
   */
  #feeStands(row: RegistrationRow): number | undefined {
    const network = this.#ctx.network(row.network_id);
    return network && feeStandsOnCancel(network, managed(row), this.#ctx.now(network.id));
  }

  /**
   * The participant erases their data; an active registration is cancelled first, and a fee that
   * stands with it is kept, with what its invoice needs, until retention (the manage page says so first).
   */
  async erase(id: string): Promise<ChangeResult> {
    const r = await this.#status.change(id, (row) => (isActive(row.status) ? 'cancelled' : row.status), undefined, { erase: true, feeStands: (row) => this.#feeStands(row) });
    if (r.ok && this.#ctx.opts.outboxDir) await removeMailFiles(this.#ctx.opts.outboxDir, [id]);
    return r;
  }
}

/** A stored registration as core's manage rules read it. */
function managed(row: RegistrationRow): ManagedRegistration {
  return { status: row.status, ...(row.session_id && { sessionId: row.session_id }), ...(row.participant.organisationType && { organisationType: row.participant.organisationType }) };
}
