/**
 * CSV for spreadsheets (RFC 4180: CRLF line ends, fields quoted when they hold
 * a comma, quote or line break), safe to open: a text cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by
 * Excel, LibreOffice and Google Sheets (CSV injection), so it is prefixed with
 * a quote mark and shown as the text it is. Numbers are written as numbers.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
