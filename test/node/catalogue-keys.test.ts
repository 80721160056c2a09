// Issue 23: every catalogue says every sentence in each language it has. The public screens and
// the participant's e-mails and calendar items have Dutch, English and Frisian; the console
// (its notices, such as the one after a correction moved someone off the reserved places,
// organiser-entry `edit.doneOver`) has Dutch and English. The component test
// test/components/frisian.test.ts compares the string texts of three catalogues only: a sentence
// with a value in it (a function) that is still Dutch, and the e-mail and calendar catalogues,
// passed it unseen. Here every leaf is compared, a function by what it says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarMessages } from '../../src/core/i18n/calendar.js';
import { emailMessages } from '../../src/core/i18n/email.js';
import { formMessages, loadFormMessages } from '../../src/core/i18n/form.js';
import { manageMessages, loadManageMessages } from '../../src/core/i18n/manage.js';
import { messages, loadMessages } from '../../src/core/i18n/messages.js';
import { consoleMessages } from '../../src/core/i18n/console.js';
import { adminMessages } from '../../src/core/i18n/admin.js';
import { organiserEntryMessages } from '../../src/core/i18n/organiser-entry.js';
import { diffMessages } from '../../src/core/i18n/diff.js';
import { questionsEditorMessages } from '../../src/core/i18n/questions-editor.js';
import { certificateConsoleMessages } from '../../src/core/i18n/certificate-console.js';
import type { Locale } from '../../src/core/i18n/format.js';

/** Words a language shares with Dutch (a text that is only a value, a name, a word both use). */
const SAME = new Set(['', 'X', '3', '(X)', 'Open X', 'X: 3 → Y', 'X: 3 Y → 4', 'Status: X', 'Datum bekend: X', 'Gemeente', 'Workshop', 'Online', 'Google Agenda', 'Outlook', 'Alle', 'Programma', 'E-mailadres', 'Status', 'Datum', 'Ja', 'Nee', 'Kies…', 'Fol', 'Kosten', 'Adres', 'E-mail', 'Online (X)', 'Programma:']);

/** What a sentence with values says: tried with text and numbers, a date, a list. */
function said(f: (...a: unknown[]) => unknown): string | undefined {
  for (const args of [['X', 3, 'Y', 4, 'Z'], [new Date('2030-05-01T10:00:00Z'), 3], [['municipality'], 'X']]) {
    try {
      const out = f(...args);
      if (typeof out === 'string') return out;
      if (out !== undefined && out !== null && typeof out !== 'object') return String(out);
    } catch {
      // Another kind of value; try the next.
    }
  }
  return undefined;
}

/**
 * Every leaf of `nl` that `other` lacks or leaves empty, and for Frisian (`dutchIsGap`) every one
 * it still says in Dutch (English shares more words: "Feedback", "Privacy"); `skip` names parts
 * that are Dutch on purpose.
 */
function gaps(nl: unknown, other: unknown, path: string, dutchIsGap = false, skip: readonly string[] = []): string[] {
  const same = (x: string, y: string) => x === y && (!dutchIsGap || SAME.has(x));
  const out: string[] = [];
  const walk = (a: Record<string, unknown>, b: Record<string, unknown> | undefined, p: string) => {
    for (const [k, v] of Object.entries(a)) {
      const here = `${p}.${k}`;
      if (skip.includes(here)) continue;
      const w = b?.[k];
      if (w === undefined) out.push(`${here}: missing`);
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, w as Record<string, unknown>, here);
      else if (typeof v === 'string' && v && (typeof w !== 'string' || !w || (w === v && !same(v, w)))) out.push(`${here}: ${JSON.stringify(w)}`);
      else if (typeof v === 'function') {
        const [x, y] = [said(v as never), typeof w === 'function' ? said(w as never) : undefined];
        if (x !== undefined && (!y || (x === y && !same(x, y)))) out.push(`${here}: ${JSON.stringify(y)}`);
      }
    }
  };
  walk(nl as Record<string, unknown>, other as Record<string, unknown>, path);
  return out;
}

test('the screens, e-mails and calendar items for participants say everything in English and Frisian', async () => {
  await Promise.all((['en', 'fy'] as const).flatMap((l) => [loadMessages(l), loadFormMessages(l), loadManageMessages(l)]));
  for (const locale of ['en', 'fy'] as Locale[]) {
    const fy = locale === 'fy';
    assert.deepEqual(gaps(messages('nl'), messages(locale), 'messages', fy), [], locale);
    assert.deepEqual(gaps(formMessages('nl'), formMessages(locale), 'form', fy), [], locale);
    assert.deepEqual(gaps(manageMessages('nl'), manageMessages(locale), 'manage', fy), [], locale);
    assert.deepEqual(gaps(calendarMessages('nl'), calendarMessages(locale), 'calendar', fy), [], locale);
    // What organisers get (new registrations, sign-in, roles) is Dutch or English: the console's languages.
    const organisers = fy ? ['email.organiser', 'email.roleAdded', 'email.signIn'] : [];
    assert.deepEqual(gaps(emailMessages('nl'), emailMessages(locale), 'email', fy, organisers), [], locale);
  }
});

test("the console's catalogues say everything in English, the notice after a correction too", () => {
  const catalogues: [string, (l: Locale) => unknown][] = [
    ['console', consoleMessages],
    ['admin', adminMessages],
    ['entry', organiserEntryMessages],
    ['diff', diffMessages],
    ['questions', questionsEditorMessages],
    ['certificates', certificateConsoleMessages],
  ];
  for (const [name, of] of catalogues) assert.deepEqual(gaps(of('nl'), of('en'), name), [], name);
  assert.notEqual(organiserEntryMessages('en').edit.doneOver, organiserEntryMessages('nl').edit.doneOver);
});
