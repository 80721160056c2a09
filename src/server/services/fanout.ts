/**
 * Fan-out jobs (issue 27; storage/fanout-jobs.ts): a save or a message that concerns more people
 * than its request can queue in time records a job; this expands one batch of the oldest ready
 * job in one transaction (its outbox rows and its cursor together), called by the delivery job
 * before each batch it sends. Two processes never expand the same job at once (SKIP LOCKED); a
 * process killed mid-batch leaves nothing of that batch, and the next turn does it again. A batch
 * that fails counts as a try of its job (failedFanoutTry): the job waits, and is given up after
 * five, so one broken job never holds up the others or the outbox. A failure that passes (the
 * database away, a lock or statement timeout) is no try: the job only waits a moment, so an
 * outage never makes a job give up; but one that keeps coming back long enough (PASSING_LIMIT in
 * a row over PASSING_SPAN_MS by the fan-out clock) does count, so a batch that never gets through
 * is given up as well.
 */
import { advanceFanout, anyOpenFanout, claimFanout, expandMessageBatch, failedFanoutTry, FanoutFailed, passingFanoutFailure, type FanoutJob } from '../storage/fanout-jobs.js';
import { isConnectionFailure } from '../storage/db.js';
import type { RegistrationContext } from './context.js';
import type { Notices } from './notices.js';

/**
 * People per batch: a message's batch is one statement in the database; a save's is composed in
 * this process, on the thread that also answers requests, so a small batch keeps each pause short.
 */
const BATCH = { message: 5000, revision: 100 } as const;

/** Lock timeout (55P03) and statement timeout or cancel (57014): a try that may go well a moment later. */
const PASSING = new Set(['55P03', '57014']);
const passing = (error: unknown) => isConnectionFailure(error) || PASSING.has(String((error as { code?: unknown } | undefined)?.code));

export class Fanouts {
  readonly #ctx: RegistrationContext;
  readonly #notices: Notices;

  constructor(context: RegistrationContext, notices: Notices) {
    this.#ctx = context;
    this.#notices = notices;
  }

  /** Expands one batch of the oldest ready job that no other process holds; false when there was none. A failed batch rejects with its own error, its try counted. */
  async expandOne(): Promise<boolean> {
    try {
      return await this.expandForDelivery();
    } catch (error) {
      throw error instanceof FanoutFailed ? error.cause : error;
    }
  }

  /**
   * As expandOne, for the delivery job: a failed batch rejects with FanoutFailed (which job, which
   * try; the cause is the batch's error), so the turn notes it and goes on.
   */
  async expandForDelivery(): Promise<boolean> {
    // Delivery asks before every batch, after every registration: most turns have no job.
    if (!(await anyOpenFanout(this.#ctx.db))) return false;
    let claimed: FanoutJob | undefined;
    try {
      return await this.#ctx.db.transaction(async (tx) => {
        const job = (claimed = await claimFanout(tx));
        if (!job) return false;
        if (job.kind === 'message') {
          const limit = this.#ctx.opts.fanoutBatch ?? BATCH.message;
          const { last, count } = await expandMessageBatch(tx, job, limit);
          await advanceFanout(tx, job.id, last, count < limit);
        } else if (job.kind === 'revision') await this.#notices.expandRevision(tx, job, this.#ctx.opts.fanoutBatch ?? BATCH.revision);
        else await advanceFanout(tx, job.id, job.afterKey, true);
        return true;
      });
    } catch (error) {
      // Failing before a job was claimed (the database away) is the turn's failure, not a job's.
      if (!claimed) throw error;
      // A passing failure is counted only once it has lasted; with the database away, not even the wait is recorded.
      const tries = passing(error)
        ? await passingFanoutFailure(this.#ctx.db, claimed.id, this.#ctx.opts.fanoutClock?.() ?? new Date()).catch(() => undefined)
        : await failedFanoutTry(this.#ctx.db, claimed.id);
      throw new FanoutFailed(claimed.id, claimed.kind, claimed.networkId, tries, error);
    }
  }
}
