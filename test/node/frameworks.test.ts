// React, Vue and plain-TypeScript projects type-check against the packed package with
// `strict`: the elements' properties and events, as a web developer writes them.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installed } from './packed.js';

const TSC = resolve('node_modules/typescript/bin/tsc');

/** Writes a project next to the install (so it resolves leerkring from there) and type-checks it. */
function typecheck(name: string, files: Record<string, string>, compilerOptions: Record<string, unknown> = {}) {
  const root = installed('frameworks', ['@types/react@19', 'vue@3']);
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const tsconfig = { compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2023', 'dom', 'dom.iterable'], types: [], skipLibCheck: true, ...compilerOptions }, include: Object.keys(files) };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  return spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
}

describe('types for each framework, from the packed package', () => {
  test('plain TypeScript: elements by tag, typed properties and events, the loader and the core', () => {
    const r = typecheck('plain', {
      'main.ts': `import 'leerkring/components';
import { defineElement } from 'leerkring/bundle';
import { parseNetwork } from 'leerkring';

const agenda = document.createElement('leerkring-agenda');
agenda.show = 'upcoming';
agenda.headingLevel = 3;
agenda.addEventListener('leerkring-session-select', (event) => {
  const session: string | undefined = event.sessionId;
  if (session) event.preventDefault();
});
document.querySelector('leerkring-signup')?.addEventListener('leerkring-registered', (event) => {
  const status: 'confirmed' | 'waitlisted' | 'pending' = event.status;
  console.log(status, event.position);
});
// @ts-expect-error show is "upcoming", "past" or "all"
agenda.show = 'later';
void defineElement('signup');
const parsed = parseNetwork('{}');
if (!parsed.ok) console.log(parsed.problems.length);
`,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('React 19: JSX intrinsic elements with properties and on… event handlers', () => {
    const r = typecheck(
      'react',
      {
        'app.tsx': `import 'leerkring/react';
import type { LeerkringRegisteredEvent } from 'leerkring/components';

export function App() {
  return (
    <leerkring-network api="https://aanmelden.example.org" networkId="groene-domein" onleerkring-network-load={(event) => console.log(event.state.status)}>
      <leerkring-agenda show="upcoming" headingLevel={3} signupHref="#aanmelden" onleerkring-session-select={(event) => console.log(event.sessionId)} />
      <leerkring-signup id="aanmelden" onleerkring-registered={(event: LeerkringRegisteredEvent) => console.log(event.status, event.position)} />
      {/* @ts-expect-error show is "upcoming", "past" or "all" */}
      <leerkring-agenda show="later" />
      {/* The attributes as in HTML, which server-side rendering keeps (issue 25): typed too. */}
      <leerkring-network api="https://aanmelden.example.org" network-id="groene-domein">
        <leerkring-agenda heading-level={2} session-link="/bijeenkomst/{id}" structured-data="off" />
      </leerkring-network>
      {/* @ts-expect-error structured-data is "on" or "off" */}
      <leerkring-agenda structured-data="maybe" />
      {/* @ts-expect-error the event is a LeerkringSessionSelectEvent, not a string */}
      <leerkring-agenda onleerkring-session-select={(event: string) => event} />
    </leerkring-network>
  );
}
`,
      },
      { jsx: 'react-jsx', types: ['react'] },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('Vue: GlobalComponents with props and emits', () => {
    const r = typecheck('vue', {
      'components.ts': `import 'leerkring/vue';
import type { GlobalComponents } from 'vue';
import type { LeerkringSessionSelectEvent } from 'leerkring/components';

type AgendaProps = InstanceType<GlobalComponents['leerkring-agenda']>['$props'];
export const agenda: AgendaProps = { src: '/netwerken/groene-domein.json', show: 'upcoming', headingLevel: 3 };
// @ts-expect-error show is "upcoming", "past" or "all"
export const wrong: AgendaProps = { show: 'later' };

type AgendaEmit = InstanceType<GlobalComponents['leerkring-agenda']>['$emit'];
export const emit = (e: AgendaEmit, event: LeerkringSessionSelectEvent) => e('leerkring-session-select', event);
`,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('VS Code custom HTML data: every element with its attributes and their values', () => {
    const root = installed('frameworks', ['@types/react@19', 'vue@3']);
    const data = JSON.parse(readFileSync(join(root, 'node_modules/leerkring/dist/frameworks/vscode.html-data.json'), 'utf8'));
    const agenda = data.tags.find((t: { name: string }) => t.name === 'leerkring-agenda');
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
    const tags = manifest.modules.flatMap((m: { declarations?: { tagName?: string }[] }) => (m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : []))).sort();
    assert.ok(tags.includes('leerkring-agenda') && tags.includes('leerkring-signup'));
    assert.deepEqual(data.tags.map((t: { name: string }) => t.name), tags);
    assert.deepEqual(agenda.attributes.find((a: { name: string }) => a.name === 'show').values, [{ name: 'upcoming' }, { name: 'past' }, { name: 'all' }]);
  });
});
