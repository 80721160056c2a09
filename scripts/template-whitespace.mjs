/**
 * A rollup plugin: terser leaves the text inside template literals alone, so every `html` and
 * `css` template of ours would ship its source indentation. In the static parts of templates
 * tagged with Lit's `html` (from 'lit', 'lit/static-html.js' or our shared/heading.js) or `css`, every run of
 * whitespace that holds a line break becomes one space: HTML and CSS read it the same (text
 * in `<pre>` and `<textarea>` would not: a template with either is left as it is), and the
 * number of text nodes stays the same. Comments go from `css` templates, and the spaces CSS
 * does not need (see tightCss). Only our own modules
 * (dist/, compiled by tsc) are touched; no source maps are made, so none are kept.
 */
// Lit, and our own `html` that takes heading tags (components/shared/heading.ts).
const LIT_SOURCE = /^(lit|lit-html|lit-element)(\/|$)|[\\/]shared[\\/]heading\.js$/;
// HTML's and CSS's whitespace; not \s, which would also take a no-break space.
const BREAK_RUN = /[ \t\f\r\n]*\n[ \t\f\r\n]*/g;
const CSS_COMMENT = /\/\*[\s\S]*?\*\//g;

export function templateWhitespace() {
  return {
    name: 'template-whitespace',
    transform(code, id) {
      if (id.includes('node_modules') || !/[\\/]dist[\\/]/.test(id) || !code.includes('`')) return null;
      const ast = this.parse(code);
      // The local names Lit's tags have in this module (`import { html as h }` included).
      const tags = new Map();
      for (const node of ast.body) {
        if (node.type !== 'ImportDeclaration' || !LIT_SOURCE.test(node.source.value)) continue;
        for (const s of node.specifiers)
          if (s.type === 'ImportSpecifier' && (s.imported.name === 'html' || s.imported.name === 'css')) tags.set(s.local.name, s.imported.name);
      }
      if (!tags.size) return null;
      const edits = [];
      walk(ast, (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || !tags.has(node.tag.name)) return;
        const kind = tags.get(node.tag.name);
        const quasis = node.quasi.quasis;
        if (kind === 'html' && quasis.some((q) => /<(pre|textarea)\b/i.test(q.value.raw))) return;
        for (const q of quasis) {
          const raw = code.slice(q.start, q.end);
          if (raw !== q.value.raw) throw new Error(`template-whitespace: unexpected quasi position in ${id}`);
          // A backslash before a line break continues the line: its meaning would change.
          if (/\\\r?\n/.test(raw)) continue;
          let text = raw;
          if (kind === 'css') text = text.replace(CSS_COMMENT, ' ');
          text = text.replace(BREAK_RUN, ' ');
          if (kind === 'css') text = tightCss(text);
          if (text !== raw) edits.push([q.start, q.end, text]);
        }
      });
      if (!edits.length) return null;
      edits.sort((a, b) => b[0] - a[0]);
      let out = code;
      for (const [start, end, text] of edits) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/**
 * CSS needs no space next to `{`, `}`, `;` and `,` nor after a `:`, and no `;` before a `}`;
 * text in quotes is left as it is. (A space before `:` can matter in a selector, so it stays.)
 */
function tightCss(text) {
  return text
    .split(/("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/)
    .map((part, i) => (i % 2 ? part : part.replace(/[ \t\f]*([{};,])[ \t\f]*/g, '$1').replace(/:[ \t\f]+/g, ':').replace(/;}/g, '}')))
    .join('');
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) for (const v of value) walk(v, visit);
    else if (value && typeof value === 'object' && typeof value.type === 'string') walk(value, visit);
  }
}
