/**
 * What the server may write about a failure. Logs leave the server (to files, to a log
 * service), so they carry no personal data and no tokens: no URLs (manage tokens are in them),
 * no bodies, no headers, and no error messages, which can quote what a person typed
 * (PostgreSQL's "invalid input syntax for type uuid: "…"", its `detail`, JSON.parse's excerpt).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DatabaseUnavailableError, isConnectionFailure } from './storage/db.js';
import { FanoutFailed } from './storage/fanout-jobs.js';

// Fields of pg's DatabaseError and Node's system errors that name things, never values.
const FACTS = ['code', 'severity', 'routine', 'constraint', 'table', 'column', 'dataType', 'schema', 'syscall', 'errno', 'statusCode'] as const;

/** An error as a log may hold it: its class, codes and stack frames; the message only where we wrote it ourselves. */
export function errorFacts(error: unknown, depth = 0): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const e = error as Record<string, unknown>;
  const facts: Record<string, unknown> = { type: error.constructor?.name ?? 'Object' };
  for (const key of FACTS) if (typeof e[key] === 'string' || typeof e[key] === 'number') facts[key] = e[key];
  // Messages we wrote, and the drivers' words for a lost connection, name no one.
  const safe = error instanceof DatabaseUnavailableError || error instanceof FanoutFailed || (typeof e.code === 'string' && e.code.startsWith('FST_')) || isConnectionFailure(error);
  if (safe && typeof e.message === 'string') facts.message = e.message;
  // The first line of a stack repeats the message; the frames say where it happened.
  if (typeof e.stack === 'string') facts.stack = e.stack.split('\n').filter((line) => /^\s+at /.test(line)).map((line) => line.trim()).join('\n');
  if (error instanceof AggregateError && depth < 2) facts.errors = error.errors.slice(0, 5).map((x) => errorFacts(x, depth + 1));
  if (e.cause !== undefined && depth < 2) facts.cause = errorFacts(e.cause, depth + 1);
  return facts;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** The request id: a proxy's X-Request-Id when it looks like one (so the lines of both match up), otherwise a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
