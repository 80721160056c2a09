/**
 * CSV that opens cleanly in a spreadsheet: UTF-8 with a byte-order mark, semicolons (what
 * Dutch Excel expects), every cell quoted, and cells that a spreadsheet would read as a
 * formula (starting with =, +, -, @, tab or carriage return) prefixed with a quote.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
