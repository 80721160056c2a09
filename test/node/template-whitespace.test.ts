// scripts/template-whitespace.mjs: the rollup plugin that takes source indentation out of Lit's
// html and css templates before terser (which leaves template text alone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAst } from 'rollup/parseAst';
import { templateWhitespace } from '../../scripts/template-whitespace.mjs';

const plugin = templateWhitespace();
const transform = (code: string, id = '/x/dist/components/a.js'): string | null =>
  plugin.transform.call({ parse: (c: string) => parseAst(c) }, code, id)?.code ?? null;

test('runs of whitespace with a line break in html templates become one space; the values are untouched', () => {
  const code = "import { html as h } from 'lit/static-html.js';\nexport const t = (x) => h`\n  <p class=\"a\">\n    ${x}  <b>x</b>\n  </p>\n`;\nexport const s = `keep\n  this`;\n";
  const out = transform(code)!;
  assert.equal(out, "import { html as h } from 'lit/static-html.js';\nexport const t = (x) => h` <p class=\"a\"> ${x}  <b>x</b> </p> `;\nexport const s = `keep\n  this`;\n");
});

test('also folds the templates of our own html with heading tags (components/shared/heading.js)', () => {
  const code = "import { heading, html } from '../shared/heading.js';\nexport const t = (n) => html`\n  <${heading(n)}>x</${heading(n)}>\n`;\n";
  assert.equal(transform(code), "import { heading, html } from '../shared/heading.js';\nexport const t = (n) => html` <${heading(n)}>x</${heading(n)}> `;\n");
});

test('css templates lose comments and the spaces CSS does not need, not those in quotes or before a colon', () => {
  const code = "import { css } from 'lit';\nexport const s = css`\n  /* note */\n  .a :hover, .b {\n    color: red;\n    content: 'a, b';\n  }\n  @media (min-width: 40em) and (hover: hover) { .c { margin: 0 auto; } }\n`;\n";
  const out = transform(code)!;
  assert.equal(out, "import { css } from 'lit';\nexport const s = css` .a :hover,.b{color:red;content:'a, b'}@media (min-width:40em) and (hover:hover){.c{margin:0 auto}}`;\n");
});

test('leaves templates with <pre> or <textarea>, other tags, modules without Lit and dependencies alone', () => {
  const pre = "import { html } from 'lit';\nexport const t = html`<pre>\n  a\n</pre>`;\n";
  assert.equal(transform(pre), null);
  assert.equal(transform("import { html } from './mine.js';\nexport const t = html`\n  <p>\n`;\n"), null);
  assert.equal(transform("import { html } from 'lit';\nexport const t = html`\n  <p>\n`;\n", '/x/node_modules/y/index.js'), null);
});
