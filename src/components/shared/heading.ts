import { html as litHtml, type TemplateResult } from 'lit';

/** A heading's tag name as a template value; made by `heading`, read by `html`. */
class HeadingTag {
  constructor(readonly name: string) {}
}

const HEADINGS = [1, 2, 3, 4, 5, 6].map((n) => new HeadingTag(`h${n}`));

/** The heading tag for a level, clamped to h1–h6: `<${heading(level)}>…</${heading(level)}>` in a template of `html` below. */
export function heading(level: number): HeadingTag {
  return HEADINGS[Math.min(6, Math.max(1, level)) - 1]!;
}

const joined = new WeakMap<TemplateStringsArray, Map<string, TemplateStringsArray>>();

/**
 * Lit's `html`, in which a tag from `heading()` is part of the template itself, as
 * lit/static-html.js does for its `literal` values, in a fraction of its code. Lit keeps one
 * template per strings array, so the strings for each combination of tags are made once.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): TemplateResult {
  if (!values.some((v) => v instanceof HeadingTag)) return litHtml(strings, ...values);
  const key = values.map((v) => (v instanceof HeadingTag ? v.name : '')).join();
  let byKey = joined.get(strings);
  if (!byKey) joined.set(strings, (byKey = new Map()));
  const rest = values.filter((v) => !(v instanceof HeadingTag));
  let made = byKey.get(key);
  if (!made) {
    // Each tag joins the strings either side of it; the other values stay values.
    const parts = [strings[0]!];
    values.forEach((v, i) => {
      if (v instanceof HeadingTag) parts[parts.length - 1] += v.name + strings[i + 1]!;
      else parts.push(strings[i + 1]!);
    });
    // Lit accepts only a template strings array: one with `raw`.
    byKey.set(key, (made = Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray));
  }
  return litHtml(made, ...rest);
}
