/**
 * Intakes waiting for a decision and people on a waiting list, over a whole network, from its
 * kept counts per target (issue 24): the one rule for the console's start page (the networks'
 * summary) and a network's own page (its answer beside the availability), so the page needs
 * no second request for two numbers.
 */
import type { PlaceCounts } from './availability.js';

export interface QueueCounts {
  /** Intakes waiting for a decision, over the whole network. */
  pending: number;
  /** People on a waiting list, over the whole network. */
  waiting: number;
}

export function queueCounts(counts: Readonly<Record<string, PlaceCounts>>): QueueCounts {
  const total = (k: 'pending' | 'waitlisted') => Object.values(counts).reduce((sum, c) => sum + c[k], 0);
  return { pending: total('pending'), waiting: total('waitlisted') };
}
