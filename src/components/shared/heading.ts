import { literal, type StaticValue } from 'lit/static-html.js';

const HEADINGS: StaticValue[] = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/** The heading tag for a level, clamped to h1–h6, for `html` from lit/static-html.js. */
export function heading(level: number): StaticValue {
  return HEADINGS[Math.min(6, Math.max(1, level)) - 1]!;
}
