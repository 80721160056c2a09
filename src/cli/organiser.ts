/**
 * `leerkring organiser …`: who may organise, from the command line. This is how the first
 * owner of a network (or an installation admin) gets in; owners add the others in the console.
 * It opens the same database as `serve`; with the embedded database, stop the server first.
 */
import { ORGANISER_ROLES, loginRequestSchema, type OrganiserRole } from '../core/index.js';

function take(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

function flag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i !== -1) args.splice(i, 1);
  return i !== -1;
}

const NETWORK_ID = /^[a-z0-9][a-z0-9-]*$/;

export async function organiserCommand(argv: string[], options: { dataDir: string; usage: string }): Promise<number> {
  const args = [...argv];
  const sub = args.shift();
  const network = take(args, '--network');
  const role = take(args, '--role');
  const name = take(args, '--name');
  const admin = flag(args, '--admin');
  const email = args.shift();
  const say = (code: number) => (line: string) => {
    process.stderr.write(`leerkring organiser: ${line}\n`);
    return code;
  };
  // 2: the command is wrong; 1: the command is right, but the database says no.
  const fail = say(2);
  const refuse = say(1);
  if (sub !== 'list' && sub !== 'add' && sub !== 'remove') return fail(`say add, list or remove\n\n${options.usage}`);
  if (sub !== 'list' && (!email || !loginRequestSchema.safeParse({ email }).success)) return fail(`"${email ?? ''}" is not an e-mail address`);
  if (network !== undefined && !NETWORK_ID.test(network)) return fail(`"${network}" is not a network id (lowercase letters, digits and hyphens)`);
  if (sub === 'add') {
    if (!admin && !network) return fail('say which network (--network <id> --role owner|organiser), or --admin');
    if (network && !(ORGANISER_ROLES as readonly string[]).includes(role ?? '')) return fail('--role is owner or organiser');
  }
  if (args.length) return fail(`unknown argument "${args[0]}"`);

  const { openDatabase, DatabaseOpenError } = await import('../server/storage/db.js');
  const { OrganiserService } = await import('../server/services/organisers.js');
  const { holdDataFolder, StartupError } = await import('../server/serve.js');
  const { currentRevisions } = await import('../server/storage/networks.js');
  // The embedded database belongs to one process at a time: refuse while a server holds it.
  let release = async () => {};
  let db;
  try {
    if (!process.env.DATABASE_URL) release = await holdDataFolder(options.dataDir);
    db = await openDatabase({ ...(process.env.DATABASE_URL && { url: process.env.DATABASE_URL }), dataDir: options.dataDir });
  } catch (error) {
    await release();
    if (error instanceof StartupError || error instanceof DatabaseOpenError) return refuse(error.message);
    throw error;
  }
  const organisers = new OrganiserService(db);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const address = (email ?? '').trim().toLowerCase();
  try {
    if (sub === 'list') {
      const all = await organisers.list();
      if (!all.length) out('No organisers yet: add the first with `leerkring organiser add <email> --network <id> --role owner`.');
      for (const o of all) {
        const roles = o.roles.map((r) => `${r.networkId} (${r.role})`);
        out(`${o.email}${o.name ? ` — ${o.name}` : ''}: ${[...(o.isAdmin ? ['installation admin'] : []), ...roles].join(', ') || 'no networks'}`);
      }
      return 0;
    }
    if (sub === 'add') {
      // A role on a network the server does not know would let nobody in: say so instead.
      const known = network ? (await currentRevisions(db)).map((r) => r.id) : [];
      if (network && !known.includes(network))
        return refuse(
          `there is no network "${network}" in the database${known.length ? ` (it has ${known.join(', ')})` : ''}. Start the server once with its document (serve --networks <folder>) or import it (leerkring import <folder>), then add its organisers.`,
        );
      if (admin) await organisers.ensure(address, { ...(name && { name }), isAdmin: true });
      if (network) {
        const r = await organisers.setRole(network, address, role as OrganiserRole, name ? { name } : {});
        if (!r.ok) return refuse(`${address} is the last owner of ${network}; make someone else owner first`);
        await organisers.audit({ actor: 'cli', action: 'role-set', networkId: network, detail: { organiserId: r.organiserId, role: r.role, previous: r.previous } });
      }
      out(`${address}: ${[...(admin ? ['installation admin'] : []), ...(network ? [`${role} of ${network}`] : [])].join(', ')}. They sign in at /beheer/ with this address.`);
      return 0;
    }
    if (network) {
      const o = await organisers.byEmail(address);
      const r = o ? await organisers.removeRole(network, o.id) : ({ ok: false, code: 'not-found' } as const);
      if (!r.ok) return refuse(r.code === 'last-owner' ? `${address} is the last owner of ${network}; make someone else owner first` : `${address} has no role on ${network}`);
      await organisers.audit({ actor: 'cli', action: 'role-removed', networkId: network, detail: { organiserId: r.organiserId, previous: r.previous } });
      out(`${address} no longer organises ${network}.`);
      return 0;
    }
    const r = await organisers.remove(address);
    if (!r.ok) return refuse(r.code === 'last-owner' ? `${address} is the last owner of ${r.networks.join(', ')}; make someone else owner first` : `${address} is not an organiser`);
    out(`${address} removed, with their sessions and API tokens.`);
    return 0;
  } finally {
    await db.close();
    await release();
  }
}
