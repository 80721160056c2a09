/**
 * What the validator says about a time written without an offset: whether it falls in an hour
 * the clocks skip or repeat. A module of its own, so an agenda page does not carry it.
 */
import { LOCAL_DATE_TIME, amsterdamClock, amsterdamDate, amsterdamOffsetMinutes, parseDateTime } from './time.js';

/**
 * Whether a wall time written without an offset falls in the hour the clocks skip in spring
 * ("skipped") or repeat in autumn ("repeated"), and the instant `parseDateTime` chose for it.
 * An instant with an explicit offset is never ambiguous.
 */
export function wallTimeAmbiguity(value: string): { kind: 'skipped' | 'repeated'; chosen: Date } | undefined {
  const local = LOCAL_DATE_TIME.exec(value);
  const chosen = local ? parseDateTime(value) : undefined;
  if (!local || !chosen) return undefined;
  const [y, mo, d, h, mi, s] = local.slice(1).map((v) => Number(v ?? 0)) as number[];
  const naive = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const fits = [120, 60].filter((offset) => amsterdamOffsetMinutes(naive - offset * 60000) === offset).length;
  if (fits === 0) return { kind: 'skipped', chosen };
  if (fits === 2) return { kind: 'repeated', chosen };
  return undefined;
}

/** An instant as Amsterdam wall time with its offset: "2026-10-25T02:30+02:00". */
export function amsterdamIso(instant: Date): string {
  const offset = amsterdamOffsetMinutes(instant);
  return `${amsterdamDate(instant)}T${amsterdamClock(instant)}+${String(offset / 60).padStart(2, '0')}:00`;
}
