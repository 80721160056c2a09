/**
 * An organiser changes a registration themselves: corrects what the person gave (their details,
 * answers, declarations) and moves it to another session. The rules are core's
 * (`personalReasons`, `decideOrganiserRegistration`), decided under the target's lock as every
 * change of places is; a move sends the person the e-mail and calendar items they would get had
 * they moved themselves, and the freed place goes to the waiting list. Adding someone and
 * importing a list are Registering's (registering.ts), cancelling is Intake's `remove`.
 */
import { personalReasons, validateRegistrationInput, findSession, fitsTargetReservation, refit, registrationScope, type Network, type OrganisationType, type Problem, type Reason } from '../../core/index.js';
import { decideOrganiserRegistration } from '../../core/organiser-registration.js';
import { organisationKey } from '../../core/organisation-name.js';
import { hasCalendarItem } from '../mail/compose.js';
import type { RegistrationRow } from '../storage/registrations.js';
import { LEVEL_WITHDRAWALS } from '../storage/registration-rows.js';
import { isActive, type RegistrationContext } from './context.js';
import type { StatusChange } from './status-change.js';

export type OrganiserChangeResult =
  | { ok: true; row: RegistrationRow; position?: number; overCapacity?: boolean }
  | { ok: false; code: 'not-found' | 'not-active' | 'same-session' | 'not-per-session' }
  | { ok: false; code: 'invalid'; problems: Problem[] }
  | { ok: false; code: 'rejected'; reasons: Reason[] };

export class OrganiserChanges {
  readonly #ctx: RegistrationContext;
  readonly #status: StatusChange;

  constructor(context: RegistrationContext, status: StatusChange) {
    this.#ctx = context;
    this.#status = status;
  }

  async #active(id: string): Promise<{ row: RegistrationRow; network: Network } | { code: 'not-found' | 'not-active' }> {
    const row = await this.#ctx.repo.byId(id);
    const network = row && !row.erased_at ? this.#ctx.network(row.network_id) : undefined;
    if (!row || !network) return { code: 'not-found' };
    if (!isActive(row.status)) return { code: 'not-active' };
    return { row, network };
  }

  /**
   * Corrects a registration's details: checked as the form checks them (an organiser needs no
   * invitation code), then the rules about the person at its target: a new address that is
   * already registered there, or a new organisation over its limit, is refused. No e-mail: the
   * person did not change anything. Whether they fit a reservation is worked out again (issue 23,
   * core `refit`): they keep their place, the organiser is told when it is now past the general
   * places, and a general place it frees goes to the waiting list.
   */
  async edit(id: string, body: unknown): Promise<OrganiserChangeResult> {
    const found = await this.#active(id);
    if ('code' in found) return { ok: false, code: found.code };
    const { network } = found;
    const raw = { ...(typeof body === 'object' && body ? body : {}), ...(found.row.session_id && { sessionId: found.row.session_id }), invitationCode: 'organiser' };
    delete (raw as { formToken?: unknown }).formToken;
    const checked = validateRegistrationInput(network, raw);
    if (!checked.ok) return { ok: false, code: 'invalid', problems: checked.problems };
    const input = checked.value;
    const p = input.participant;
    const email = p.email.toLowerCase();
    const organisation = p.organisation ? organisationKey(p.organisation) : null;
    return this.#ctx.transaction(async (repo) => {
      await repo.lock(network.id, found.row.target);
      const row = (await repo.byId(id))!;
      const holdsPlace = row.status !== 'waitlisted';
      const reasons = personalReasons(
        network,
        { ...(p.organisationType && { organisationType: p.organisationType as OrganisationType }), declarations: input.declarations ?? [], invitation: 'valid', ...(input.groupSize !== undefined && { groupSize: input.groupSize }) },
        {
          duplicate: email !== row.email_lower && (await repo.hasActive(network.id, row.target, email)),
          // Only a new organisation can go over its limit: the old one was counted when they came.
          organisationCount: holdsPlace && organisation && organisation !== row.organisation_lower ? await repo.organisationCount(network.id, row.target, organisation, id) : 0,
        },
      );
      if (reasons.length) return { ok: false as const, code: 'rejected' as const, reasons };
      const sessionId = row.session_id ?? undefined;
      const fits = fitsTargetReservation(network, sessionId, { organisation: p.organisation, organisationType: p.organisationType });
      const fit = refit(network, findSession(network, sessionId), await repo.counts(network.id, row.target), { holdsPlace, reserved: row.reserved ?? false }, fits);
      await repo.updateDetails(id, {
        reserved: fit.reserved,
        participant: p,
        emailLower: email,
        organisationLower: organisation,
        organisationType: p.organisationType ?? null,
        declarations: input.declarations ?? [],
        answers: input.answers ?? {},
        groupSize: input.groupSize ?? row.group_size,
      });
      // At another address it holds the withdrawals of both, so what it sends next outranks a CANCEL that calendar holds.
      if (email !== row.email_lower) await repo.queryable.query(LEVEL_WITHDRAWALS, [id]);
      if (holdsPlace && fit.reserved && !row.reserved) await this.#status.promote(repo, network, row.target);
      return { ok: true as const, row: (await repo.byId(id))!, ...fit.overCapacity && { overCapacity: true } };
    });
  }

  /**
   * Moves a registration to another session (networks with registration per session). The new
   * session decides as for someone the organiser adds there (core), so the organiser may give a
   * place past capacity; both sessions are locked in a fixed order. The person gets the e-mail of
   * their new status with the old session's calendar item withdrawn, as after their own move.
   */
  async move(id: string, sessionId: string, overCapacity: boolean): Promise<OrganiserChangeResult> {
    const found = await this.#active(id);
    if ('code' in found) return { ok: false, code: found.code };
    const { network } = found;
    if (registrationScope(network) !== 'session') return { ok: false, code: 'not-per-session' };
    if (!findSession(network, sessionId)) return { ok: false, code: 'rejected', reasons: [{ code: 'unknown-session' }] };
    if (found.row.session_id === sessionId) return { ok: false, code: 'same-session' };
    return this.#ctx.transaction(async (repo) => {
      for (const target of [found.row.target, sessionId].sort()) await repo.lock(network.id, target);
      const row = (await repo.byId(id))!;
      if (!isActive(row.status)) return { ok: false as const, code: 'not-active' as const };
      const reserved = fitsTargetReservation(network, sessionId, { organisation: row.participant.organisation, organisationType: row.organisation_type });
      const decision = decideOrganiserRegistration(
        network,
        { sessionId, reserved, ...(row.organisation_type && { organisationType: row.organisation_type as OrganisationType }), declarations: row.declarations, ...(row.group_size !== null && { groupSize: row.group_size }) },
        {
          counts: await repo.counts(network.id, sessionId),
          duplicate: await repo.hasActive(network.id, sessionId, row.email_lower),
          organisationCount: row.organisation_lower ? await repo.organisationCount(network.id, sessionId, row.organisation_lower, id) : 0,
        },
        this.#ctx.now(network.id),
        { overCapacity },
      );
      if (decision.outcome === 'rejected') return { ok: false as const, code: 'rejected' as const, reasons: decision.reasons };
      await repo.move(id, sessionId, sessionId, decision.outcome, reserved);
      const moved = (await repo.byId(id))!;
      const position = decision.outcome === 'waitlisted' ? await repo.position(moved) : undefined;
      const withdrawn = hasCalendarItem(row.status) && row.session_id ? { withdrawnSessionId: row.session_id } : {};
      await this.#ctx.mail(repo, network, moved, decision.outcome, { ...(position !== undefined && { position }), ...withdrawn });
      if (withdrawn.withdrawnSessionId) await this.#ctx.withdrew(repo, moved.id, [withdrawn.withdrawnSessionId]);
      await this.#status.promote(repo, network, row.target);
      return { ok: true as const, row: moved, ...(position !== undefined && { position }), ...(decision.overCapacity && { overCapacity: true }) };
    });
  }
}
