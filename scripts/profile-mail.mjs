// `node scripts/profile-mail.mjs [people] [rounds] [--prof file.cpuprofile]`: the server's mail
// delivery job alone over PostgreSQL (issue 28). Each round registers `people` (2,000) through the
// real register path with no delivery running, then runs the delivery job (.eml files) until the
// outbox is empty; prints its CPU time per e-mail (this process; PostgreSQL apart) beside its
// floor: nodemailer's MailComposer building the same message and writing one file. With --prof,
// writes a CPU profile of the last round's delivery and prints its top self-time frames. Needs a
// built dist/.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { parseNetwork } from '../dist/core/index.js';
import { openDatabase } from '../dist/server/storage/db.js';
import { RegistrationService } from '../dist/server/services/registration-service.js';
import { NetworkRegistry } from '../dist/server/services/networks.js';
import { createMailer, deliverOutbox, DELIVERY_BATCH } from '../dist/server/mail/delivery.js';
import { writeFile } from 'node:fs/promises';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { composeMail } from '../dist/server/mail/compose.js';
import { databaseCpu, startPostgres } from './postgres.mjs';

const args = process.argv.slice(2);
const profIndex = args.indexOf('--prof');
const profFile = profIndex >= 0 ? args.splice(profIndex, 2)[1] : undefined;
const PEOPLE = Number(args[0] ?? 2000);
const ROUNDS = Number(args[1] ?? 3);
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
/** CPU µs of every process of the PostgreSQL at `url` (scripts/postgres.mjs, as scripts/bench.mjs counts them). */
async function databaseCpuMicros(url) {
  const seconds = await databaseCpu(url);
  return () => seconds() * 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min)`);
const pg = await startPostgres();
const dir = mkdtempSync(join(tmpdir(), 'leerkring-profile-mail-'));
try {
  const db = await openDatabase({ dataDir: dir, url: pg.url });
  const doc = (id) => ({
    id, kind: 'learning-network', title: `Bench ${id}`, summary: 'Bench', organisers: [{ name: 'Gemeente' }],
    contact: { name: 'Contact', email: 'contact@example.org' },
    sessions: [{ id: 's0', title: 'S 0', type: 'plenary', start: '2030-05-01T10:00', end: '2030-05-01T12:00',
      venue: { type: 'physical', name: 'Wijkcentrum', address: 'Dorpsstraat 1', city: 'Voorbeeld' } }],
    registration: { mode: 'built-in', capacity: 1000000, fields: { organisation: 'optional', organisationType: 'off' } },
  });
  const ids = Array.from({ length: ROUNDS }, (_, k) => `prof${k}`);
  const given = new Map(ids.map((id) => {
    const r = parseNetwork(doc(id));
    if (!r.ok) throw new Error('document invalid');
    return [id, r.value];
  }));
  // As the server builds it (app.ts): the networks in the database, manage links, calendar feeds, the revision timeline.
  const networks = await NetworkRegistry.over(db, given);
  await networks.importDocuments([...given.values()].map((n) => ({ network: n, raw: n })));
  const service = new RegistrationService(db, networks, {
    secret: Buffer.alloc(32, 7),
    manageUrl: (token) => `https://leerkring.example.org/beheer/#t=${encodeURIComponent(token)}`,
    publicUrl: (path) => `https://leerkring.example.org${path}`,
    timeline: (network, q) => networks.timeline(network, q),
  });
  const outboxDir = join(dir, 'outbox');
  const mailer = createMailer({ outboxDir, from: 'leerkring <noreply@example.org>' });
  const session = profFile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
  }
  const dbCpu = await databaseCpuMicros(pg.url);
  const perEmail = [];
  const perEmailDb = [];
  let profiled;
  for (const [round, id] of ids.entries()) {
    const network = networks.get(id);
    let n = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (n < PEOPLE) {
        const k = n++;
        const out = await service.register(network, { participant: { name: `P ${k}`, email: `p${round}x${k}@example.org` } });
        if (out.kind !== 'created') throw new Error(out.kind);
      }
    }));
    if (session && round === ROUNDS - 1) await session.post('Profiler.start');
    const t0 = cpu();
    const s0 = process.cpuUsage().system;
    const d0 = dbCpu();
    const w0 = performance.now();
    let sent = 0;
    for (;;) {
      const out = await deliverOutbox(db, mailer, DELIVERY_BATCH, { compose: service.composeOutbox });
      sent += out.sent;
      if (out.failed) throw new Error(`${out.failed} failed`);
      if (!out.sent) break;
    }
    const us = (cpu() - t0) / sent;
    const dbUs = (dbCpu() - d0) / sent;
    const sysUs = (process.cpuUsage().system - s0) / sent;
    const wall = ((performance.now() - w0) * 1000) / sent;
    if (session && round === ROUNDS - 1) profiled = (await session.post('Profiler.stop')).profile;
    perEmail.push(us);
    perEmailDb.push(dbUs);
    console.log(`round ${round}: ${sent} e-mails, ${us.toFixed(0)} µs CPU per e-mail in this process (system ${sysUs.toFixed(0)}), PostgreSQL ${dbUs.toFixed(0)} µs, wall ${wall.toFixed(0)} µs (load ${loadavg()[0].toFixed(2)})`);
  }
  // The floor: nodemailer's MailComposer building the same message (composed beforehand, not
  // counted) and writing it to one file, nothing else: no database, no claim, no check.
  const network = networks.get(ids[0]);
  const composed = Array.from({ length: PEOPLE }, (_, k) => composeMail('confirmed', {
    network, sessionId: 's0', locale: 'nl', participant: { name: `P ${k}`, email: `p0x${k}@example.org` },
    manageUrl: `https://leerkring.example.org/beheer/#t=${'x'.repeat(40)}${k}`, calendarUrl: `https://leerkring.example.org/api/calendar/${'y'.repeat(40)}${k}/agenda.ics`,
  }));
  const floorDir = join(dir, 'floor');
  mkdirSync(floorDir);
  const build = (options) => new Promise((resolve, reject) => new MailComposer(options).compile().build((e, m) => (e ? reject(e) : resolve(m))));
  const floor = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = cpu();
    for (const [k, m] of composed.entries()) {
      const raw = await build({ from: 'leerkring <noreply@example.org>', to: m.to, replyTo: m.replyTo, subject: m.subject, text: m.text,
        attachments: [{ filename: m.ics.filename, content: m.ics.content, contentType: `text/calendar; charset=utf-8; method=${m.ics.method ?? 'PUBLISH'}` }] });
      await writeFile(join(floorDir, `${round}-${k}.eml`), raw);
    }
    floor.push((cpu() - t0) / PEOPLE);
  }
  const files = readdirSync(outboxDir).length;
  if (files !== PEOPLE * ROUNDS) throw new Error(`${files} files for ${PEOPLE * ROUNDS} people`);
  const job = median(perEmail);
  console.log(`mail delivery job, whole, per e-mail (median of ${ROUNDS} rounds of ${PEOPLE}): ${job.toFixed(0)} µs CPU in this process, ${(job / median(floor)).toFixed(2)}x the floor; PostgreSQL ${median(perEmailDb).toFixed(0)} µs besides`);
  console.log(`  floor: nodemailer MailComposer building the same message + writing one file: ${median(floor).toFixed(0)} µs CPU`);
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min)`);
  if (profiled) {
    writeFileSync(profFile, JSON.stringify(profiled));
    const self = new Map();
    const byId = new Map(profiled.nodes.map((node) => [node.id, node]));
    const counts = new Map();
    for (const s of profiled.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
    let total = 0;
    for (const [id, c] of counts) {
      const f = byId.get(id).callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + c);
      total += c;
    }
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    for (const [k, c] of top) console.log(`  ${((100 * c) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
  pg.stop();
}
