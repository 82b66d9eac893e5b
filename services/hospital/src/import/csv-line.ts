/**
 * Splits one line of a CSV file (RFC 4180 quoting: `"…"`, `""` for a quote) into fields. The
 * agency's files hold one record per line, so a broken line is rejected on its own and can never
 * swallow the lines after it, as a stream parser's open quote would.
 */
export function parseCsvLine(line: string): string[] | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote === -1) return { error: 'a quoted field is not closed' };
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line[i] !== ',') return { error: `unexpected text after a closing quote (column ${i + 1})` };
      i++;
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma === -1 ? line.length : comma));
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}

/** One CSV field: quoted when it needs to be. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
