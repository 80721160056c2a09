/**
 * What a valid network document says that probably is not what its editor meant. Warnings do not
 * stop a document from loading; `parseNetwork` returns them beside the value, and the CLI prints them.
 */
import type { Network } from './schema.js';
import type { Problem } from './problems.js';
import { problemMessages } from './i18n/problem.js';
import { LOCALES, type Locale } from './i18n/format.js';
import { amsterdamIso, wallTimeAmbiguity } from './wall-time.js';
import { keepsRegistrations } from './closed-group.js';

function both(make: (locale: Locale) => string): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, make(l)])) as Record<Locale, string>;
}

export function networkWarnings(network: Network): Problem[] {
  const out: Problem[] = [];
  // availability.ts treats a closed network as taking no registrations, whatever the mode says.
  if (network.format === 'closed' && network.registration.mode === 'built-in')
    out.push({ path: 'registration.mode', code: 'closed-format-built-in', message: both((l) => problemMessages(l).problem['closed-format-built-in']) });
  // Issue 23 (m23b): in a price per organisation type the first rate naming a type counts; a later one never does.
  const priced = new Set<string>();
  if (network.price?.type === 'per-organisation-type')
    network.price.rates.forEach((rate, i) => {
      if (rate.organisationTypes.some((t) => priced.has(t)))
        out.push({ path: `price.rates[${i}].organisationTypes`, code: 'price-type-twice', message: both((l) => problemMessages(l).problem['price-type-twice']) });
      rate.organisationTypes.forEach((t) => priced.add(t));
    });
  // Issue 23 (m23c): an address for participants only goes to the people whose registration the server keeps; elsewhere nobody gets it.
  if (!keepsRegistrations(network))
    network.sessions.forEach((s, i) => {
      if (s.venue && 'participantsOnly' in s.venue && s.venue.participantsOnly)
        out.push({ path: `sessions[${i}].venue.participantsOnly`, code: 'participants-only-unseen', message: both((l) => problemMessages(l).problem['participants-only-unseen']) });
    });
  const times: [string, string | undefined][] = [];
  network.sessions.forEach((s, i) => {
    times.push([`sessions[${i}].start`, s.start], [`sessions[${i}].end`, s.end]);
    s.movedFrom?.forEach((m, j) => times.push([`sessions[${i}].movedFrom[${j}]`, m]));
  });
  const r = network.registration;
  times.push(['registration.opens', r.opens], ['registration.closes', r.closes], ['registration.cancelUntil', r.cancelUntil]);
  for (const [path, value] of times) {
    const found = value === undefined ? undefined : wallTimeAmbiguity(value);
    if (!found) continue;
    const chosen = amsterdamIso(found.chosen);
    out.push({
      path,
      code: found.kind === 'skipped' ? 'time-skipped' : 'time-repeated',
      message: both((l) => (found.kind === 'skipped' ? problemMessages(l).problem.timeSkipped(chosen) : problemMessages(l).problem.timeRepeated(chosen))),
    });
  }
  return out;
}
