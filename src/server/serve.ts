/**
 * Starting and stopping the reference server as a process (`leerkring serve`, the demo), and the
 * command-line jobs beside it (`purge`, `import`, `export`): the data folder's lock, the
 * database and secrets, the server, and the background jobs (delivery, digests, reminders, purge).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDataFolder, openDatabase, type Db } from './storage/db.js';
import { setting } from './storage/settings.js';
import { NetworkRegistry, readNetworkFolder } from './services/networks.js';
import { sessionTimeline } from '../core/index.js';
import { buildServer } from './app.js';
import { createMailer, deliveryLoop, type DeliveryLoop } from './mail/delivery.js';
import { newSecret, sha256 } from './tokens.js';
import { errorFacts } from './log.js';
import { demoSignIns, signInLinksText } from './services/demo-organisers.js';
import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import { RegistrationService } from './services/registration-service.js';

export interface ServeOptions {
  /**
   * A folder of network documents to import at start-up: each new or changed one (since its
   * last import) becomes a revision by "import". Without it the server serves what its database holds.
   */
  networks?: string;
  port: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  smtpUrl?: string;
  mailFrom?: string;
  origins?: string[];
  demo?: boolean;
  manageUrl?: string;
  rateLimitPerMinute?: number;
  /** The proxies whose X-Forwarded-For to believe (see ServerOptions.trustProxy); off by default. */
  trustProxy?: boolean | string | string[];
  minFillMs?: number;
  /** Per-network clock; the demo uses it to replay each seed network before its sessions. */
  now?: (networkId: string) => Date;
  log?: (line: string) => void;
  /** The JSON log of requests and failures: stdout by default; `false` for none. */
  logger?: boolean | { stream?: NodeJS.WritableStream; level?: string };
  /** The server's public origin for links in organisers' e-mails (`PUBLIC_URL`); where it listens by default. */
  publicUrl?: string;
  /**
   * The demo's fictional organisers (an owner per network) with fresh sign-in links at every
   * start. Only for the demo's own networks: never on an installation's real ones.
   */
  demoOrganisers?: boolean;
  /** Whether the demo prints sign-in links themselves; on a terminal by default. */
  showLinks?: boolean;
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A setting that stops start-up; its message is one sentence for the person starting the server. */
export class StartupError extends Error {}

/** Secrets given in the environment: a short one can be guessed, so it is refused, never shortened or padded. */
const MINIMUM_LENGTHS = [
  ['LEERKRING_SECRET', 32],
  ['LEERKRING_ADMIN_TOKEN', 24],
] as const;

function checkSecrets(): void {
  for (const [name, min] of MINIMUM_LENGTHS) {
    const value = process.env[name];
    if (value !== undefined && value.length < min)
      throw new StartupError(`${name} must be at least ${min} characters long; choose a longer random value, or leave it unset.`);
  }
}

/** Writes a secret to a file only this user may read (mode 0600), replacing what was there; returns the path. */
function writeSecretFile(file: string, secret: string): string {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  // Removed first: an existing file would keep its own (perhaps wider) mode.
  rmSync(file, { force: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return file;
}

/**
 * Claims the data folder for this process: the embedded database has no lock of its own, and a
 * second process on the same folder (another server, or `purge`) would work on a copy that the
 * first one overwrites. A lock whose process is gone is taken over. Returns the release.
 */
export async function holdDataFolder(dataDir: string): Promise<() => Promise<void>> {
  const file = resolve(dataDir, 'leerkring.pid');
  ensureDataFolder(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written aside, then linked into place: the lock appears with its process id in it, or not at all.
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(aside, String(process.pid));
    try {
      await link(aside, file);
      held.add(file);
      return async () => {
        held.delete(file);
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(aside, { force: true });
    }
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    // Our own id in a lock we do not hold is from an earlier life (a container restarted as process 1).
    if (pid > 0 && (pid === process.pid ? held.has(file) : alive(pid)))
      throw new StartupError(`${dataDir} is in use by a running leerkring server (process ${pid}); stop it first, or leave the purge to that server, which runs it daily.`);
    await rm(file, { force: true });
  }
  throw new StartupError(`${dataDir} is being claimed by another process at the same moment; try again.`);
}

/** Lock files this process holds. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `leerkring purge`: the same purge the server runs daily, for a server that is not running. */
export async function purgeData(options: { networks?: string; dataDir?: string; databaseUrl?: string }): Promise<number> {
  const documents = options.networks ? readNetworkFolder(options.networks) : [];
  const dataDir = resolve(options.dataDir ?? '.leerkring-data');
  const release = options.databaseUrl ? async () => {} : await holdDataFolder(dataDir);
  try {
    const db = await openDatabase({ ...(options.databaseUrl && { url: options.databaseUrl }), dataDir });
    try {
      // Read only: a changed folder document is imported by `serve` or `import`, which tell the people concerned.
      const networks = new Map(await NetworkRegistry.open(db));
      for (const d of documents) if (!networks.has(d.network.id)) networks.set(d.network.id, d.network);
      return await new RegistrationService(db, networks, { secret: Buffer.alloc(32), outboxDir: join(dataDir, 'outbox') }).purgeExpired();
    } finally {
      await db.close();
    }
  } finally {
    await release();
  }
}

/**
 * `leerkring import <folder>` and `leerkring export <folder>`: network documents in and out of
 * the database, for people who keep them in git. Import adds a revision (by "import") for each
 * document that is new or changed since its last import; export writes each current revision as
 * `<id>.json`. Returns the ids imported or exported.
 */
export async function moveDocuments(direction: 'import' | 'export', options: { folder: string; dataDir?: string; databaseUrl?: string }): Promise<string[]> {
  const documents = direction === 'import' ? readNetworkFolder(options.folder) : [];
  const dataDir = resolve(options.dataDir ?? '.leerkring-data');
  const release = options.databaseUrl ? async () => {} : await holdDataFolder(dataDir);
  try {
    const db = await openDatabase({ ...(options.databaseUrl && { url: options.databaseUrl }), dataDir });
    try {
      const registry = await NetworkRegistry.open(db);
      if (direction === 'import') {
        // A changed session reaches the people concerned, as a save in the console does; the
        // running server (or the next start) delivers the outbox.
        const secret = Buffer.from(process.env.LEERKRING_SECRET ?? (await setting(db, 'secret', newSecret)).value);
        const manageUrl = process.env.MANAGE_URL;
        const store = new RegistrationService(db, registry, { secret, ...(manageUrl && { manageUrl: (token: string) => manageUrl.replace('{token}', encodeURIComponent(token)) }) });
        registry.onRevision(async (tx, change) => {
          if (change.before) await store.tellRevision(tx, change.before, change.after, sessionTimeline(await registry.history(change.after.id, tx)), change.revision);
        });
        await registry.importDocuments(documents);
        return registry.imported;
      }
      mkdirSync(options.folder, { recursive: true });
      const out = await registry.documents();
      for (const d of out) writeFileSync(join(options.folder, `${d.id}.json`), `${JSON.stringify(d.document, null, 2)}\n`);
      return out.map((d) => d.id);
    } finally {
      await db.close();
    }
  } finally {
    await release();
  }
}

export interface RunningServer {
  app: FastifyInstance;
  /** The networks served, current revision of each. */
  networks: NetworkRegistry;
  store: RegistrationService;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/** Starts the reference server: validates the networks, opens the database, serves the API. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  checkSecrets();
  const documents = options.networks ? readNetworkFolder(options.networks) : [];
  const dataDir = resolve(options.dataDir ?? '.leerkring-data');
  const { db, networks, release } = await openStorage(options, dataDir);
  const secret = Buffer.from(process.env.LEERKRING_SECRET ?? (await setting(db, 'secret', newSecret)).value);
  const adminTokenHash = await adminToken(db, dataDir, log);
  const outboxDir = join(dataDir, 'outbox');
  const mailer = createMailer({
    ...(options.smtpUrl && { smtpUrl: options.smtpUrl }),
    outboxDir,
    from: options.mailFrom ?? 'leerkring <noreply@example.org>',
  });
  // Background work must outlive a database outage: it notes the failure and tries again on its next turn.
  let logger: FastifyBaseLogger | undefined;
  const failed: JobFailure = (job) => (error) => logger?.warn({ job, error: errorFacts(error) }, `${job} failed`);
  // Without SMTP, a sign-in link asked for in the console lands in a file: the log says which
  // (never to whom, nor the link).
  const delivery = deliveryLoop(db, mailer, failed('mail delivery'), (kind, file) => {
    if (kind === 'sign-in') logger?.info({ file }, 'sign-in link written to an .eml file');
  });
  let url = '';
  const publicUrl = () => (options.publicUrl ?? url).replace(/\/+$/, '');
  const { app, store } = await buildServer({
    db,
    networks,
    secret,
    adminTokenHash,
    publicUrl,
    // PUBLIC_URL decides whether the session cookie is Secure; without it, the Host header (local use).
    ...(options.publicUrl && { secureCookie: /^https:\/\//i.test(options.publicUrl) }),
    ...(options.origins && { origins: options.origins }),
    ...(options.manageUrl && { manageUrl: options.manageUrl }),
    ...(options.demo && { staticRoot: PACKAGE_ROOT }),
    ...(options.rateLimitPerMinute !== undefined && { rateLimitPerMinute: options.rateLimitPerMinute }),
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
    ...(options.minFillMs !== undefined && { minFillMs: options.minFillMs }),
    ...(options.now && { now: options.now }),
    outboxDir,
    onMailQueued: delivery.deliver,
    logger: options.logger ?? { level: process.env.LEERKRING_LOG_LEVEL ?? 'info' },
  });
  logger = app.log;
  delivery.useComposer(store.composeOutbox);
  // After the server's hooks are in place: a changed document tells the people concerned, in
  // the transaction of its revision (this replaces the snapshot comparison at start-up).
  await networks.importDocuments(documents);
  // Saves by other processes on the same PostgreSQL reach this one within a second (NOTIFY).
  await networks.watch({ onError: failed('network refresh') });
  await store.purgeExpired();
  const jobs = startJobs(store, delivery.deliver, failed);
  const stop = () => shutdown({ jobs, delivery, networks, app, db, release });
  try {
    await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    // A port in use, say: let go of everything, the data folder included, so a retry can start.
    await stop();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;
  log(`leerkring: ${networks.size} network${networks.size === 1 ? '' : 's'}, ${db.kind === 'pglite' ? `embedded database in ${dataDir}` : 'PostgreSQL'}, mail to ${mailer.description}`);
  log(`leerkring: listening on ${url}/${options.demo ? ' (demo pages at /)' : ''}`);
  if (options.demoOrganisers) {
    const showLinks = options.showLinks ?? process.stdout.isTTY === true;
    const signIns = await demoSignIns(db, networks, { consoleUrl: `${publicUrl()}/beheer/`, mailer, log, showLinks });
    // The .eml files hold the links quoted-printable (`=3D`, split over lines): off a terminal,
    // they are also written plainly, to a file only this user may read.
    if (!showLinks) log(`  Sign-in links to copy: ${writeSecretFile(join(dataDir, 'sign-in-links.txt'), signInLinksText(signIns))} (readable by this user only)`);
  }
  return { app, networks, store, db, url, close: stop };
}

/**
 * Claims the data folder (the embedded database only: PostgreSQL is shared safely by any number
 * of processes), opens the database and reads the networks it holds; lets go of what it had
 * when a step fails.
 */
async function openStorage(options: ServeOptions, dataDir: string): Promise<{ db: Db; networks: NetworkRegistry; release: () => Promise<void> }> {
  // PostgreSQL is shared safely by any number of processes; the embedded database is not.
  const release = options.databaseUrl ? async () => {} : await holdDataFolder(dataDir);
  let db: Db;
  try {
    db = await openDatabase({ ...(options.databaseUrl && { url: options.databaseUrl }), dataDir });
  } catch (error) {
    await release();
    throw error;
  }
  let networks: NetworkRegistry;
  try {
    networks = await NetworkRegistry.open(db);
  } catch (error) {
    await db.close();
    await release();
    throw error;
  }
  return { db, networks, release };
}

/**
 * The hash of the installation admin's token: LEERKRING_ADMIN_TOKEN's, or one made at the first
 * start and kept in the database, whose token is shown (or written to a file) that once.
 */
async function adminToken(db: Db, dataDir: string, log: (line: string) => void): Promise<string> {
  let adminTokenHash: string;
  if (process.env.LEERKRING_ADMIN_TOKEN) adminTokenHash = sha256(process.env.LEERKRING_ADMIN_TOKEN);
  else {
    const token = randomBytes(24).toString('base64url');
    const stored = await setting(db, 'admin-token-hash', () => sha256(token));
    adminTokenHash = stored.value;
    if (stored.created) {
      // On a terminal a person reads it; otherwise stdout goes to a log, where a token must never be.
      if (process.stdout.isTTY) log(`Organiser token (shown once; set LEERKRING_ADMIN_TOKEN to choose your own): ${token}`);
      else log(`Organiser token written to ${writeSecretFile(join(dataDir, 'organiser-token'), token)} (readable by this user only; set LEERKRING_ADMIN_TOKEN to choose your own).`);
    }
  }
  return adminTokenHash;
}

/** What a background job does with a failure: `failed('purge')` is its catch. */
type JobFailure = (job: string) => (error: unknown) => void;

interface Jobs {
  /** Stops the timers. */
  clear: () => void;
  /** The digest and reminder turns under way, if any. */
  digesting: () => Promise<unknown> | undefined;
  reminding: () => Promise<unknown> | undefined;
}

/** The timers: delivery every 5 s, the purge daily, digests hourly, reminders every quarter; then a first delivery. */
function startJobs(store: RegistrationService, deliver: () => void, failed: JobFailure): Jobs {
  const timer = setInterval(deliver, 5000);
  const daily = setInterval(() => void store.purgeExpired().catch(failed('purge')), 24 * 3600000);
  // Hourly: the first turn after midnight (Amsterdam) sends yesterday's digests; the others find them claimed.
  let digesting: Promise<unknown> | undefined;
  const digests = () => {
    digesting ??= store
      .sendDigests()
      .then((n) => n && deliver(), failed('digest'))
      .finally(() => (digesting = undefined));
  };
  // Reminders: every quarter of an hour, claimed per person and session time (see sendReminders).
  let reminding: Promise<unknown> | undefined;
  const reminders = () => {
    reminding ??= store
      .sendReminders()
      .then((n) => n && deliver(), failed('reminders'))
      .finally(() => (reminding = undefined));
  };
  const quarterly = setInterval(reminders, 15 * 60000);
  quarterly.unref();
  reminders();
  const hourly = setInterval(digests, 3600000);
  hourly.unref();
  digests();
  timer.unref();
  daily.unref();
  deliver();
  const clear = () => {
    clearInterval(timer);
    clearInterval(daily);
    clearInterval(hourly);
    clearInterval(quarterly);
  };
  return { clear, digesting: () => digesting, reminding: () => reminding };
}

/** Stops the jobs, the server and the database, and lets go of the data folder. */
async function shutdown(parts: { jobs: Jobs; delivery: DeliveryLoop; networks: NetworkRegistry; app: FastifyInstance; db: Db; release: () => Promise<void> }): Promise<void> {
  parts.jobs.clear();
  await parts.networks.close();
  await parts.app.close();
  await parts.jobs.digesting();
  await parts.jobs.reminding();
  // The turn under way ends after its batch; a backlog of thousands waits for the next start.
  parts.delivery.stop();
  await parts.delivery.delivering();
  await parts.db.close();
  await parts.release();
}
