/**
 * Serves the organiser console at `/beheer/`: one page, its bundle and a few lines of page
 * style, under the same strict Content-Security-Policy as the demo, and never in a frame.
 */
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pageHtml, sendPage, PAGE_FILE_HEADERS } from './page-shell.js';

/** The build output, from both `dist/server/` (the package) and `src/server/` (tests under tsx). */
const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

export const CONSOLE_PAGE = pageHtml({
  title: 'Beheer leernetwerken',
  stylesheet: '/beheer/console.css',
  script: '/beheer/leerkring-console.js',
  body: `    <leerkring-console></leerkring-console>
    <noscript><p>De beheeromgeving werkt alleen met JavaScript aan. / The console needs JavaScript.</p></noscript>`,
});

const PAGE_CSS = `html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; }
`;

export function registerConsole(app: FastifyInstance, options: { csp: string; distDir?: string }): void {
  const dist = options.distDir ?? DIST;
  const common = PAGE_FILE_HEADERS;
  app.get('/beheer', (_req, reply) => reply.redirect('/beheer/'));
  app.get('/beheer/', (_req, reply) => sendPage(reply, options.csp, CONSOLE_PAGE));
  app.get('/beheer/console.css', (_req, reply) => reply.headers(common).type('text/css; charset=utf-8').send(PAGE_CSS));
  app.get('/beheer/leerkring-console.js', async (_req, reply) => {
    const body = await readFile(`${dist}leerkring-console.js`).catch(() => undefined);
    if (!body) return reply.code(404).send({ error: { code: 'not-found', message: 'The console is not built: run npm run build.' } });
    return reply.headers(common).type('text/javascript; charset=utf-8').send(body);
  });
}
