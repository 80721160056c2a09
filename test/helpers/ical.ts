/**
 * A small, strict iCalendar (RFC 5545) reader for tests, written apart from the generator so a
 * test reads a feed as a calendar application would: unfolds lines, splits name, parameters and
 * value, unescapes text, and refuses anything that is not a content line.
 */
export interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}
export interface Component {
  name: string;
  properties: Property[];
  components: Component[];
}

const TEXT = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'X-WR-CALNAME', 'X-WR-CALDESC', 'NAME', 'COMMENT']);

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function parseIcs(text: string): Component {
  if (!text.endsWith('\r\n')) throw new Error('a feed ends with CRLF');
  const lines = text.slice(0, -2).replace(/\r\n[ \t]/g, '').split('\r\n');
  const stack: Component[] = [{ name: '', properties: [], components: [] }];
  for (const line of lines) {
    const m = /^([A-Z0-9-]+)((?:;[A-Z0-9-]+=(?:"[^"]*"|[^;:,]*))*):(.*)$/.exec(line);
    if (!m) throw new Error(`not a content line: ${JSON.stringify(line)}`);
    const [, name, rawParams, raw] = m as unknown as [string, string, string, string];
    if (name === 'BEGIN') {
      const c: Component = { name: raw, properties: [], components: [] };
      stack[stack.length - 1]!.components.push(c);
      stack.push(c);
      continue;
    }
    if (name === 'END') {
      if (stack.pop()!.name !== raw) throw new Error(`END:${raw} does not close what is open`);
      continue;
    }
    const params: Record<string, string> = {};
    for (const p of rawParams.split(';').slice(1)) {
      const [k, ...v] = p.split('=');
      params[k!] = v.join('=').replace(/^"|"$/g, '');
    }
    stack[stack.length - 1]!.properties.push({ name, params, value: TEXT.has(name) ? unescapeText(raw) : raw });
  }
  if (stack.length !== 1) throw new Error('a component is not closed');
  return stack[0]!.components[0]!;
}

export function prop(c: Component, name: string): Property | undefined {
  return c.properties.find((p) => p.name === name);
}
