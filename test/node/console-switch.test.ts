// Issue 25, item 3 (login CSRF): a sign-in link opened while someone is signed in switches the
// account only once the person says so; in Chromium against the real server, by keyboard, with
// axe-core on the question in Dutch and in English.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { OrganiserService } from '../../src/server/services/organisers.js';
import { sha256 } from '../../src/server/tokens.js';
import { tokenOf } from './helpers.js';
import { watchViolations, expectAccessible, signInToConsole, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const GAS = 'aardgasvrij-leerkring';
const NOABERS = 'twentse-noabers';

const served = consoleUnderTest(undefined, 'demo', 9);

/** A fresh one-time link for `email`, as the e-mail would bring it. */
async function linkFor(email: string): Promise<string> {
  const organisers = new OrganiserService(served.db);
  return organisers.signInLink((await organisers.byEmail(email))!.id, `${served.base}/beheer/`);
}

const used = async (link: string) => (await served.db.query<{ used_at: unknown }>('SELECT used_at FROM sign_in_tokens WHERE hash = $1', [sha256(tokenOf(link))])).rows[0]?.used_at != null;

/** Who the page's session cookie belongs to, as the API says. */
const whoIsSignedIn = (page: Page) => page.evaluate(async () => ((await (await fetch('/api/admin/session')).json()) as { organiser?: { email: string } }).organiser?.email);

/** Presses Tab until the focused element's text is `name` (at most 10 times). */
async function tabTo(page: Page, name: string): Promise<void> {
  const seen: (string | undefined)[] = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return (el as HTMLElement | null)?.textContent?.replace(/\s+/g, ' ').trim();
    });
    if (text === name) return;
    seen.push(text);
  }
  assert.fail(`no element "${name}" within 10 presses of Tab: ${JSON.stringify(seen)}`);
}

describe('a sign-in link opened while signed in', () => {
  test('asks whether to switch accounts, shows who is signed in now, and does nothing until the person confirms', async () => {
    const organisers = new OrganiserService(served.db);
    await organisers.setRole(GAS, 'anna@aardgasvrij.example.org', 'owner', { name: 'Anna Aardgas' });
    await organisers.setRole(NOABERS, 'bert@noabers.example.org', 'owner', { name: 'Bert Bos' });
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    try {
      await signInToConsole(page, served.base, served.db, 'anna@aardgasvrij.example.org');
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();

      // Someone else's link, opened in a new tab of the same browser (the e-mail, or a page that sent the person there).
      const bert = await linkFor('bert@noabers.example.org');
      const tab = await context.newPage();
      const tabViolations = await watchViolations(tab);
      await tab.goto(bert);
      await tab.getByRole('heading', { name: 'Wisselen van account?' }).waitFor({ timeout: 5000 });
      assert.doesNotMatch(tab.url(), /login=/, 'the token leaves the address bar at once');
      assert.match(await tab.locator('main').innerText(), /Je bent nu ingelogd als Anna Aardgas\./);
      await waitForFocus(tab, 'switch-heading');
      assert.equal(await whoIsSignedIn(tab), 'anna@aardgasvrij.example.org', 'nothing happened yet');
      assert.equal(await used(bert), false, 'the link is not used before the person confirms');
      await expectAccessible(tab, 'the question whether to switch accounts');

      // "No": Anna stays signed in, the link stays unused.
      await tabTo(tab, 'Nee, blijf ingelogd als Anna Aardgas');
      await tab.keyboard.press('Enter');
      await tab.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      assert.equal(await whoIsSignedIn(tab), 'anna@aardgasvrij.example.org');
      assert.equal(await used(bert), false);

      // In English, on request; this time the link arrives in the tab that shows the console (a hash change).
      await tab.getByRole('button', { name: 'Switch to English' }).click();
      await tab.getByRole('heading', { name: 'Your networks' }).waitFor();
      await tab.evaluate((hash) => (location.hash = hash), new URL(bert).hash);
      await tab.getByRole('heading', { name: 'Switch account?' }).waitFor({ timeout: 5000 });
      assert.match(await tab.locator('main').innerText(), /You are signed in as Anna Aardgas\./);
      assert.equal(await used(bert), false);
      await expectAccessible(tab, 'the question in English');

      // "Yes": now Bert is signed in.
      await tabTo(tab, 'Yes, switch to the account of the link');
      await tab.keyboard.press('Enter');
      await tab.getByText('Signed in as Bert Bos').waitFor();
      assert.equal(await whoIsSignedIn(tab), 'bert@noabers.example.org');
      assert.equal(await used(bert), true);
      assert.deepEqual([...(await violations()), ...(await tabViolations())], [], 'Content-Security-Policy violations');
    } finally {
      await context.close();
    }
  });

  test('without a session, the link signs in at once, as before', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(await linkFor('bert@noabers.example.org'));
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      assert.equal(await whoIsSignedIn(page), 'bert@noabers.example.org');
    } finally {
      await context.close();
    }
  });
});
