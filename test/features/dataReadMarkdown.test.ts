// The hover text for a read of a data file: the total as loaded first, then
// what the text columns hold and the category saving, when it is material.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import type { DataRead } from '../../server/src/data/readCalls';
import { dataReadMarkdown } from '../../server/src/features/dataReadMarkdown';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { shortBytes } from '../../server/src/sizes/format';

const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
const scratch = mkdtempSync(join(tmpdir(), 'memhints-hover-data-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function hoverFor(name: string, text: string): { lines: string[]; bytes: number; textBytes: number } {
  const path = join(scratch, name);
  writeFileSync(path, text);
  const result = estimateCsv(path, {}, undefined, layout);
  assert.ok(result.estimate, result.reason);
  const read: DataRead = { call: undefined as never, format: 'csv', path: name, options: {} };
  const textBytes = (result.estimate.columns ?? [])
    .filter((c) => c.dtype === 'object')
    .reduce((s, c) => s + c.bytes, 0);
  return { lines: dataReadMarkdown(read, result).split('\n'), bytes: result.estimate.bytes, textBytes };
}

test('the first line is the total as loaded, then the file and what the one text column holds', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `${i},town${i % 5},${i / 4}\n`).join('');
  const { lines, bytes, textBytes } = hoverFor('sales.csv', `id,city,price\n${rows}`);
  assert.equal(lines[0], `**≈ ${shortBytes(bytes)} as loaded**: 3 columns × 2,000 rows`);
  assert.match(lines[2]!, /^- from `sales\.csv`, .* on disk$/);
  assert.equal(lines[3], `- 1 text column holds ≈ ${shortBytes(textBytes)}`);
  // Five towns over 2,000 rows: one code per row instead of a str object saves most of the column.
  assert.match(lines[4]!, /^- `dtype=\{"city": "category"\}`: −/);
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
  assert.equal(dataReadMarkdown(read, { reason: 'not estimated: binary' }), '**x.csv**: not estimated: binary');
});
