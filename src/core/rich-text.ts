/**
 * The little markup a description may carry, as the schema promises: paragraphs separated by a
 * blank line, "- " list items, [text](https://…) links and *emphasis* / **strong**. Parsed into
 * a tree that elements render with their own templates, so nothing is ever inserted as HTML.
 */
import { safeUrl } from './safe-url.js';

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'emphasis'; strong: boolean; text: string }
  | { type: 'link'; href: string; text: string };
export type Block = { type: 'paragraph'; content: Inline[] } | { type: 'list'; items: Inline[][] };

// A link, strong text or emphasis; anything else is text, including what merely looks like markup.
// Emphasis hugs its words ("*dit*"), so "a * b *" stays text.
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(?!\s)([^*\n]+?)(?<!\s)\*\*|\*(?!\s)([^*\n]+?)(?<!\s)\*/g;

/** One line's inline markup. A link whose URL is not safe to render (`safeUrl`) stays text. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  const text = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += t;
    else out.push({ type: 'text', text: t });
  };
  for (const m of line.matchAll(INLINE)) {
    text(line.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[1] !== undefined) {
      const href = safeUrl(m[2], { relative: false });
      if (href) out.push({ type: 'link', href, text: m[1] });
      else text(m[1]);
    } else if (m[3] !== undefined) out.push({ type: 'emphasis', strong: true, text: m[3] });
    else out.push({ type: 'emphasis', strong: false, text: m[4]! });
  }
  text(line.slice(at));
  return out;
}

/**
 * A description as blocks: a run of lines starting with "- " (or "* ") is a list, other lines
 * are paragraphs; a blank line ends a block. Single line breaks inside a paragraph become spaces.
 * @example parseRichText('Intro.\n\n- een\n- twee') // [{ type: 'paragraph', … }, { type: 'list', items: [[…], […]] }]
 */
export function parseRichText(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (list.length) blocks.push({ type: 'list', items: list.map(parseInline) });
    paragraph = [];
    list = [];
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (item) {
      if (paragraph.length) flush();
      list.push(item[1]!);
    } else {
      if (list.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
