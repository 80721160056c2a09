/**
 * The shape of a registration as it arrives over HTTP, checked with zod before the policy
 * checks in `checkRegistration` (which the browser form calls directly on what it built).
 */
import * as z from 'zod/mini';
import type { Network } from './schema.js';
import type { ParseResult } from './parse-network.js';
import type { RegistrationInput } from './client.js';
import type { Problem } from './problems.js';
import { formatPath } from './path.js';
import { LOCALES } from './i18n/format.js';
import { shapeMessages, type ShapeMessages } from './i18n/shape.js';
import { checkRegistration, formProblem } from './registration-input.js';
import { joinsProblems } from './session-places.js';

export const registrationShapeSchema = z.object({
  participant: z.object({
    name: z.optional(z.string()),
    email: z.optional(z.string()),
    organisation: z.optional(z.string()),
    organisationType: z.optional(z.string()),
    role: z.optional(z.string()),
    phone: z.optional(z.string()),
  }),
  sessionId: z.optional(z.string()),
  joins: z.optional(z.array(z.string())),
  declarations: z.optional(z.array(z.string())),
  answers: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  invitationCode: z.optional(z.string()),
  groupSize: z.optional(z.number()),
  locale: z.optional(z.enum(['nl', 'en', 'fy'])),
  website: z.optional(z.string()),
  formToken: z.optional(z.string()),
});

type WrongType = Exclude<keyof ShapeMessages, 'choose'>;

/** One problem per field of the wrong type, with its path; the whole body when it is no object. */
function shapeProblem(issue: z.core.$ZodIssue): Problem {
  if (!issue.path.length) return formProblem([], 'shape', (e) => e.shape);
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p.description) : p));
  const expected = issue.code === 'invalid_type' ? issue.expected : 'answer';
  const kind: WrongType = expected in shapeMessages('nl') && expected !== 'choose' ? (expected as WrongType) : 'answer';
  const options = issue.code === 'invalid_value' ? issue.values.map(String) : undefined;
  const message = Object.fromEntries(LOCALES.map((l) => [l, options ? shapeMessages(l).choose(options) : shapeMessages(l)[kind]]));
  return { path: formatPath(path), code: 'shape', message: message as Problem['message'] };
}

/** Checks an untrusted registration body: its shape, then the network's policy. */
export function validateRegistrationInput(network: Network, input: unknown): ParseResult<RegistrationInput> {
  const shape = registrationShapeSchema.safeParse(input);
  if (!shape.success) return { ok: false, problems: shape.error.issues.map(shapeProblem) };
  const checked = checkRegistration(network, shape.data);
  // Places per session inside a series (session-places.ts); the form checks them where it asks them.
  const joins = joinsProblems(network, shape.data.joins ?? []);
  return joins.length ? { ok: false, problems: [...(checked.ok ? [] : checked.problems), ...joins] } : checked;
}
