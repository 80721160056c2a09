/**
 * CSV that opens cleanly in a spreadsheet: UTF-8 with a byte-order mark, semicolons (what
 * Dutch Excel expects), every cell quoted, and cells that a spreadsheet would read as a
 * formula (starting with =, +, -, @, tab or carriage return) prefixed with a quote.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  const first = text.charCodeAt(0);
  // = + - @ tab carriage return
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) text = `'${text}`;
  return `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
}

/** One CSV line of cells, its CRLF included. */
export function csvLine(cells: readonly unknown[]): string {
  let line = csvCell(cells[0]);
  for (let i = 1; i < cells.length; i++) line += `;${csvCell(cells[i])}`;
  return `${line}\r\n`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
