// Part of `npm run build`: framework types generated from custom-elements.json, into
// dist/frameworks/ (shipped as leerkring/react, leerkring/vue and leerkring/vscode.html-data.json):
//  - React 19 JSX: each element's properties (typed from its class) and `on<event>` handlers
//    typed with the event's class (React 19 listens for `on` + the event's exact name);
//  - Vue: GlobalComponents, props and emits;
//  - VS Code custom HTML data: tags, attributes with their values, and the descriptions.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const elements = manifest.modules
  .flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName))
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

const classes = [...new Set(elements.flatMap((d) => [d.name, ...(d.events ?? []).map((e) => e.type.text)]))].sort();
const header = (what) => `// Generated from custom-elements.json by scripts/framework-types.mjs: ${what}\nimport type { ${classes.join(', ')} } from '../components/index.js';\n`;
const props = (d) => {
  const fields = (d.attributes ?? []).map((a) => `'${a.fieldName}'`);
  return fields.length ? `Partial<Pick<${d.name}, ${fields.join(' | ')}>>` : '{}';
};
/**
 * The kebab-case attributes (`network-id`, `heading-level`), typed: under server-side rendering
 * React writes every prop as an attribute, and `networkId` becomes `networkid`, which no element
 * reads; an attribute works on the server and in the browser alike.
 */
const attributeProps = (d) => {
  const attrs = (d.attributes ?? []).filter((a) => a.name !== a.fieldName);
  if (!attrs.length) return '{}';
  const typeOf = (a) => {
    const t = (a.type?.text ?? 'string').replace(/\s*\|\s*undefined/g, '');
    return /^(\s*'[^']*'\s*\|?)+$/.test(t) ? t : t === 'number' ? 'number | `${number}`' : 'string';
  };
  return `{ ${attrs.map((a) => `'${a.name}'?: ${typeOf(a)}`).join('; ')} }`;
};
const doc = (text) => (text ? `    /** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ')} */\n` : '');

const react = `${header('React 19 JSX types.')}import type { DetailedHTMLProps, HTMLAttributes } from 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${elements
  .map((d) => {
    const events = (d.events ?? []).map((e) => `${doc(e.description).replace(/^ {4}/, '        ')}        'on${e.name}'?: (event: ${e.type.text}) => void;`).join('\n');
    return `${doc(d.summary).replace(/^ {4}/, '      ')}      '${d.tagName}': DetailedHTMLProps<HTMLAttributes<${d.name}>, ${d.name}> &\n        ${props(d)} &\n        ${attributeProps(d)} & {\n${events}\n      };`;
  })
  .join('\n')}
    }
  }
}
`;

const vue = `${header('Vue GlobalComponents.')}import type { DefineComponent } from 'vue';

declare module 'vue' {
  interface GlobalComponents {
${elements
  .map((d) => {
    const emits = (d.events ?? []).map((e) => `'${e.name}': (event: ${e.type.text}) => void`).join('; ');
    return `${doc(d.summary).replace(/^ {4}/, '    ')}    '${d.tagName}': DefineComponent<${props(d)}, {}, {}, {}, {}, {}, {}, { ${emits} }>;`;
  })
  .join('\n')}
  }
}
`;

/** Values VS Code can offer for an attribute whose type is a union of string literals. */
const values = (type) => {
  const literals = [...(type ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
  return literals.length && /^(\s*'[^']*'\s*\|?)+$/.test(type) ? literals.map((name) => ({ name })) : undefined;
};
const htmlData = {
  version: 1.1,
  tags: elements.map((d) => ({
    name: d.tagName,
    description: d.summary ?? d.description ?? '',
    attributes: (d.attributes ?? []).map((a) => {
      const member = (d.members ?? []).find((m) => m.name === a.fieldName);
      const v = values(a.type?.text ?? member?.type?.text);
      return { name: a.name, description: member?.description ?? a.description ?? '', ...(v && { values: v }) };
    }),
  })),
};

mkdirSync('dist/frameworks', { recursive: true });
writeFileSync('dist/frameworks/react.d.ts', react);
writeFileSync('dist/frameworks/vue.d.ts', vue);
// Importable at run time too (`import 'leerkring/react'`), so the types come along with the import.
writeFileSync('dist/frameworks/react.js', 'export {};\n');
writeFileSync('dist/frameworks/vue.js', 'export {};\n');
writeFileSync('dist/frameworks/vscode.html-data.json', JSON.stringify(htmlData, null, 2) + '\n');
