/**
 * The organiser list of a network's registrations and its CSV export (issue 27): filtered and
 * searched in the database; with `limit` one page after a cursor, without it every row,
 * streamed from the database a batch at a time (JSON or CSV), so memory stays flat in the
 * number of rows. Registered by organiser-registrations.ts, inside the organiser context.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROUTES, MAX_PAGE, exportFileName, registrationColumns, searchWords, type AdminRegistration, type Network, type RegistrationsQuery } from '../../core/index.js';
import type { ListCursor, ListedRow, ListFilter } from '../services/intake.js';
import { adminRoute } from './organiser-auth.js';
import { csvLine } from './csv.js';
import { error, localeOf, networkOf, view, type RouteDeps } from './reply.js';

type ListDeps = Pick<RouteDeps, 'store' | 'networks' | 'now'>;

/** A page's cursor as the caller sees it: opaque, URL-safe. */
export const encodeCursor = (c: ListCursor) => Buffer.from(JSON.stringify([c.target, c.seq])).toString('base64url');

function decodeCursor(text: string): ListCursor | undefined {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9]{1,18}$/.test(v[1])) return { target: v[0], seq: v[1] };
  } catch {
    // not ours: said below
  }
  return undefined;
}

/**
 * A registration as organisers see it in the console's list (the CSV reads its own narrower
 * rows: the intake's exportStream). The row's view with the organisers' fields added to it (one object of one shape per row, not
 * a copy by spreading: issue 27).
 */
export const organiserView = (row: ListedRow): AdminRegistration => {
  const v = view(row, row.position) as AdminRegistration;
  v.target = row.target;
  v.organisationType = row.organisation_type;
  v.answers = row.answers;
  v.declarations = row.declarations;
  v.reason = row.reason;
  v.attendance = row.attendance;
  v.note = row.organiser_note ?? null;
  v.groupSize = row.group_size ?? null;
  // The fee that stood at a late cancel (issue 23); absent where none stands.
  if (row.cancellation_fee !== null) v.cancellationFee = row.cancellation_fee;
  return v;
};

/** The filter a query asks for, or the sentence saying what is wrong with it. */
function filterOf(q: RegistrationsQuery, n: Network): { filter: ListFilter; after?: ListCursor } | { problem: string } {
  if ((q.question === undefined) !== (q.answer === undefined)) return { problem: 'question and answer go together: the id of a question, and the answer to look for.' };
  if (q.question !== undefined && !(n.registration.questions ?? []).some((x) => x.id === q.question)) return { problem: 'question is not a question of this network.' };
  if ((q.attendedAt === undefined) !== (q.present === undefined)) return { problem: 'attendedAt and present go together: a session id, and yes or no.' };
  if (q.attendedAt !== undefined && !n.sessions.some((s) => s.id === q.attendedAt)) return { problem: 'attendedAt is not a session of this network.' };
  if (q.placeAt !== undefined && !n.sessions.some((s) => s.id === q.placeAt)) return { problem: 'placeAt is not a session of this network.' };
  const after = q.after === undefined ? undefined : decodeCursor(q.after);
  if (q.after !== undefined && !after) return { problem: 'after is not a cursor this list gave (use the next of the page before).' };
  const words = q.q ? searchWords(q.q) : [];
  return {
    filter: {
      ...(q.session !== undefined && { target: q.session }),
      ...(q.status && { status: q.status }),
      ...(words.length && { words }),
      ...(q.organisationType && { organisationType: q.organisationType }),
      ...(q.question !== undefined && { answer: { question: q.question, value: q.answer! } }),
      ...(q.attendedAt !== undefined && { attendance: { sessionId: q.attendedAt, present: q.present === 'yes' } }),
      ...(q.placeAt !== undefined && { placeAt: q.placeAt }),
    },
    ...(after && { after }),
  };
}

export function registerRegistrationList(admin: FastifyInstance, { store, networks, now }: ListDeps): void {
  const listFor = (req: FastifyRequest, reply: FastifyReply) => {
    const n = networkOf(networks, req, reply);
    if (!n) return undefined;
    const query = req.query as RegistrationsQuery;
    const f = filterOf(query, n);
    if ('problem' in f) {
      void error(reply, 422, 'invalid', f.problem);
      return undefined;
    }
    return { n, query, ...f };
  };

  admin.get(ADMIN_ROUTES.listRegistrations.path, adminRoute('listRegistrations'), async (req, reply) => {
    const r = listFor(req, reply);
    if (!r) return reply;
    reply.header('cache-control', 'no-store');
    if (r.query.limit !== undefined) {
      const limit = Math.min(Number(r.query.limit), MAX_PAGE);
      const placeAt = r.filter.placeAt;
      // At the door the header counts come with a first page, whatever is searched; without a
      // search or another filter, how many match is how many have a place (counted once).
      const counts = placeAt === undefined || r.after ? undefined : store.intake.doorCounts(r.n.id, placeAt);
      const onlyPlace = counts && Object.keys(r.filter).length === 1;
      const [page, total, door] = await Promise.all([
        store.intake.page(r.n.id, r.filter, r.after, limit),
        onlyPlace ? counts.then((c) => c.placed) : store.intake.count(r.n, r.filter),
        counts,
      ]);
      return { registrations: page.rows.map(organiserView), next: page.next ? encodeCursor(page.next) : null, total, ...(door && { counts: door }) };
    }
    const rows = store.intake.stream(r.n.id, r.filter);
    async function* body() {
      yield '{"registrations":[';
      let first = true;
      for await (const batch of rows) {
        // One JSON.stringify per batch (its brackets cut off), not one per row: the same text, less work.
        yield (first ? '' : ',') + JSON.stringify(batch.map(organiserView)).slice(1, -1);
        first = false;
      }
      yield ']}';
    }
    return reply.type('application/json; charset=utf-8').send(Readable.from(body()));
  });

  admin.get(ADMIN_ROUTES.attendanceCounts.path, adminRoute('attendanceCounts'), async (req, reply) => {
    const n = networkOf(networks, req, reply);
    if (!n) return reply;
    reply.header('cache-control', 'no-store');
    return { sessions: await store.intake.attendanceCounts(n) };
  });

  admin.get(ADMIN_ROUTES.registrationsCsv.path, adminRoute('registrationsCsv'), async (req, reply) => {
    const r = listFor(req, reply);
    if (!r) return reply;
    // The columns first (from what the rows hold), then the rows a batch at a time, worded by
    // core. The first batch is asked for while the columns are decided, not after.
    const rows = store.intake.exportStream(r.n, r.filter);
    const first = rows.next();
    first.catch(() => undefined);
    const facts = await store.intake.exportFacts(r.n.id, r.filter);
    const columns = registrationColumns(r.n, { ...facts, notes: true }, localeOf(req));
    async function* body() {
      yield `\uFEFF${csvLine(columns.header)}`;
      for (let batch = await first; !batch.done; batch = await rows.next()) {
        // One string per batch, a line at a time (no array of lines to join).
        let text = '';
        for (const x of batch.value) text += csvLine(columns.row(x));
        yield text;
      }
    }
    reply.header('cache-control', 'no-store');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(r.n.id, now(r.n.id))}"`)
      .send(Readable.from(body()));
  });
}
