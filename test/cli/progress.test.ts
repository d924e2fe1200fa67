// The progress line: only for long runs on a terminal, erased when done.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROGRESS_MIN_FILES, progressIndicator } from '../../server/src/cli/progress';

function record(total: number, enabled: boolean): string[] {
  const written: string[] = [];
  const progress = progressIndicator(total, (text) => written.push(text), enabled);
  progress.show(1, 'a.py');
  progress.show(2, 'b/c.py');
  progress.clear();
  return written;
}

test('silent for short runs and when disabled', () => {
  assert.deepEqual(record(PROGRESS_MIN_FILES, true), []);
  assert.deepEqual(record(PROGRESS_MIN_FILES + 1, false), []);
});

test('one rewritten line per file, erased at the end', () => {
  const total = PROGRESS_MIN_FILES + 1;
  assert.deepEqual(record(total, true), [`\r[1/${total}] a.py\x1b[K`, `\r[2/${total}] b/c.py\x1b[K`, '\r\x1b[K']);
});
