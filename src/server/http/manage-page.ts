/**
 * The manage page every confirmation e-mail links to, served by the reference server itself at
 * `/aanmelding`: a plain page with `<leerkring-manage>` and the bundle, under the strict CSP.
 * A site that wants the page in its own look sets `MANAGE_URL` to a page of its own with the
 * same element; without that setting the link in the e-mail still works.
 */
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pageHtml, sendPage, PAGE_FILE_HEADERS } from './page-shell.js';

/** The build output, from both `dist/server/` (the package) and `src/server/` (tests under tsx). */
const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

export const MANAGE_PATH = '/aanmelding';

/** The server's public origin (`PUBLIC_URL`, or where it listens), without a trailing slash. */
export function publicBase(publicUrl: string | (() => string) | undefined): string {
  const base = typeof publicUrl === 'function' ? publicUrl() : (publicUrl ?? 'http://localhost:8000');
  return base.replace(/\/+$/, '');
}

/** The manage link for a token: the token goes after "#", so it never reaches a server log. */
export function manageUrlOf(publicUrl: string | (() => string) | undefined, token: string): string {
  return `${publicBase(publicUrl)}${MANAGE_PATH}#token=${encodeURIComponent(token)}`;
}

export const MANAGE_PAGE = pageHtml({
  title: 'Je aanmelding',
  stylesheet: `${MANAGE_PATH}/page.css`,
  script: `${MANAGE_PATH}/leerkring.js`,
  body: `    <main>
      <leerkring-manage api="" heading-level="1"></leerkring-manage>
      <noscript><p>Deze pagina werkt alleen met JavaScript aan. / This page needs JavaScript.</p></noscript>
    </main>`,
});

const PAGE_CSS = `html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0; }
main { max-inline-size: 40rem; margin-inline: auto; padding: 1rem; }
`;

/** The bundle and the chunks it may load next to itself. */
const BUNDLE = /^leerkring(-[A-Za-z0-9_-]+)?\.js$/;

export function registerManagePage(app: FastifyInstance, options: { csp: string; distDir?: string }): void {
  const dist = options.distDir ?? DIST;
  const common = PAGE_FILE_HEADERS;
  app.get(MANAGE_PATH, (_req, reply) => sendPage(reply, options.csp, MANAGE_PAGE));
  app.get(`${MANAGE_PATH}/page.css`, (_req, reply) => reply.headers(common).type('text/css; charset=utf-8').send(PAGE_CSS));
  app.get(`${MANAGE_PATH}/:file`, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const body = BUNDLE.test(file) && !file.startsWith('leerkring-console') ? await readFile(`${dist}${file}`).catch(() => undefined) : undefined;
    if (!body) return reply.code(404).send({ error: { code: 'not-found', message: 'Not found' } });
    return reply.headers(common).type('text/javascript; charset=utf-8').send(body);
  });
}
