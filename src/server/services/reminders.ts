/**
 * Reminders: the job that tells each person concerned about a session shortly before it starts,
 * once per registration, session and start time, whichever process runs it.
 */
import { composeMail } from '../mail/compose.js';
import { ownPlaceIn } from '../mail/compose-calendar.js';
import { keepsRegistrations, registrationScope, sessionStart } from '../../core/index.js';
import { DAY, type RegistrationContext } from './context.js';

export class Reminders {
  readonly #ctx: RegistrationContext;

  constructor(context: RegistrationContext) {
    this.#ctx = context;
  }

  /**
   * The reminder job: for each dated session that starts within the network's
   * `registration.reminderDaysBefore` days (2 by default; 0 for none) and has not started yet,
   * one e-mail to each person concerned. Each is claimed with SKIP LOCKED and recorded per
   * registration, session and start time in the transaction that queues it, so any number of
   * processes send it once; a session that moves gets a new reminder for its new time. The
   * online join link is only for people with a place. `now` is the clock (tests give their
   * own); each network's own clock by default. Returns how many were queued.
   */
  async sendReminders(now?: Date, batch = 200): Promise<number> {
    let queued = 0;
    for (const network of [...this.#ctx.networks.values()]) {
      const days = network.registration.reminderDaysBefore ?? 2;
      if (!keepsRegistrations(network) || days <= 0) continue;
      const at = (now ?? this.#ctx.now(network.id)).getTime();
      const perSession = registrationScope(network) === 'session';
      for (const session of network.sessions) {
        const start = sessionStart(session);
        if (!start || session.status === 'cancelled' || start.getTime() <= at || start.getTime() - days * DAY > at) continue;
        for (;;) {
          const r = await this.#ctx.transaction(async (repo, mailings) => {
            const rows = await mailings.claimReminders(network.id, perSession ? session.id : 'network', session.id, start, batch);
            // Recorded and queued in one statement each, however many people (issue 27).
            const marked = await mailings.markReminded(rows.map((r) => r.id), session.id, start);
            // The calendar item in a reminder says what the feed says (SEQUENCE, DTSTAMP).
            const timeline = marked.size ? await this.#ctx.timeline(repo, network) : undefined;
            const mails = [];
            for (const row of rows) {
              if (!marked.has(row.id)) continue;
              // Inside a series: nothing for a session the person does not come to; waiting for its place is said as such.
              const own = ownPlaceIn(row.places, session.id);
              if (own === 'declined') continue;
              const manageUrl = this.#ctx.manageUrl(row.id);
              const message = composeMail('reminder', {
                network,
                ...(timeline && { timeline }),
                ...(row.calendar_withdrawals && { withdrawals: row.calendar_withdrawals }),
                sessionId: session.id,
                participant: row.participant,
                locale: row.locale,
                hasPlace: row.status === 'confirmed' && own !== 'waitlisted',
                status: own === 'waitlisted' ? own : row.status,
                ...(manageUrl && { manageUrl }),
                // Which sessions are over by the same clock that chose to remind (the network's).
                now: new Date(at),
              });
              mails.push({ registrationId: row.id, kind: 'reminder', message });
            }
            await repo.enqueueAll(mails);
            const sent = mails.length;
            return { claimed: rows.length, sent };
          });
          queued += r.sent;
          if (r.claimed < batch) break;
        }
      }
    }
    return queued;
  }
}
