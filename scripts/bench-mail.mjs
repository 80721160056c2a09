// `node scripts/bench-mail.mjs [runs]`: CPU time per participant confirmation e-mail, the part of
// POST /registrations that the delivery job spends in this process (issue 28). Medians of runs on
// this (shared, noisy) machine; CPU time (process.cpuUsage) moves less with the load than wall time.
// Needs a built dist/ (`npm run build`).
//
//   ours    composeMail('confirmed') + the mailer's MIME (rawMime: mime.ts, one pass, a session's
//           calendar part encoded once), no file written
//   mime    the mailer's MIME alone for an already composed message
//   before  what the mailer did before issue 28: nodemailer's stream transport over mailOptions
//   floor   nodemailer's MailComposer building the same composed message (plain attachment, no cache)
import { loadavg, availableParallelism } from 'node:os';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseNetwork } from '../dist/core/index.js';
import { composeMail } from '../dist/server/mail/compose.js';
import { mailOptions, rawMime } from '../dist/server/mail/delivery.js';
import { sender } from '../dist/server/mail/mime.js';

const RUNS = Number(process.argv[2] ?? 9);
const PER_RUN = 400;
const FROM = 'leerkring <noreply@example.org>';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const parsed = parseNetwork({
  id: 'mailbench', kind: 'learning-network', title: 'Leernetwerk Wijkgericht Werken', summary: 'Bench',
  organisers: [{ name: 'Gemeente Voorbeeld' }],
  contact: { name: 'Ayşe Yılmaz', email: 'contact@example.org' },
  sessions: [{ id: 's1', title: 'Bijeenkomst over samenwerken in de wijk', type: 'plenary', start: '2030-05-01T10:00', end: '2030-05-01T12:30',
    venue: { type: 'physical', name: 'Wijkcentrum De Brug', room: 'Zaal 2', address: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Voorbeeld' } }],
  registration: { mode: 'built-in', capacity: 1000000, fields: { organisation: 'optional', organisationType: 'off' } },
});
if (!parsed.ok) throw new Error(`bench document invalid: ${JSON.stringify(parsed)}`);
const network = parsed.value;
const ctx = (n) => ({
  network, sessionId: 's1', locale: 'nl',
  participant: { name: `Deelnemer ${n}`, email: `deelnemer${n}@example.org` },
  manageUrl: `https://leerkring.example.org/beheer#t=${'x'.repeat(40)}${n}`,
  calendarUrl: `https://leerkring.example.org/api/calendar/${'y'.repeat(40)}${n}.ics`,
});
const from = sender(FROM, 'noreply@example.org');
const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const build = (options) => new Promise((resolve, reject) => new MailComposer(options).compile().build((e, m) => (e ? reject(e) : resolve(m))));

const composed = Array.from({ length: PER_RUN }, (_, n) => composeMail('confirmed', ctx(n)));
if (!composed[0].ics) throw new Error('the confirmation has no calendar file');
const ways = {
  ours: async (n) => rawMime(composeMail('confirmed', ctx(n)), FROM, from),
  mime: async (n) => rawMime(composed[n], FROM, from),
  before: async (n) => (await transport.sendMail(mailOptions(composed[n], FROM))).message,
  floor: (n) => {
    const m = composed[n];
    return build({ from: FROM, to: m.to, replyTo: m.replyTo, subject: m.subject, text: m.text,
      attachments: [{ filename: m.ics.filename, content: m.ics.content, contentType: `text/calendar; charset=utf-8; method=${m.ics.method ?? 'PUBLISH'}` }] });
  },
};
const times = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min), ${availableParallelism()} cores`);
// One warm-up round, then the ways alternate within each run so the load falls on all alike.
for (let run = -1; run < RUNS; run++) {
  for (const [name, way] of Object.entries(ways)) {
    const t0 = cpuMicros();
    let bytes = 0;
    for (let n = 0; n < PER_RUN; n++) bytes += (await way(n)).length;
    if (bytes < PER_RUN * 500) throw new Error(`${name}: messages too small (${bytes} bytes)`);
    if (run >= 0) times[name].push((cpuMicros() - t0) / PER_RUN);
  }
}
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
console.log(`CPU per confirmation e-mail, median of ${RUNS} runs of ${PER_RUN}:`);
console.log(`  ours (compose + MIME, as the delivery job):  ${m.ours.toFixed(0)} µs  ${(m.ours / m.floor).toFixed(2)}x the floor`);
console.log(`  ours, MIME alone (rawMime):                 ${m.mime.toFixed(0)} µs  ${(m.mime / m.floor).toFixed(2)}x the floor`);
console.log(`  before issue 28, MIME alone (nodemailer's stream transport): ${m.before.toFixed(0)} µs  ${(m.before / m.floor).toFixed(2)}x the floor`);
console.log(`  composing alone (ours − MIME):              ${(m.ours - m.mime).toFixed(0)} µs`);
console.log(`  floor: nodemailer MailComposer, same message: ${m.floor.toFixed(0)} µs`);
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
