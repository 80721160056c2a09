/**
 * Sending what the outbox holds: the transport (SMTP, or .eml files for a developer to read),
 * the .eml files kept per registration (so erasing removes them), and the delivery job that
 * claims, composes where a row holds facts, sends and marks. Composition lives in compose.ts,
 * the outbox's SQL in ../storage/outbox.ts.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Queryable, Db } from '../storage/db.js';
import { claimOutbox, claimOrganiserNews, markSent, releaseClaim, returnClaims, setNames, stillToSend, type OutboxRow } from '../storage/outbox.js';
import type { MailMessage } from './compose.js';
import { sender, writeMime, type MimeAttachment, type Sender } from './mime.js';
import { FanoutFailed } from '../storage/fanout-jobs.js';

export { claimOutbox, type OutboxRow } from '../storage/outbox.js';

export interface Mailer {
  /**
   * Sends one message; `registrationId` names the .eml file, so erase and purge can find it
   * again, and `namingRow` (the outbox row of a message that names other people: a digest) too.
   * Without SMTP, resolves to the file it wrote.
   */
  send(message: MailMessage, meta?: { registrationId?: string | null; namingRow?: string }): Promise<string | undefined>;
  readonly description: string;
  /** How many messages it is given at once (SMTP: twice its pool's connections); one by default. */
  readonly concurrency?: number;
}

const REGISTRATION_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The .eml files in an outbox folder, grouped by what `key` finds in their names (files it finds nothing in are left out). */
async function emlFilesBy(outboxDir: string, key: (name: string) => string | undefined): Promise<Map<string, string[]>> {
  const grouped = new Map<string, string[]>();
  let names: string[];
  try {
    names = await readdir(outboxDir);
  } catch {
    return grouped;
  }
  for (const name of names) {
    const k = name.endsWith('.eml') ? key(name) : undefined;
    if (k) grouped.set(k, [...(grouped.get(k) ?? []), name]);
  }
  return grouped;
}

/** The .eml files in an outbox folder, by the registration they were written for. */
export function mailFiles(outboxDir: string): Promise<Map<string, string[]>> {
  return emlFilesBy(outboxDir, (name) => REGISTRATION_ID.exec(name)?.[0]);
}

/** The .eml file of an outbox row that names other people ends so: `-names<row id>.eml`. */
const NAMING_ROW = /-names(\d+)\.eml$/;

/** The .eml files of messages that name other people (digests, gathered news), by their outbox row. */
export function namingMailFiles(outboxDir: string): Promise<Map<string, string[]>> {
  return emlFilesBy(outboxDir, (name) => NAMING_ROW.exec(name)?.[1]);
}

/** Removes the .eml files written for these registrations. Returns how many. */
export async function removeMailFiles(outboxDir: string, registrationIds: Iterable<string>, files?: Map<string, string[]>): Promise<number> {
  const byId = files ?? (await mailFiles(outboxDir));
  let removed = 0;
  for (const id of registrationIds) {
    for (const name of byId.get(id) ?? []) {
      await rm(join(outboxDir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/** The address in a From header ("leerkring <noreply@example.org>" or the bare address). */
const addressOf = (from: string) => /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();

/**
 * A calendar whose events have no ORGANIZER (a network without a contact address) gets the
 * sender's: iTIP (RFC 5546) requires one in a PUBLISH and a CANCEL.
 */
export function withOrganizer(ics: string, from: string): string {
  if (/\r\nORGANIZER[;:]/.test(ics)) return ics;
  const address = addressOf(from);
  if (!/^[^\s@<>",;:]+@[^\s@<>",;:]+$/.test(address)) return ics;
  return ics.replaceAll('BEGIN:VEVENT\r\n', `BEGIN:VEVENT\r\nORGANIZER:mailto:${address}\r\n`);
}

/** A message's attachments as the mailer sends them, its calendars with an ORGANIZER. */
function attachmentsOf(message: MailMessage, from: string): MimeAttachment[] {
  // Each calendar once, as a text/calendar attachment whose METHOD its header repeats
  // (nodemailer's icalEvent would add every calendar a second time, as an alternative body).
  const calendars = [...(message.ics ? [{ ...message.ics, method: message.ics.method ?? 'PUBLISH' }] : []), ...(message.moreIcs ?? [])];
  return calendars
    .map((f): MimeAttachment => ({ filename: f.filename, content: withOrganizer(f.content, from), contentType: `text/calendar; charset=utf-8; method=${f.method}` }))
    .concat((message.files ?? []).map((f) => ({ filename: f.filename, content: Buffer.from(f.base64, 'base64'), contentType: f.contentType })));
}

/** What nodemailer is given for a message mime.ts does not write (scripts/bench-mail.mjs and the tests compare with it). */
export function mailOptions(message: MailMessage, from: string): SendMailOptions {
  const { to, replyTo, subject, text } = message;
  return { from, to, ...(replyTo && { replyTo }), subject, text, attachments: attachmentsOf(message, from) };
}

/** The message as MIME written in one pass (mime.ts), or undefined where nodemailer composes it (the mailer's send; scripts/bench-mail.mjs). */
export const rawMime = (message: MailMessage, from: string, sent: Sender) =>
  writeMime(sent, { to: message.to, ...(message.replyTo && { replyTo: message.replyTo }), subject: message.subject, text: message.text, attachments: attachmentsOf(message, from) });

/** The most connections one process opens to the SMTP server, and so the most messages it sends at once. */
export const SMTP_CONNECTIONS = 5;

export function createMailer(options: { smtpUrl?: string; outboxDir: string; from: string }): Mailer {
  const { smtpUrl, outboxDir, from } = options;
  // Over SMTP, a pool of at most SMTP_CONNECTIONS connections, each used for many messages and
  // closed after a second without one (issue 27): before, every message opened a connection.
  const transport = smtpUrl
    ? nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS, idleTimeout: 1000 })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let counter = 0;
  const sent = sender(from, addressOf(from));
  return {
    description: smtpUrl ? `SMTP ${new URL(smtpUrl).host}` : `.eml files in ${outboxDir}`,
    // .eml files are written one after another: their names keep the order they were sent in.
    // Twice as many senders as connections (issue 27): while one message is on a connection, the
    // next is checked and composed and waits in the pool's queue, so no connection idles.
    concurrency: smtpUrl ? SMTP_CONNECTIONS * 2 : 1,
    async send(message, meta = {}) {
      const raw = rawMime(message, from, sent);
      // Over SMTP, a message written here goes as it is, its envelope naming the headers' addresses.
      if (smtpUrl) await transport.sendMail(raw === undefined ? mailOptions(message, from) : { envelope: { from: sent.address, to: [message.to] }, raw });
      else {
        const naming = meta.namingRow ? `-names${meta.namingRow}` : '';
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${meta.registrationId ?? 'none'}-${process.pid}-${counter++}${naming}.eml`;
        const data = raw ?? ((await transport.sendMail(mailOptions(message, from))) as unknown as { message: Buffer }).message;
        // The folder is made when a write finds it missing, not before every message (a system
        // call each, on the thread that also serves the registrations).
        await writeFile(join(outboxDir, name), data).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
          await mkdir(outboxDir, { recursive: true });
          await writeFile(join(outboxDir, name), data);
        });
        return join(outboxDir, name);
      }
      return undefined;
    },
  };
}

/**
 * Composes an outbox row that holds facts instead of a message, in the delivery job just before
 * sending, outside any transaction: a new registration's transaction then only writes the facts
 * known at decision time. Resolves to undefined when there is nothing to send any more (the
 * registration is gone or erased, or its network is); the row is then done without sending.
 */
export type ComposeOutbox = ((row: {
  registrationId: string | null;
  kind: string;
  facts: Record<string, unknown>;
  /** For 'organiser-new': the other rows for the same organiser that came in together; one e-mail tells them all (issue 24). */
  more?: { registrationId: string | null; facts: Record<string, unknown> }[];
}) => Promise<MailMessage | undefined>) & {
  /** A composer for one claimed batch that reads what its rows need at once (these registrations), instead of per row. */
  forBatch?: (registrationIds: string[]) => Promise<ComposeOutbox>;
  /** Expands one batch of a fan-out job into outbox rows (issue 27); false when none waits. */
  expand?: () => Promise<boolean>;
};

/** What deliverOutbox composes with when it is given nothing: per database, the first registration service over it. */
const composers = new WeakMap<Queryable, ComposeOutbox>();

/** Makes `compose` the one deliverOutbox uses for `db` when the caller gives none; the first one given stays. */
export function useOutboxComposer(db: Queryable, compose: ComposeOutbox): void {
  if (!composers.has(db)) composers.set(db, compose);
}

export interface DeliveryOptions {
  /** This worker's name in its claims; a random one by default. */
  worker?: string;
  /**
   * Composes rows that hold facts (ComposeOutbox); by default the one of the registration service
   * over `db`. A worker without one leaves those rows to a worker that can compose them.
   */
  compose?: ComposeOutbox;
  /**
   * How long a claim holds (5 minutes by default). A worker that died between claiming and
   * sending leaves its claim behind: after this long, another worker takes the message over.
   * Longer than any SMTP conversation, or a slow one would be sent twice.
   */
  claimTimeoutMs?: number;
  /** Called for each message written to an .eml file (no SMTP): its kind and the file. */
  onWritten?: (kind: string, file: string) => void;
  /** Asked after each batch: true ends the turn there (a server that stops does not send a whole backlog first). */
  stopping?: () => boolean;
  /** Notes a fan-out job that failed to expand (its try is counted; the turn goes on). */
  onError?: (error: unknown) => void;
}

const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * Sends what is waiting in the outbox, as a job off the request path. Messages are claimed in a
 * short transaction (SKIP LOCKED, so several server processes never claim the same one), sent
 * outside any transaction, then marked as sent; once sent, the text (which holds the manage
 * link) is removed from the database. A registration therefore never waits for SMTP, not even
 * on the embedded database, which runs one transaction at a time. A row with facts is composed
 * after its claim, just before sending; failing to compose counts as failing to send. While one
 * batch is sent, the next is claimed and read (issue 27), and marking sent does not hold up the
 * senders; each row is checked just before it is composed, so someone erased meanwhile gets
 * nothing composed from what was read before.
 */
export async function deliverOutbox(db: Db, mailer: Mailer, limit = 50, options: DeliveryOptions = {}): Promise<{ sent: number; failed: number }> {
  const worker = options.worker ?? `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const compose = options.compose ?? composers.get(db);
  // Organisers told of new registrations in this turn: at most one such e-mail each per turn.
  const told = new Set<string>();
  let sent = 0;
  let failed = 0;
  const prepare = async (): Promise<Prepared> => {
    // A big save or message is queued here, a batch of its people before each batch sent.
    // A job whose batch fails has its try counted and waits; the turn notes it and goes on.
    const expanded = (await compose?.expand?.().catch((error: unknown) => {
      if (!(error instanceof FanoutFailed)) throw error;
      options.onError?.(error);
      return true;
    })) ?? false;
    const claimed = await claimOutbox(db, worker, limit, options.claimTimeoutMs, compose !== undefined);
    const { rows: batch, deferred }: { rows: Gathered[]; deferred: boolean } = compose ? await gatherOrganiserNews(db, claimed, worker, options.claimTimeoutMs, told) : { rows: claimed, deferred: false };
    const registrations = [...new Set(batch.flatMap((row) => [row, ...(row.more ?? [])]).flatMap((r) => (!r.message && r.registration_id ? [r.registration_id] : [])))];
    // Failing to read them together leaves each row to compose on its own, as before.
    const composeNow = compose?.forBatch && registrations.length ? await compose.forBatch(registrations).catch(() => compose) : compose;
    return { expanded, claimed, batch, deferred, composeNow };
  };
  let next: Promise<Prepared> | undefined = prepare();
  for (;;) {
    const current: Prepared = await next!;
    const { expanded, claimed, batch, deferred, composeNow } = current;
    // A full batch: the next one is claimed and read while this one is sent.
    next = (claimed.length >= limit || expanded) && !deferred && !options.stopping?.() ? prepare() : undefined;
    next?.catch(() => {});
    const out = await sendBatch(db, mailer, batch, composeNow, worker, options);
    sent += out.sent;
    failed += out.failures;
    // A failure is tried again on the job's next turn, not at once in this one; so is news for an
    // organiser already told in this turn. A batch claimed ahead goes back untried.
    if (!next || out.failures || options.stopping?.()) {
      const ahead = await next?.catch(() => undefined);
      if (ahead) await returnClaims(db, ahead.batch.flatMap((r) => [r.id, ...(r.more ?? []).map((m) => m.id)]), worker);
      return { sent, failed };
    }
  }
}

type Prepared = { expanded: boolean; claimed: OutboxRow[]; batch: Gathered[]; deferred: boolean; composeNow: ComposeOutbox | undefined };

/** Sends one claimed batch (deliverOutbox); how many were sent, and how many failed (released for the next turn). */
async function sendBatch(db: Db, mailer: Mailer, batch: Gathered[], composeNow: ComposeOutbox | undefined, worker: string, options: DeliveryOptions): Promise<{ sent: number; failures: number }> {
  let sent = 0;
  let failures = 0;
  const done: string[] = [];
  // Marked as sent ten at a time, one after another, while the senders go on.
  let marking = Promise.resolve();
  const mark = (all: boolean) => {
    if (done.length >= 10 || (all && done.length)) {
      const ids = done.splice(0);
      marking = marking.then(() => markSent(db, ids));
    }
  };
  // Composed and sent `mailer.concurrency` at a time (SMTP: twice the pool's connections), each row on its own:
  // one row's failure is that row's.
  const sendOne = async (gathered: Gathered): Promise<void> => {
    let row = gathered;
    const ids = [row.id, ...(row.more ?? []).map((r) => r.id)];
    let message: MailMessage | undefined;
    try {
      if (!row.message && !composeNow) throw new Error('no composer for a row with facts');
      // Erased since the batch was read (the erasure removed the row): nothing is composed or sent
      // for that person. Of an organiser's gathered news (issue 24) the others still go: those
      // erased are left out, and if the first is, the rest wait for the next turn to be gathered again.
      if (row.registration_id) {
        // Ids as text: PostgreSQL gives a bigint as a string, PGlite as a number.
        const set = await stillToSend(db, ids.map(String));
        const kept = (id: string | number) => set.has(String(id));
        done.push(...ids.filter((id) => !kept(id)));
        if (!kept(row.id)) {
          // Given back without counting as a failed try: the next turn gathers them again.
          await returnClaims(db, (row.more ?? []).map((r) => r.id).filter(kept), worker);
          return;
        }
        if (row.more) row = { ...row, more: row.more.filter((r) => kept(r.id)) };
        ids.splice(0, ids.length, ...ids.filter((id) => kept(id)));
      }
      const more = row.more?.length ? { more: row.more.map((r) => ({ registrationId: r.registration_id, facts: parsed(r.facts ?? {}) })) } : {};
      message = row.message ? parsed(row.message as MailMessage | string) : await composeNow!({ registrationId: row.registration_id, kind: row.kind, facts: parsed(row.facts ?? {}), ...more });
      // One e-mail that names several people: the row keeps whom (as a digest does), so erasing any
      // of them removes it and its .eml file at the next purge, not only erasing the first.
      const names = row.more?.length ? gatheredNames(row) : row.names;
      if (message && row.more?.length) await setNames(db, row.id, names!);
      const file = message && (await mailer.send(message, { registrationId: row.registration_id, ...(names?.length && { namingRow: String(row.id) }) }));
      if (file) options.onWritten?.(row.kind, file);
    } catch (error) {
      // Free again at once: the next turn of the job tries again, up to ten attempts in all.
      for (const id of ids) await releaseClaim(db, id, worker, String((error as Error).message));
      failures++;
      return;
    }
    done.push(...ids);
    if (message) sent++;
    mark(false);
  };
  // Each person's e-mails one after another, in order (a confirmation before its cancellation);
  // `mailer.concurrency` people at a time, each sender taking the next person waiting. A batch of
  // no more rows than that (the everyday trickle) goes out one at a time, in the order queued.
  const byPerson = new Map<string, Gathered[]>();
  for (const row of batch) {
    const key = row.registration_id ?? row.id;
    byPerson.set(key, [...(byPerson.get(key) ?? []), row]);
  }
  const people = [...byPerson.values()];
  await Promise.all(
    Array.from({ length: batch.length <= (mailer.concurrency ?? 1) ? 1 : Math.min(mailer.concurrency ?? 1, people.length) }, async () => {
      for (let rows = people.shift(); rows; rows = people.shift()) for (const row of rows) await sendOne(row);
    }),
  );
  mark(true);
  await marking;
  return { sent, failures };
}

type Gathered = OutboxRow & { more?: OutboxRow[] };

/** The registrations a gathered e-mail names: its own row's and every other one's. */
const gatheredNames = (row: Gathered): string[] => [row, ...(row.more ?? [])].flatMap((r) => (r.registration_id ? [r.registration_id] : []));

/**
 * Issue 24: the 'organiser-new' rows for one organiser that wait together become one row to send,
 * with the others (in this batch, and claimed besides) as `more`. An organiser already told in
 * this turn waits for the next one: those rows are given back untried (`deferred`).
 */
async function gatherOrganiserNews(db: Db, claimed: OutboxRow[], worker: string, claimTimeoutMs: number | undefined, told: Set<string>): Promise<{ rows: Gathered[]; deferred: boolean }> {
  const rows: Gathered[] = [];
  const byOrganiser = new Map<string, Gathered>();
  const later: string[] = [];
  for (const row of claimed) {
    const email = row.kind === 'organiser-new' && !row.message ? parsed<{ to?: { email?: string } }>(row.facts ?? {}).to?.email : undefined;
    const first = email === undefined ? undefined : byOrganiser.get(email);
    if (email === undefined) rows.push(row);
    else if (first) first.more!.push(row);
    else if (told.has(email)) later.push(row.id);
    else {
      const gathered: Gathered = { ...row, more: [] };
      byOrganiser.set(email, gathered);
      rows.push(gathered);
    }
  }
  for (const [email, gathered] of byOrganiser) {
    gathered.more!.push(...(await claimOrganiserNews(db, worker, email, claimTimeoutMs)));
    told.add(email);
  }
  await returnClaims(db, later, worker);
  return { rows, deferred: later.length > 0 };
}

export interface DeliveryLoop {
  /** Starts a delivery turn; during one, another follows when it ends. */
  deliver: () => void;
  /** A new registration's e-mails are composed by this, just before sending. */
  useComposer: (compose: ComposeOutbox) => void;
  /** The turn under way, if any. */
  delivering: () => Promise<unknown> | undefined;
  /** No new turn, and the one under way ends after its batch: what is left waits in the outbox for the next start. */
  stop: () => void;
}

/** Rows the server's delivery job claims at once: fewer pauses between batches, a short wait when it stops. */
export const DELIVERY_BATCH = 200;

/** The server's delivery job: deliverOutbox one turn at a time, DELIVERY_BATCH messages a batch; `onError` notes a failed turn. */
export function deliveryLoop(db: Db, mailer: Mailer, onError: (error: unknown) => void, onWritten?: DeliveryOptions['onWritten']): DeliveryLoop {
  let delivering: Promise<unknown> | undefined;
  let again = false;
  let stopped = false;
  // A new registration's e-mails are composed here, by the registration service, just before sending.
  let compose: ComposeOutbox | undefined;
  const deliver = () => {
    if (stopped) return;
    if (delivering) {
      again = true;
      return;
    }
    delivering = deliverOutbox(db, mailer, DELIVERY_BATCH, { ...(compose && { compose }), ...(onWritten && { onWritten }), stopping: () => stopped, onError })
      .catch(onError)
      .finally(() => {
        delivering = undefined;
        if (again) {
          again = false;
          deliver();
        }
      });
  };
  return { deliver, useComposer: (c) => (compose = c), delivering: () => delivering, stop: () => (stopped = true) };
}
