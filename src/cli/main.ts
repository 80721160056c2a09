/**
 * `npx leerkring <command>`: tools for editors and developers.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { parseNetwork, formatProblem, networkJsonSchema, networkCalendar, messages, toLocale, type Locale } from '../core/index.js';

const USAGE = `Usage: leerkring <command> [options]

Commands:
  validate <file…>        check network documents; prints every problem with its path
  schema                  print the JSON Schema of a network document
  ics <file>              print the calendar (iCalendar) of a network
  hash-code <code>        print the hash to put in registration.invitation.codes
  demo [--port 8000]      serve the demo pages

Options:
  --lang en               messages in English (default: Dutch)
`;

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
  if (result.ok) return { file, ok: true as const, network: result.value, lines: [messages(locale).cli.valid(file)] };
  return {
    file,
    ok: false as const,
    lines: [messages(locale).cli.invalid(file, result.problems.length), ...result.problems.map((p) => `  ${formatProblem(p, locale)}`)],
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
    case 'hash-code': {
      const code = rest[0];
      if (!code) {
        process.stderr.write(USAGE);
        return 2;
      }
      process.stdout.write(`sha256:${createHash('sha256').update(code.trim()).digest('hex')}\n`);
      return 0;
    }
    case 'demo': {
      const { serveDemo } = await import('./demo-server.js');
      await serveDemo({ port: Number(option(rest, '--port') ?? process.env.PORT ?? 8000) });
      return -1;
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
