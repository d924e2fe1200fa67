// The unified diff behind --diff, checked by applying it back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unifiedDiff } from '../../server/src/cli/report/diff';

/** Applies a unified diff (as unifiedDiff prints it) to text. */
function patch(text: string, diff: string): string {
  const lines = text.split(/(?<=\n)/);
  const out: string[] = [];
  let next = 0;
  const body = diff.split('\n').slice(2, -1);
  for (let i = 0; i < body.length; ) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(body[i++]!);
    assert.ok(header);
    const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
    out.push(...lines.slice(next, start));
    next = start;
    while (i < body.length && !body[i]!.startsWith('@@')) {
      const line = body[i++]!;
      const noNewline = body[i] === '\\ No newline at end of file';
      if (noNewline) i++;
      const content = line.slice(1) + (noNewline ? '' : '\n');
      if (line[0] !== '+') assert.equal(lines[next++], content);
      if (line[0] !== '-') out.push(content);
    }
  }
  return [...out, ...lines.slice(next)].join('');
}

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test('no diff for equal texts', () => {
  assert.equal(unifiedDiff('a.py', 'x\n', 'x\n'), '');
});

test('a one-line change has three lines of context and diff -u numbering', () => {
  const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((line) => `${line}\n`).join('');
  const after = before.replace('5\n', 'five\n');
  assert.equal(
    unifiedDiff('a.py', before, after),
    '--- a.py\n+++ a.py\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n',
  );
});

test('insertions at the start, removals at the end and a missing final newline', () => {
  const cases: [string, string][] = [
    ['a\nb\n', 'new\na\nb\n'],
    ['a\nb\n', ''],
    ['', 'a\n'],
    ['a\nb', 'a\nb\n'],
    ['a\nb\n', 'a\nc'],
    ['a\r\nb\r\n', 'a\r\nc\r\n'],
  ];
  for (const [before, after] of cases)
    assert.equal(patch(before, unifiedDiff('f', before, after)), after, JSON.stringify([before, after]));
});

test('random edits to a long text: the diff applies back to the edited text', () => {
  const next = random(7);
  for (let round = 0; round < 200; round++) {
    const before = Array.from({ length: Math.floor(next() * 60) }, () => `line ${Math.floor(next() * 8)}\n`);
    const after = [...before];
    for (let edits = Math.floor(next() * 6); edits > 0; edits--) {
      const at = Math.floor(next() * (after.length + 1));
      const choice = next();
      if (choice < 0.4) after.splice(at, 0, `added ${round}\n`);
      else if (choice < 0.7) after.splice(at, 1);
      else if (at < after.length) after[at] = `changed ${round}\n`;
    }
    const [a, b] = [before.join(''), after.join('')];
    assert.equal(patch(a, unifiedDiff('f', a, b)), b, `round ${round}`);
  }
});
