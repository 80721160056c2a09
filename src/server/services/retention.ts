/**
 * Retention: erasing personal data once its retention period is over, and the .eml files of
 * every erased registration; also organisers' digests that name an erased person (their rows
 * and files), but no other mail without a registration (a sign-in link); outbox rows sent
 * longer ago than the outbox keeps them (pruneSentMail); and whom ended fan-out jobs told.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sessionOverAt } from '../../core/index.js';
import { mailFiles, namingMailFiles, removeMailFiles } from '../mail/delivery.js';
import { forgetMailNamingErased, outboxRowsKept, pruneSentMail } from '../storage/outbox.js';
import { forgetEndedTold } from '../storage/fanout-jobs.js';
import { DAY, type RegistrationContext } from './context.js';

export class Retention {
  readonly #ctx: RegistrationContext;

  constructor(context: RegistrationContext) {
    this.#ctx = context;
  }

  /**
   * Removes personal data once its retention period (the network's `privacy.retentionDays`, or
   * `defaultRetentionDays`) is over: counted from the later of the network's last dated session
   * and the registration's last change. A network without any dated session, or whose document
   * is no longer served, counts from the registration's last change alone. Sessions still to be
   * dated do not hold data back for ever. Also removes the .eml files of every erased
   * registration. Returns how many registrations were erased.
   */
  async purgeExpired(defaultRetentionDays = 365): Promise<number> {
    let erased = 0;
    for (const id of await this.#ctx.repo.networksWithData()) {
      const network = this.#ctx.networks.get(id);
      const days = network?.registration.privacy?.retentionDays ?? defaultRetentionDays;
      const now = this.#ctx.now(id).getTime();
      const ends = (network?.sessions ?? []).map((s) => sessionOverAt(s)?.getTime()).filter((t): t is number => t !== undefined);
      if (ends.length && Math.max(...ends) + days * DAY > now) continue;
      erased += await this.#ctx.transaction(async (repo) => {
        const ids = await repo.eraseUnchangedSince(id, new Date(now - days * DAY));
        if (ids.length) await repo.forgetCopies(ids);
        return ids.length;
      });
    }
    await this.#ctx.repo.forgetOldIdempotency();
    // Digests naming someone erased, by this purge or earlier by the person: rows, then files.
    await forgetMailNamingErased(this.#ctx.db);
    // What fan-out jobs that ended still hold of whom they told (a digest of an address is personal data).
    await forgetEndedTold(this.#ctx.db);
    // Sent mail is not kept for ever (issue 27): the outbox would only grow.
    await pruneSentMail(this.#ctx.db);
    if (this.#ctx.opts.outboxDir) await this.#sweepMailFiles(this.#ctx.opts.outboxDir);
    return erased;
  }

  /**
   * Removes the .eml files of registrations that are erased (or unknown): also those another
   * process erased, or that an erase could not remove because it stopped half-way.
   */
  async #sweepMailFiles(outboxDir: string): Promise<void> {
    const files = await mailFiles(outboxDir);
    if (files.size) {
      const live = await this.#ctx.repo.liveIds([...files.keys()]);
      await removeMailFiles(outboxDir, [...files.keys()].filter((id) => !live.has(id)), files);
    }
    // A digest's file goes with its row (removed above, or by a purge that stopped half-way).
    const naming = await namingMailFiles(outboxDir);
    const kept = await outboxRowsKept(this.#ctx.db, [...naming.keys()]);
    for (const [row, names] of naming) if (!kept.has(row)) for (const name of names) await rm(join(outboxDir, name), { force: true });
  }
}
