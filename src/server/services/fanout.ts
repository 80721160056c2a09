/**
 * Fan-out jobs (issue 27; storage/fanout-jobs.ts): a save or a message that concerns more people
 * than its request can queue in time records a job; this expands one batch of the oldest open
 * job in one transaction (its outbox rows and its cursor together), called by the delivery job
 * before each batch it sends. Two processes never expand the same job at once (SKIP LOCKED); a
 * process killed mid-batch leaves nothing of that batch, and the next turn does it again.
 */
import { advanceFanout, anyOpenFanout, claimFanout, expandMessageBatch } from '../storage/fanout-jobs.js';
import type { RegistrationContext } from './context.js';
import type { Notices } from './notices.js';

/**
 * People per batch: a message's batch is one statement in the database; a save's is composed in
 * this process, on the thread that also answers requests, so a small batch keeps each pause short.
 */
const BATCH = { message: 5000, revision: 100 } as const;

export class Fanouts {
  readonly #ctx: RegistrationContext;
  readonly #notices: Notices;

  constructor(context: RegistrationContext, notices: Notices) {
    this.#ctx = context;
    this.#notices = notices;
  }

  /** Expands one batch of the oldest open job that no other process holds; false when there was none. */
  async expandOne(): Promise<boolean> {
    // Delivery asks before every batch, after every registration: most turns have no job.
    if (!(await anyOpenFanout(this.#ctx.db))) return false;
    return this.#ctx.db.transaction(async (tx) => {
      const job = await claimFanout(tx);
      if (!job) return false;
      if (job.kind === 'message') {
        const { last, count } = await expandMessageBatch(tx, job, BATCH.message);
        await advanceFanout(tx, job.id, last, count < BATCH.message);
      } else if (job.kind === 'revision') await this.#notices.expandRevision(tx, job, BATCH.revision);
      else await advanceFanout(tx, job.id, job.upToSeq, true);
      return true;
    });
  }
}
