/**
 * Serves the organiser console at `/beheer/`: one page, its bundle and a few lines of page
 * style, under the same strict Content-Security-Policy as the demo, and never in a frame.
 */
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The build output, from both `dist/server/` (the package) and `src/server/` (tests under tsx). */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const PAGE = `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>Beheer leernetwerken</title>
    <link rel="stylesheet" href="/beheer/console.css" />
    <script type="module" src="/beheer/leerkring-console.js"></script>
  </head>
  <body>
    <leerkring-console></leerkring-console>
    <noscript><p>De beheeromgeving werkt alleen met JavaScript aan. / The console needs JavaScript.</p></noscript>
  </body>
</html>
`;

const PAGE_CSS = `html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; }
`;

export function registerConsole(app: FastifyInstance, options: { csp: string; distDir?: string }): void {
  const dist = options.distDir ?? DIST;
  const csp = `${options.csp}; frame-ancestors 'none'`;
  const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };
  app.get('/beheer', (_req, reply) => reply.redirect('/beheer/'));
  app.get('/beheer/', (_req, reply) =>
    reply.headers({ ...common, 'content-security-policy': csp, 'x-frame-options': 'DENY' }).type('text/html; charset=utf-8').send(PAGE),
  );
  app.get('/beheer/console.css', (_req, reply) => reply.headers(common).type('text/css; charset=utf-8').send(PAGE_CSS));
  app.get('/beheer/leerkring-console.js', async (_req, reply) => {
    const body = await readFile(`${dist}leerkring-console.js`).catch(() => undefined);
    if (!body) return reply.code(404).send({ error: { code: 'not-found', message: 'The console is not built: run npm run build.' } });
    return reply.headers(common).type('text/javascript; charset=utf-8').send(body);
  });
}
