/**
 * The HTML shell of the pages the server serves itself (`/aanmelding`, `/beheer/`): one page
 * with one element and its bundle, Dutch by default, not indexed, and the headers that go with
 * it (strict CSP, never in a frame). Both routes use this, so a change of the shell is made once.
 */
import type { FastifyReply } from 'fastify';

export interface PageShell {
  /** The page's title (text, escaped here). */
  title: string;
  /** Absolute paths of the page's style sheet and module script (written as given). */
  stylesheet: string;
  script: string;
  /** The body's HTML, already safe (fixed markup of the route). */
  body: string;
  lang?: string;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

export function pageHtml(page: PageShell): string {
  return `<!doctype html>
<html lang="${escapeAttr(page.lang ?? 'nl')}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${escapeText(page.title)}</title>
    <link rel="stylesheet" href="${escapeAttr(page.stylesheet)}" />
    <script type="module" src="${escapeAttr(page.script)}"></script>
  </head>
  <body>
${page.body}
  </body>
</html>
`;
}

/** Headers of every file of such a page. */
export const PAGE_FILE_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };

/** Sends a page made by `pageHtml` under the server's CSP, never in a frame. */
export function sendPage(reply: FastifyReply, csp: string, html: string): FastifyReply {
  return reply
    .headers({ ...PAGE_FILE_HEADERS, 'content-security-policy': `${csp}; frame-ancestors 'none'`, 'x-frame-options': 'DENY' })
    .type('text/html; charset=utf-8')
    .send(html);
}
