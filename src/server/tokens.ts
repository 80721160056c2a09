/**
 * Manage tokens: `<id>.<mac>`, where mac is an HMAC of the registration id under the server's
 * secret. Nothing to store, and every later e-mail can carry the participant's link again.
 */
import { createHmac, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const b64 = (b: Buffer) => b.toString('base64url');

function mac(secret: Buffer, id: string): Buffer {
  return createHmac('sha256', secret).update(`manage:${id}`).digest().subarray(0, 24);
}

export function manageToken(secret: Buffer, id: string): string {
  return `${b64(Buffer.from(id.replace(/-/g, ''), 'hex'))}.${b64(mac(secret, id))}`;
}

/** The registration id a token stands for, or undefined when the token is not one of ours. */
export function parseManageToken(secret: Buffer, token: string): string | undefined {
  const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return undefined;
  const hex = Buffer.from(m[1]!, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const given = Buffer.from(m[2]!, 'base64url');
  const expected = mac(secret, id);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}

/**
 * Personal calendar feed tokens: `<id>.<mac>` like a manage token, but the HMAC is over another
 * domain and the feed's version, so a feed address only reads (it never manages) and a new
 * version revokes the old address. Checking needs the stored version: see `feedTokenId`.
 */
function feedMac(secret: Buffer, id: string, version: number): Buffer {
  return createHmac('sha256', secret).update(`feed:${id}:${version}`).digest().subarray(0, 24);
}

export function feedToken(secret: Buffer, id: string, version: number): string {
  return `${b64(Buffer.from(id.replace(/-/g, ''), 'hex'))}.${b64(feedMac(secret, id, version))}`;
}

/** The registration id a feed token names (not yet checked), or undefined when it cannot be one. */
export function feedTokenId(token: string): string | undefined {
  const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return undefined;
  const hex = Buffer.from(m[1]!, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a feed token is the current one for this registration and feed version. */
export function checkFeedToken(secret: Buffer, token: string, id: string, version: number): boolean {
  const given = Buffer.from(token.slice(token.indexOf('.') + 1), 'base64url');
  const expected = feedMac(secret, id, version);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function feedbackMac(secret: Buffer, id: string, sessionId: string): Buffer {
  return createHmac('sha256', secret).update(`feedback:${id}:${sessionId}`).digest().subarray(0, 24);
}

/**
 * The token of a feedback link (issue 24): a registration and a session, signed. It goes in the
 * path of the evaluation page; it holds ids only, no personal data.
 */
export function feedbackToken(secret: Buffer, id: string, sessionId: string): string {
  return `${b64(Buffer.from(id.replace(/-/g, ''), 'hex'))}.${b64(Buffer.from(sessionId, 'utf8'))}.${b64(feedbackMac(secret, id, sessionId))}`;
}

/** The registration and session of a feedback token, when its signature holds. */
export function parseFeedbackToken(secret: Buffer, token: string): { id: string; sessionId: string } | undefined {
  const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{1,140})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return undefined;
  const hex = Buffer.from(m[1]!, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const sessionId = Buffer.from(m[2]!, 'base64url').toString('utf8');
  const given = Buffer.from(m[3]!, 'base64url');
  const expected = feedbackMac(secret, id, sessionId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { id, sessionId } : undefined;
}

export function newSecret(): string {
  return b64(randomBytes(32));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares a bearer token with a stored SHA-256 hash in constant time. */
export function matchesHash(token: string, hash: string): boolean {
  const a = Buffer.from(sha256(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Form tokens: `<issued-at>.<mac>`, the time (ms, base 36) the server handed out the form and
 * an HMAC over it and the network id under the server's secret. A registration must carry one
 * that is old enough (a person needs time to fill in a form) and not too old; the client cannot
 * make one up or change its time.
 */
function formMac(secret: Buffer, networkId: string, issuedAt: number): Buffer {
  return createHmac('sha256', secret).update(`form:${networkId}:${issuedAt}`).digest().subarray(0, 18);
}

export function formToken(secret: Buffer, networkId: string, issuedAt: number): string {
  return `${issuedAt.toString(36)}.${b64(formMac(secret, networkId, issuedAt))}`;
}

export type FormTokenCheck = 'ok' | 'missing' | 'forged' | 'too-fresh' | 'expired';

export function checkFormToken(secret: Buffer, token: unknown, networkId: string, now: number, limits: { minAgeMs: number; maxAgeMs: number }): FormTokenCheck {
  if (typeof token !== 'string' || !token) return 'missing';
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!m) return 'forged';
  const issuedAt = parseInt(m[1]!, 36);
  if (issuedAt.toString(36) !== m[1]) return 'forged';
  const given = Buffer.from(m[2]!, 'base64url');
  const expected = formMac(secret, networkId, issuedAt);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  const age = now - issuedAt;
  if (age < limits.minAgeMs) return 'too-fresh';
  return age > limits.maxAgeMs ? 'expired' : 'ok';
}
