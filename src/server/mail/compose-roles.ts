/**
 * The e-mail to someone given a role on a network (issue 24): who gave it, on which network,
 * which role, and where the console is. No sign-in link: they ask for one there.
 */
import { emailMessages, inertLine, isolated, type Locale, type OrganiserRole } from '../../core/index.js';
import type { MailMessage } from './compose.js';

export function composeRoleMail(to: string, ctx: { networkTitle: string; role: OrganiserRole; by: string | undefined; consoleUrl: string; locale: Locale }): MailMessage {
  const m = emailMessages(ctx.locale).roleAdded;
  const by = ctx.by ? isolated(inertLine(ctx.by)) : m.admin;
  const lines = [m.greeting, '', m.body(by, isolated(ctx.networkTitle), m.roles[ctx.role]), '', m.open(ctx.consoleUrl), m.signIn, '', m.notExpected, '', m.signature];
  return { to, subject: m.subject(inertLine(ctx.networkTitle)), text: lines.join('\n') };
}
