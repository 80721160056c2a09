/**
 * Messages and digests: an organiser's message to the people of a network (previewed, sent
 * through the outbox in one transaction, listed), and the daily digest for organisers who chose
 * one over an e-mail per registration (setNotify).
 */
import { randomUUID } from 'node:crypto';
import {
  registrationScope,
  type Network,
  type MessageRequest,
  type SentMessage,
  type MessageStatus,
  type NotifyPreference,
} from '../../core/index.js';
import { composeOrganiserMail } from '../mail/compose.js';
import { amsterdamDate, startOfAmsterdamDay } from '../../core/time.js';
import { MailingRepository, type RegistrationRow } from '../storage/registrations.js';
import { recordFanout } from '../storage/fanout-jobs.js';
import type { RegistrationContext } from './context.js';

/** An organiser's message, its text already checked (`freeText`). */
export type OrganiserMessage = Pick<MessageRequest, 'sessionId' | 'statuses' | 'subject' | 'body' | 'registrationIds'>;

/** How many people a message is queued for within its own request (one statement); more by a fan-out job (issue 27). */
/** The target a message is limited to: its session's, where registration is per session (the preview and the sending both ask). */
const messageTarget = (network: Network, m: OrganiserMessage): string | undefined => (m.sessionId && registrationScope(network) === 'session' ? m.sessionId : undefined);

const MESSAGE_INLINE = 2000;

export class Messages {
  readonly #ctx: RegistrationContext;

  constructor(context: RegistrationContext) {
    this.#ctx = context;
  }

  /** Who a message goes to: people with the chosen statuses; a session narrows it only where people register per session. */
  #recipients(mailings: MailingRepository, network: Network, m: OrganiserMessage): Promise<RegistrationRow[]> {
    return mailings.messageRecipients(network.id, m.statuses, messageTarget(network, m), m.registrationIds);
  }

  /** The message as its first recipient will get it, and how many get it; undefined when nobody would. */
  async previewMessage(network: Network, m: OrganiserMessage): Promise<{ recipients: number; subject: string; text: string } | undefined> {
    const people = await this.#recipients(this.#ctx.mailings, network, m);
    if (!people.length) return undefined;
    const first = this.#ctx.messageMail(network, people[0]!, m);
    return { recipients: people.length, subject: first.subject, text: first.text };
  }

  /**
   * Records the message and queues it for every recipient in one statement (issue 27): the
   * delivery job composes each e-mail (messageMail); undefined when nobody would get it.
   */
  async sendMessage(network: Network, m: OrganiserMessage, sentBy: string | null): Promise<{ id: string; recipients: number } | undefined> {
    const target = messageTarget(network, m);
    const id = randomUUID();
    // More people than one statement queues in time: the message and a fan-out job, in one
    // transaction; the delivery job lists and queues its people a batch at a time (issue 27).
    const count = await this.#ctx.mailings.countRecipients(network.id, m.statuses, target, m.registrationIds);
    if (!count) return undefined;
    if (count > (this.#ctx.opts.fanoutInline ?? MESSAGE_INLINE)) {
      await this.#ctx.db.transaction(async (tx) => {
        await new MailingRepository(tx).insertMessage({ id, networkId: network.id, sessionId: m.sessionId ?? null, statuses: m.statuses, subject: m.subject, body: m.body, sentBy }, []);
        await recordFanout(tx, 'message', network.id, { messageId: id, statuses: m.statuses, target: target ?? null, ids: m.registrationIds ?? null, recipients: count });
      });
      return { id, recipients: count };
    }
    const recipients = await this.#ctx.mailings.queueMessage(
      { id, networkId: network.id, sessionId: m.sessionId ?? null, statuses: m.statuses, subject: m.subject, body: m.body, sentBy },
      target,
      m.registrationIds,
    );
    return recipients ? { id, recipients } : undefined;
  }

  /** What organisers sent, newest first, with the recipients who are not erased. */
  async listMessages(networkId: string): Promise<SentMessage[]> {
    return (await this.#ctx.mailings.messages(networkId)).map((m) => ({
      id: m.id,
      at: new Date(m.created_at).toISOString(),
      sessionId: m.session_id,
      statuses: m.statuses as MessageStatus[],
      subject: m.subject,
      body: m.body,
      sentBy: m.sent_by,
      recipients: m.recipients.map((r) => ({ registrationId: r.registrationId, name: r.participant.name, email: r.participant.email })),
      ...(m.delivery && { delivery: m.delivery }),
    }));
  }

  /**
   * Sends each organiser who chose a digest one e-mail with the registrations of the previous
   * Amsterdam day over their networks. Safe to run often and from several processes: a digest is
   * claimed per organiser and day in the transaction that queues it. Returns how many were queued.
   */
  async sendDigests(now: Date = new Date()): Promise<number> {
    const today = amsterdamDate(now);
    const to = startOfAmsterdamDay(today);
    const day = amsterdamDate(new Date(to.getTime() - 1));
    const from = startOfAmsterdamDay(day);
    let queued = 0;
    for (const o of await this.#ctx.mailings.digestOrganisers()) {
      const networks = o.networks.filter((id) => this.#ctx.networks.has(id));
      if (!networks.length) continue;
      queued += await this.#ctx.transaction(async (repo, mailings) => {
        if (!(await mailings.claimDigest(o.id, day))) return 0;
        const rows = await mailings.createdBetween(networks, from, to);
        if (!rows.length) return 0;
        const news = rows.map((r) => ({ network: this.#ctx.networks.get(r.network_id)!, sessionId: r.session_id, participant: r.participant, groupSize: r.group_size, status: r.status }));
        const message = composeOrganiserMail('organiser-digest', { to: o, locale: 'nl', consoleUrl: this.#ctx.consoleUrl(), news, day });
        // The digest names these people: purging them removes it (retention.ts).
        await repo.enqueue(null, 'organiser-digest', message, rows.map((r) => r.id));
        return 1;
      });
    }
    return queued;
  }

  /** An organiser's choice of how to hear about new registrations. */
  setNotify(organiserId: string, notify: NotifyPreference): Promise<void> {
    return this.#ctx.mailings.setNotify(organiserId, notify);
  }
}
