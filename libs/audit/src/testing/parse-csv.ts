/**
 * A strict RFC 4180 reader for tests: quoted fields with doubled quotes, commas and line breaks
 * inside, CRLF between records. Written apart from the exporter so a test checks the format, not
 * the exporter against itself. Throws on anything a spreadsheet would misread.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') {
          throw new Error(`CSV: text after a closing quote at ${i}`);
        }
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"') {
      if (field !== '') throw new Error(`CSV: quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += 2;
    } else if (char === '\r' || char === '\n') {
      throw new Error(`CSV: a bare line break outside quotes at ${i}`);
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('CSV: the last record has no CRLF');
  return rows;
}

/** The records of an export as objects keyed by the header row; checks and drops the BOM. */
export function parseCsvExport(text: string): Record<string, string>[] {
  if (!text.startsWith('\uFEFF')) throw new Error('CSV export does not start with a UTF-8 BOM');
  const [header, ...rows] = parseCsv(text.slice(1));
  return rows.map((row) => {
    if (row.length !== header.length) {
      throw new Error(`CSV: a record has ${row.length} fields, the header ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, row[i]]));
  });
}

/** NDJSON: one JSON value per line, every line ended by `\n`. */
export function parseNdjson<T = Record<string, unknown>>(text: string): T[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error('NDJSON: the last line has no line feed');
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}
