/**
 * The demo's way into the organiser console: a fictional organiser (owner) per demo network,
 * and a fresh sign-in link for each at every start, written as an e-mail like any other.
 * The addresses are under example.org, which receives no mail: never a real contact.
 */
import type { Network } from '../../core/index.js';
import type { Db } from '../storage/db.js';
import type { Mailer } from '../mail/delivery.js';
import { OrganiserService } from './organisers.js';

/** The demo's installation admin: every network in one console. */
export const DEMO_ADMIN_EMAIL = 'beheerder@demo.example.org';

export function demoOrganiserEmail(networkId: string): string {
  return `organisator@${networkId}.example.org`;
}

export interface DemoSignIn {
  networkId: string;
  email: string;
  /** `*` for the demo's installation admin. */
  /** Where the e-mail went: the .eml file, when mail is written to files. */
  file?: string;
  link: string;
}

/**
 * Ensures the demo organisers and sends each a sign-in link. Prints per network the address
 * and where the e-mail is; the link itself only on a terminal, where nobody collects the output
 * (off a terminal, serve.ts writes the links to a file only its user may read).
 */
export async function demoSignIns(
  db: Db,
  networks: Map<string, Network>,
  options: { consoleUrl: string; mailer: Mailer; log: (line: string) => void; showLinks: boolean },
): Promise<DemoSignIn[]> {
  const organisers = new OrganiserService(db);
  const out: DemoSignIn[] = [];
  options.log('leerkring: sign in to the organiser console of the demo as one of these fictional organisers:');
  // Someone who sees every demo network at once, as a programme officer or an installation's admin would.
  {
    const email = DEMO_ADMIN_EMAIL;
    const admin = await organisers.ensure(email, { name: 'Beheerder (demo)', isAdmin: true });
    const link = await organisers.signInLink(admin.id, options.consoleUrl);
    const file = await options.mailer.send(organisers.signInMessage(email, link, 'nl'));
    out.push({ networkId: '*', email, link, ...(file && { file }) });
    options.log(`  all networks: ${email}`);
    options.log(`    ${options.showLinks ? link : file ? `sign-in link in ${file}` : `sign-in link sent to ${email}`}`);
  }
  for (const n of networks.values()) {
    const email = demoOrganiserEmail(n.id);
    // An organiser who is there already keeps the role the demo's user gave them.
    let organiser = await organisers.byEmail(email);
    if (!organiser || !(await organisers.roles(organiser.id)).has(n.id)) {
      await organisers.setRole(n.id, email, 'owner', { name: `Organisator ${n.title}` });
      organiser = (await organisers.byEmail(email))!;
    }
    const link = await organisers.signInLink(organiser.id, options.consoleUrl);
    const file = await options.mailer.send(organisers.signInMessage(email, link, 'nl'));
    out.push({ networkId: n.id, email, link, ...(file && { file }) });
    options.log(`  ${n.title}: ${email}`);
    options.log(`    ${options.showLinks ? link : file ? `sign-in link in ${file}` : `sign-in link sent to ${email}`}`);
  }
  options.log('  Each link works once, within 15 minutes; restart the demo for new ones.');
  return out;
}

/** The demo's sign-in links as plain text, one organiser and link after another, to copy from. */
export function signInLinksText(signIns: DemoSignIn[]): string {
  const blocks = signIns.map((s) => `${s.networkId === '*' ? 'all networks' : s.networkId}: ${s.email}\n${s.link}`);
  return ['# leerkring demo: sign-in links; each works once, within 15 minutes. Restart the demo for new ones.', ...blocks].join('\n\n');
}
