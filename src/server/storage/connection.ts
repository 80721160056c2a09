/**
 * What both database drivers share: the one interface the rest of the server queries through
 * (Queryable, Db), the errors that say the database cannot be reached or opened, and the retry
 * of transactions PostgreSQL asks to run again. Re-exported by ./db.ts, which the rest imports.
 */
/**
 * The database cannot be reached right now (stopped, restarting, unreachable, out of
 * connections). Nothing in it is wrong, so the caller may try again in a moment: the API
 * answers 503 with Retry-After. `cause` is the driver's error.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super('The database cannot be reached right now.', { cause });
  }
}

/** The database could not be opened at start-up; the message says in one sentence what is wrong and what to do. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

// Errors about the connection, not about the statement: the server went away (57P01 admin
// shutdown, 57P02 crash shutdown), is starting or stopping (57P03), has no connections left
// (53300), or the network failed (class 08 and the socket errors).
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// pg and pg-pool say the same in messages without a code.
const CONNECTION_MESSAGES = /^(Connection terminated|timeout expired$|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end)/;

/** True when `error` says the database cannot be reached, rather than that a statement failed. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  // Node reports a refused connection to every address of a host name as one AggregateError.
  if (error instanceof AggregateError && error.errors.some(isConnectionFailure)) return true;
  return CONNECTION_MESSAGES.test(error.message);
}

export const unavailable = (error: unknown) => (isConnectionFailure(error) && !(error instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(error) : error);

/** Statements kept prepared on each PostgreSQL connection, by their text: the name each is prepared under. */
const preparedNames = new Map<string, string>();

/**
 * Marks `sql` as a statement to prepare once per PostgreSQL connection (parsed and planned once,
 * not for every call): for the few that run once per e-mail or registration (issue 28). Returns
 * the text, to pass to query as any other; the embedded database runs it as before.
 */
export function prepared(name: string, sql: string): string {
  preparedNames.set(sql, name);
  return sql;
}

/** The query pg is given for `sql`: its text, or for a statement marked `prepared`, its name with it. */
export const pgQuery = (sql: string, params: unknown[] | undefined) => {
  const name = preparedNames.get(sql);
  return name ? { name, text: sql, values: params ?? [] } : { text: sql, values: params ?? [] };
};

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Db extends Queryable {
  /** Runs `fn` in a transaction; rolls back if it throws. Retries on serialization failures and deadlocks. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
  /**
   * PostgreSQL only: calls `onMessage` for every NOTIFY on `channel`, over a connection of its
   * own that is made again when it drops (then `onReconnect` runs: messages may have been
   * missed). Resolves to the function that stops listening.
   */
  listen?(channel: string, onMessage: (payload: string) => void, onReconnect: () => void): Promise<() => Promise<void>>;
}

const RETRYABLE = new Set(['40001', '40P01']);

export async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 5 * 2 ** attempt + Math.random() * 10));
    }
  }
}
