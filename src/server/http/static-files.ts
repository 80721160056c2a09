/**
 * The demo pages and the bundle, served from the package folder (`staticRoot`) by the catch-all
 * `/*`, which `buildServer` registers last: only what the allow-list names, never the sources,
 * the configuration or the database folder.
 */
import type { FastifyInstance } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { error } from './reply.js';

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/**
 * What the demo pages need, and nothing else: the package folder also holds the sources, the
 * configuration and, when the server runs from it, the database folder (whose write-ahead log
 * holds the manage-token secret and personal data).
 */
const STATIC_ALLOWED = [
  /^\/demo\/[a-z0-9][a-z0-9-]*\.(html|js|css|svg)$/,
  /^\/demo\/data\/[a-z0-9][a-z0-9-]*\.json$/,
  /^\/dist\/leerkring(-[A-Za-z0-9_-]+)?\.js(\.map)?$/,
  /^\/dist\/integrity\.json$/,
  /^\/schema\/network\.schema\.json$/,
];

/**
 * The file a request path stands for, or undefined. The path is decoded exactly once; anything
 * still encoded after that (double encoding), a backslash, a NUL or a dot segment is refused
 * before the allow-list is consulted, and the resolved file must still lie inside the root.
 */
function staticFile(root: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(url.split('?')[0]!);
  } catch {
    return undefined;
  }
  if (/[%\\\0]/.test(path) || path.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  if (path === '/' || path === '/demo/') path = '/demo/index.html';
  if (!STATIC_ALLOWED.some((pattern) => pattern.test(path))) return undefined;
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : undefined;
}

/** The catch-all `/*` for the files below `staticRoot`; HTML pages get the Content-Security-Policy `csp`. */
export function registerStaticFiles(app: FastifyInstance, options: { staticRoot: string; csp: string }): void {
  const root = resolve(options.staticRoot);
  app.get('/*', async (req, reply) => {
    const file = staticFile(root, req.url);
    if (!file) return error(reply, 404, 'not-found', 'Not found');
    try {
      const info = await stat(file);
      if (!info.isFile()) return error(reply, 404, 'not-found', 'Not found');
      const type = STATIC_TYPES[extname(file)] ?? 'application/octet-stream';
      if (type.startsWith('text/html')) reply.header('content-security-policy', options.csp);
      return reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(await readFile(file));
    } catch {
      return error(reply, 404, 'not-found', 'Not found');
    }
  });
}
