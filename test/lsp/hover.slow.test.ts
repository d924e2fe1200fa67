// Hover over an allocation shows its estimated size, as CPython reports it;
// over a class, bytes per instance first.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import type { Hover, MarkedString } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { measureInstances } from '../support/instances';
import { rangeOfText } from '../support/textEdits';

function hoverText(hover: Hover): string {
  const part = (content: MarkedString | { value: string }): string =>
    typeof content === 'string' ? content : content.value;
  return Array.isArray(hover.contents) ? hover.contents.map(part).join('\n') : part(hover.contents);
}

/** sys.getsizeof of a Python expression, from the real interpreter. */
function pythonSizeOf(expression: string): number {
  return Number(
    execFileSync('python3', ['-c', `import sys; print(sys.getsizeof(${expression}))`], { encoding: 'utf8' }).trim(),
  );
}

// On 64-bit CPython the list is 8056 bytes: 56 of header and 8 per pointer.
test('hover on [0] * 1000 shows the size CPython gives the list', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'zeros = [0] * 1000\n';
  const uri = 'file:///workspace/hover.py';
  await client.didOpen(uri, text);
  // On the operator, so that the whole expression is meant and not the one-item list.
  const hover = await client.hover(uri, rangeOfText(text, '*').start);
  assert.ok(hover, 'a hover is returned');
  const expected = pythonSizeOf('[0] * 1000');
  assert.ok(hoverText(hover).includes(`${expected} bytes`), hoverText(hover));
  assert.deepEqual(hover.range, rangeOfText(text, '[0] * 1000'));
});

const POINT =
  'class Point:\n    def __init__(self, x, y, z):\n        self.x = x\n        self.y = y\n        self.z = z\n';
const SLOTTED = 'from dataclasses import dataclass\n\n@dataclass(slots=True)\nclass Pair:\n    a: int\n    b: int\n';

test('hover on a class name or an instantiation shows bytes per instance, as tracemalloc counts them, with and without __slots__', async (t) => {
  const [asWritten, withSlots, slottedDataclass] = measureInstances([
    { source: POINT, make: 'Point(1, 2, 3)' },
    {
      source: POINT.replace('class Point:\n', 'class Point:\n    __slots__ = ("x", "y", "z")\n'),
      make: 'Point(1, 2, 3)',
    },
    { source: SLOTTED, make: 'Pair(1, 2)' },
  ]);
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = `${POINT}\npoints = [Point(i, i, i) for i in range(1000)]\n${SLOTTED}`;
  const uri = 'file:///workspace/classes.py';
  await client.didOpen(uri, text);
  for (const target of ['Point:', 'Point(i']) {
    const hover = await client.hover(uri, rangeOfText(text, target).start);
    assert.ok(hover, `a hover over ${target}`);
    const shown = hoverText(hover);
    assert.equal(
      shown.split('\n')[0],
      `**${asWritten} B per instance** — \`Point\`, 3 attributes (\`x\`, \`y\`, \`z\`)`,
    );
    assert.ok(shown.includes(`- **Cheaper:** \`__slots__\`: ${withSlots} B per instance, saves `), shown);
    const start = rangeOfText(text, target).start;
    assert.deepEqual(hover.range, { start, end: { line: start.line, character: start.character + 'Point'.length } });
  }
  const pair = await client.hover(uri, rangeOfText(text, 'Pair').start);
  assert.ok(pair, 'no hover over Pair');
  assert.equal(
    hoverText(pair).split('\n')[0],
    `**${slottedDataclass} B per instance** — \`Pair\`, 2 attributes (\`a\`, \`b\`) in slots`,
  );
});
