/**
 * Rate limits whose counters live in the database, so every server process sharing it spends
 * one budget (memory would give each process its own). Fixed windows: a counter per key per
 * window, raised in one atomic upsert. Keys are stored hashed: they hold addresses and, for
 * sign-in, e-mail addresses, which a counter does not need to keep readable.
 *
 * @example
 * const r = await consume(db, `register:${req.ip}`, 30, 60_000);
 * if (!r.allowed) reply.header('retry-after', Math.ceil(r.retryAfterMs / 1000)).code(429);
 */
import { createHash } from 'node:crypto';
import type { Queryable } from './db.js';

export interface RateLimitResult {
  allowed: boolean;
  /** Attempts in this window, this one included. */
  count: number;
  /** Milliseconds until this window ends and the budget is full again. */
  retryAfterMs: number;
}

const hashed = (key: string) => createHash('sha256').update(key).digest('base64url');

function windowOf(now: number, windowMs: number) {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, end: start + windowMs };
}

/** Counts one attempt for `key`; allowed while the window holds at most `max`. */
export async function consume(db: Queryable, key: string, max: number, windowMs: number, now = Date.now()): Promise<RateLimitResult> {
  const { start, end } = windowOf(now, windowMs);
  const { rows } = await db.query<{ count: number }>(
    `INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES ($1, $2, 1, $3)
     ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`,
    [hashed(key), start, end],
  );
  const count = Number(rows[0]!.count);
  return { allowed: count <= max, count, retryAfterMs: end - now };
}

/** Attempts counted for `key` in the current window, without counting one more. */
export async function attempts(db: Queryable, key: string, windowMs: number, now = Date.now()): Promise<number> {
  const { rows } = await db.query<{ count: number }>('SELECT count FROM rate_limits WHERE key = $1 AND window_start = $2', [hashed(key), windowOf(now, windowMs).start]);
  return rows[0] ? Number(rows[0].count) : 0;
}

/** Removes the counters of windows that are over. Returns how many. */
export async function sweepRateLimits(db: Queryable, now = Date.now()): Promise<number> {
  const { rows } = await db.query('DELETE FROM rate_limits WHERE expires_at <= $1 RETURNING 1', [now]);
  return rows.length;
}

/**
 * Organiser sign-in: per address (one machine trying many accounts) and per account (many
 * machines trying one account, or someone flooding an organiser's inbox with sign-in links).
 */
export const SIGN_IN_LIMITS = {
  perAddress: { max: 20, windowMs: 15 * 60000 },
  perAccount: { max: 5, windowMs: 15 * 60000 },
} as const;

/**
 * Counts one use of `key` in a budget of its own that lasts until `expiresAt` (set by the first
 * use), not in a window of the clock: the uses of one form token over its whole life.
 */
export async function consumeUntil(db: Queryable, key: string, max: number, expiresAt: number): Promise<RateLimitResult> {
  const { rows } = await db.query<{ count: number; expires_at: number }>(
    `INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES ($1, 0, 1, $2)
     ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count, expires_at`,
    [hashed(key), expiresAt],
  );
  const count = Number(rows[0]!.count);
  return { allowed: count <= max, count, retryAfterMs: Number(rows[0]!.expires_at) };
}

/** Uses counted for `key` by consumeUntil, without counting one more. */
export async function usesOf(db: Queryable, key: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>('SELECT count FROM rate_limits WHERE key = $1 AND window_start = 0', [hashed(key)]);
  return rows[0] ? Number(rows[0].count) : 0;
}

/**
 * What anyone can make the server e-mail to an address that is not theirs: registering with it
 * sends a confirmation, cancelling one more, switching sessions one more. A form token carries
 * a few registrations (one person for several sessions, or a few colleagues, from one open
 * page; the form asks for a new token when refused), and an address takes a few registrations
 * and switches an hour, so a flood ends after some e-mails, not a hundred a minute.
 */
export const MAIL_LIMITS = {
  perFormToken: 5,
  perAddress: { max: 10, windowMs: 3600000 },
} as const;

/** Wrong bearer tokens per client address, counted apart from its sign-in requests. */
export const TOKEN_GUESSES = { max: 20, windowMs: 15 * 60000 } as const;
