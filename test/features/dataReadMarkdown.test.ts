// The hover text for a read of a data file: the total as loaded first, then
// what the text columns hold and the category saving, when it is material.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import type { DataColumn, TableReadOptions } from '../../server/src/data/dataEstimate';
import type { DataRead } from '../../server/src/data/readCalls';
import { dataReadMarkdown } from '../../server/src/features/dataReadMarkdown';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { shortBytes } from '../../server/src/sizes/format';

const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
const scratch = mkdtempSync(join(tmpdir(), 'memhints-hover-data-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function hoverFor(
  name: string,
  text: string,
  options: TableReadOptions = {},
): { lines: string[]; bytes: number; textBytes: number; column: DataColumn } {
  const path = join(scratch, name);
  writeFileSync(path, text);
  const result = estimateCsv(path, options, undefined, layout);
  assert.ok(result.estimate, result.reason);
  const read: DataRead = { call: undefined as never, format: 'csv', path: name, options };
  const textBytes = (result.estimate.columns ?? [])
    .filter((c) => c.dtype === 'object')
    .reduce((s, c) => s + c.bytes, 0);
  const column = result.estimate.columns!.find((found) => found.dtype === 'object')!;
  return {
    lines: dataReadMarkdown(read, result, layout).split('\n'),
    bytes: result.estimate.bytes,
    textBytes,
    column,
  };
}

test('the first line is the total as loaded, then the file and what the one text column holds', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `${i},town${i % 5},${i / 4}\n`).join('');
  const { lines, bytes, textBytes, column } = hoverFor('sales.csv', `id,city,price\n${rows}`);
  assert.equal(lines[0], `**≈ ${shortBytes(bytes)} as loaded** — 3 columns × 2,000 rows`);
  assert.match(lines[2]!, /^- from `sales\.csv`, .* on disk$/);
  // Five towns over 2,000 rows: pandas counts a str per row, the parser made five.
  const city = column.asCategory!;
  const inMemory = 2000 * layout.pointer + city.stringBytes;
  assert.equal(
    lines[3],
    `- 1 text column holds ≈ ${shortBytes(textBytes)} as pandas counts, ≈ ${shortBytes(inMemory)} in memory: rows that spell the same text share one str`,
  );
  // A code per row instead of a pointer: the saving is the pointers less the codes and the categories.
  assert.equal(
    lines[4],
    `- \`dtype={"city": "category"}\`: saves ≈ ${shortBytes(inMemory - city.bytes)}, ≈ ${shortBytes((inMemory - city.bytes) / 2000)} a row (the rows' pointers less a code each)`,
  );
  assert.ok(city.bytes >= 2000 && city.bytes < 2000 + 1024, 'a one-byte code per row, and five short strs');
});

test('a read with low_memory=False says what the parser holds at once: 16 B a field and a line, and the text', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `${i},name-${i}\n`).join('');
  const text = `id,name\n${rows}`;
  const { lines } = hoverFor('people.csv', text, { lowMemory: false });
  const tokens = 2000 * (2 * 16 + 16) + Buffer.byteLength(text);
  assert.equal(
    lines.find((line) => line.includes('low_memory')),
    `- \`low_memory=False\`: the parser holds ≈ ${shortBytes(tokens)} of tokens at once, ≈ ${shortBytes(tokens / 2000)} a row (16 B a field + the text)`,
  );
  const { lines: byDefault } = hoverFor('people.csv', text);
  assert.equal(
    byDefault.some((line) => line.includes('low_memory')),
    false,
  );
});

test('no category line when the text column has many distinct values', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `${i},name-${i}\n`).join('');
  const { lines } = hoverFor('people.csv', `id,name\n${rows}`);
  assert.equal(
    lines.some((line) => line.includes('category')),
    false,
  );
});

test('a file that cannot be estimated says why', () => {
  const read: DataRead = { call: undefined as never, format: 'csv', path: 'x.csv', options: {} };
  assert.equal(dataReadMarkdown(read, { reason: 'not estimated: binary' }, layout), '**x.csv**: not estimated: binary');
});
