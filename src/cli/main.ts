/**
 * `npx leerkring <command>`: tools for editors and developers.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { parseNetwork, formatProblem, networkJsonSchema, networkCalendar, messages, problemMessages, toLocale, type Locale } from '../core/index.js';

/**
 * Where the demo keeps its embedded database, apart from `serve`'s `.leerkring-data`: a later
 * `serve` must not find the five demo networks and their fictional organisers in its database.
 */
const DEMO_DATA_DIR = '.leerkring-demo';

const USAGE = `Usage: leerkring <command> [options]

Commands:
  validate <file…>        check network documents; prints every problem with its path
  schema                  print the JSON Schema of a network document
  ics <file>              print the calendar (iCalendar) of a network
  hash-code <code>        print the hash to put in registration.invitation.codes
  snippet [--base <url>]  print the <script> tag to paste into a page, with its integrity hash
  serve [--networks <dir>]
                          serve the registration API for the networks in the database; with
                          --networks, first import every document in <dir> that is new or changed
        [--port 8000] [--host 127.0.0.1] [--data .leerkring-data] [--origin https://…]… [--demo]
        [--trust-proxy <address or range,…>]
                          believe X-Forwarded-For from these proxies only (LEERKRING_TRUST_PROXY)
                          DATABASE_URL: use PostgreSQL instead of the embedded database
                          SMTP_URL: send e-mail over SMTP instead of writing .eml files
  purge [--networks <dir>]
                          remove personal data past its retention period [--data .leerkring-data]
                          (a running server does this daily; purge refuses a folder it holds)
  import <dir>            store each network document in <dir> that is new or changed as a revision
  export <dir>            write the current revision of every network to <dir>/<id>.json
                          [--data .leerkring-data] (or DATABASE_URL)
  demo [--port 8000]      the demo: serve demo/data with the demo pages, its database in .leerkring-demo/ (PORT works too); prints how to sign in
  organiser add <email> --network <id> --role owner|organiser [--name <name>]
                          let someone organise a network (the first owner gets in this way)
  organiser add <email> --admin
                          an installation admin: may act on every network
  organiser list          every organiser and their roles
  organiser remove <email> [--network <id>]
                          take a role away, or (without --network) remove the organiser
        [--data .leerkring-data]  the same database as serve (or DATABASE_URL)

Options:
  --lang en               messages in English (default: Dutch)
  --version               the version of leerkring
`;

/**
 * The reference server's packages: optional peer dependencies, so that `npm install leerkring`
 * for the elements stays light. The commands that run the server check for them first.
 */
const SERVER_PACKAGES = ['@electric-sql/pglite', '@fastify/cors', 'fastify', 'nodemailer', 'pdf-lib', '@pdf-lib/fontkit', 'dejavu-fonts-ttf', 'pg'];

/** Whether package `name` is installed: its entry, or for a package of files only (the font), its package.json. */
function installed(name: string): boolean {
  for (const specifier of [name, `${name}/package.json`]) {
    try {
      import.meta.resolve(specifier);
      return true;
    } catch {
      // Not this way; the next, or missing.
    }
  }
  return false;
}

/** Says which install command is missing, once, instead of a module-not-found stack. */
function serverPackagesMissing(command: string): boolean {
  const missing = SERVER_PACKAGES.filter((name) => !installed(name));
  if (!missing.length) return false;
  process.stderr.write(
    `leerkring ${command} needs the server's packages, which an install for the elements leaves out (missing: ${missing.join(', ')}). Install them next to leerkring:\n\n` +
      `  npm install leerkring ${SERVER_PACKAGES.join(' ')}\n`,
  );
  return true;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

async function readNetworkFile(file: string, locale: Locale) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { file, ok: false as const, lines: [`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? (locale === 'en' ? 'file not found' : 'bestand niet gevonden') : String(error)}`] };
  }
  const result = parseNetwork(text);
  if (result.ok)
    return {
      file,
      ok: true as const,
      network: result.value,
      // Warnings do not fail validation; they are said beside "geldig" with their path.
      lines: [problemMessages(locale).cli.valid(file), ...result.warnings.map((p) => `  ${formatProblem(p, locale)}`)],
    };
  return {
    file,
    ok: false as const,
    lines: [problemMessages(locale).cli.invalid(file, result.problems.length), ...result.problems.map((p) => `  ${formatProblem(p, locale)}`)],
  };
}

export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const locale = toLocale(option(args, '--lang') ?? process.env.LEERKRING_LANG);
  const [command, ...rest] = args;
  switch (command) {
    case 'validate': {
      if (!rest.length) {
        process.stderr.write(USAGE);
        return 2;
      }
      let failed = 0;
      for (const file of rest) {
        const r = await readNetworkFile(file, locale);
        (r.ok ? process.stdout : process.stderr).write(r.lines.join('\n') + '\n');
        if (!r.ok) failed++;
      }
      return failed ? 1 : 0;
    }
    case 'schema':
      process.stdout.write(JSON.stringify(networkJsonSchema(), null, 2) + '\n');
      return 0;
    case 'ics': {
      const file = rest[0];
      if (!file) {
        process.stderr.write(USAGE);
        return 2;
      }
      const r = await readNetworkFile(file, locale);
      if (!r.ok) {
        process.stderr.write(r.lines.join('\n') + '\n');
        return 1;
      }
      process.stdout.write(networkCalendar(r.network, { locale }));
      return 0;
    }
    case 'snippet': {
      const base = (option(rest, '--base') ?? '/leerkring').replace(/\/+$/, '');
      const file = new URL('../integrity.json', import.meta.url);
      const hashes = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
      process.stdout.write(`<script type="module" src="${base}/leerkring.js" integrity="${hashes['leerkring.js']}" crossorigin="anonymous"></script>\n`);
      return 0;
    }
    case 'hash-code': {
      const code = rest[0];
      if (!code) {
        process.stderr.write(USAGE);
        return 2;
      }
      process.stdout.write(`sha256:${createHash('sha256').update(code.trim()).digest('hex')}\n`);
      return 0;
    }
    case 'demo':
    case 'serve': {
      if (serverPackagesMissing(command)) return 2;
      const { serve, StartupError } = await import('../server/serve.js');
      const { NetworkFolderError } = await import('../server/services/networks.js');
      const { DatabaseOpenError, DatabaseUnavailableError } = await import('../server/storage/db.js');
      const origins: string[] = [];
      for (let o = option(rest, '--origin'); o; o = option(rest, '--origin')) origins.push(o);
      origins.push(...(process.env.CORS_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean) ?? []));
      const demo = command === 'demo' || rest.includes('--demo');
      // The demo replays each seed network as of a day before its next session (demo/networks.js);
      // its clock runs on from there, so waiting lists and deadlines still behave as in real time.
      let now: ((id: string) => Date) | undefined;
      if (command === 'demo') {
        const { demoClock } = (await import(new URL('../../demo/networks.js', import.meta.url).href)) as { demoClock: () => (id: string) => Date };
        now = demoClock();
      }
      const port = Number(option(rest, '--port') ?? process.env.PORT ?? 8000);
      const trustProxy = option(rest, '--trust-proxy') ?? process.env.LEERKRING_TRUST_PROXY;
      try {
        // Fastify would take a number as hops and then trust no one: say so rather than start.
        if (trustProxy !== undefined && /^\d+$/.test(trustProxy.trim()))
          throw new StartupError('--trust-proxy takes the addresses or ranges of your proxies (for example 10.0.0.2 or 10.0.0.0/8), not a number of hops.');
        const dataDir = option(rest, '--data') ?? process.env.LEERKRING_DATA ?? (demo ? DEMO_DATA_DIR : '.leerkring-data');
        // Opening the embedded database takes seconds (half a minute the first time): say so, or it looks stuck.
        if (!process.env.DATABASE_URL) process.stdout.write(`leerkring: opening the embedded database in ${dataDir} (the first start takes up to half a minute)…\n`);
        const server = await serve({
          networks: option(rest, '--networks') ?? (demo ? new URL('../../demo/data', import.meta.url).pathname : undefined),
          port,
          host: option(rest, '--host') ?? process.env.HOST ?? '127.0.0.1',
          dataDir,
          ...(process.env.DATABASE_URL && { databaseUrl: process.env.DATABASE_URL }),
          ...(process.env.SMTP_URL && { smtpUrl: process.env.SMTP_URL }),
          ...(process.env.MAIL_FROM && { mailFrom: process.env.MAIL_FROM }),
          origins,
          demo,
          demoOrganisers: command === 'demo',
          manageUrl: process.env.MANAGE_URL ?? (demo ? `http://localhost:${port}/demo/aanmelding.html#token={token}` : undefined),
          minFillMs: Number(process.env.LEERKRING_MIN_FILL_MS ?? 3000),
          rateLimitPerMinute: Number(process.env.LEERKRING_RATE_LIMIT ?? 30),
          ...(trustProxy && { trustProxy: trustProxy === 'true' ? true : trustProxy.split(',').map((a) => a.trim()).filter(Boolean) }),
          ...(process.env.PUBLIC_URL && { publicUrl: process.env.PUBLIC_URL }),
          ...(now && { now }),
          // The demo's terminal shows failures, not every request.
          logger: { level: process.env.LEERKRING_LOG_LEVEL ?? (command === 'demo' ? 'warn' : 'info') },
        } as Parameters<typeof serve>[0]);
        const stop = async () => {
          await server.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return -1;
      } catch (error) {
        if (error instanceof NetworkFolderError) {
          process.stderr.write(`leerkring: cannot start, a network document is invalid:\n${error.message}\n`);
          return 1;
        }
        // One sentence an operator can act on, not a stack trace or PGlite's minified source.
        if (error instanceof DatabaseOpenError || error instanceof StartupError) {
          process.stderr.write(`leerkring: cannot start: ${error.message}\n`);
          return 1;
        }
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || (error as NodeJS.ErrnoException).code === 'EACCES') {
          const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
          process.stderr.write(
            `leerkring: cannot start: ${busy ? `port ${port} is in use by another program` : `port ${port} may not be used by this user`}; choose another port with --port or PORT (for example PORT=8001 npm start).\n`,
          );
          // The database is open and its timers run: end here rather than wait for them.
          process.exit(1);
        }
        if (error instanceof DatabaseUnavailableError) {
          process.stderr.write('leerkring: cannot start: the database went away during start-up; check that it is running and start again.\n');
          return 1;
        }
        throw error;
      }
    }
    case 'purge': {
      if (serverPackagesMissing(command)) return 2;
      const { purgeData, StartupError } = await import('../server/serve.js');
      const folder = option(rest, '--networks');
      const { NetworkFolderError } = await import('../server/services/networks.js');
      const { DatabaseOpenError } = await import('../server/storage/db.js');
      try {
        const n = await purgeData({
          ...(folder && { networks: folder }),
          dataDir: option(rest, '--data') ?? process.env.LEERKRING_DATA ?? '.leerkring-data',
          ...(process.env.DATABASE_URL && { databaseUrl: process.env.DATABASE_URL }),
        });
        process.stdout.write(`leerkring: personal data of ${n} registrations removed\n`);
        return 0;
      } catch (error) {
        if (error instanceof StartupError || error instanceof NetworkFolderError || error instanceof DatabaseOpenError) {
          process.stderr.write(`leerkring: nothing purged: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    }
    case 'import':
    case 'export': {
      if (serverPackagesMissing(command)) return 2;
      const { moveDocuments, StartupError } = await import('../server/serve.js');
      const { NetworkFolderError } = await import('../server/services/networks.js');
      const { DatabaseOpenError } = await import('../server/storage/db.js');
      const dataDir = option(rest, '--data') ?? process.env.LEERKRING_DATA ?? '.leerkring-data';
      const folder = rest[0];
      if (!folder) {
        process.stderr.write(`leerkring: ${command} needs a folder\n\n${USAGE}`);
        return 2;
      }
      try {
        const ids = await moveDocuments(command, { folder, dataDir, ...(process.env.DATABASE_URL && { databaseUrl: process.env.DATABASE_URL }) });
        process.stdout.write(command === 'import' ? `leerkring: ${ids.length} network documents imported as a new revision${ids.length ? ` (${ids.join(', ')})` : ''}\n` : `leerkring: ${ids.length} network documents written to ${folder}\n`);
        return 0;
      } catch (error) {
        if (error instanceof StartupError || error instanceof NetworkFolderError || error instanceof DatabaseOpenError) {
          process.stderr.write(`leerkring: nothing ${command}ed: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    }
    case 'organiser': {
      if (serverPackagesMissing(command)) return 2;
      const { organiserCommand } = await import('./organiser.js');
      return organiserCommand(rest, { dataDir: option(rest, '--data') ?? process.env.LEERKRING_DATA ?? '.leerkring-data', usage: USAGE });
    }
    case '--version':
    case '-v': {
      const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`leerkring: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
