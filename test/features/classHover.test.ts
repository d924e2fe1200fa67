// The hover over a class and MEM301 read one model of what an instance holds:
// both count the same attributes, and the bytes both give are python3's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { pythonParser } from '../../server/src/document/parser';
import { findingsIn } from '../support/analyze';
import { measureInstances } from '../support/instances';

// An InitVar is an argument of __init__, handed to __post_init__: no instance stores it.
const RECORD = [
  'from dataclasses import InitVar, dataclass',
  '',
  '@dataclass',
  'class Record:',
  '    x: int',
  '    y: int',
  '    scale: InitVar[int]',
  '',
  '    def __post_init__(self, scale):',
  '        pass',
  '',
].join('\n');
const KEPT = 'records = [Record(i, i, 2) for i in range(100)]\n';

/** Whether the hover shows exactly `bytes` bytes somewhere (not as part of a larger number): "88 B", "(8056 bytes)". */
function showsBytes(shown: string, bytes: number): boolean {
  return new RegExp(`(?<![\\d,.])${bytes} (B|bytes)\\b`).test(shown);
}

async function hoverText(source: string, target: string): Promise<string> {
  const document = new OpenDocuments(await pythonParser()).opened('file:///classes.py', 'python', 1, source);
  const hover = hoverAt(document, document.text.positionAt(source.indexOf(target)), DEFAULT_SETTINGS);
  assert.ok(hover, `no hover over ${target}`);
  return (hover.contents as MarkupContent).value;
}

test('a dataclass InitVar is no attribute: the hover and MEM301 give the bytes python3 counts for the fields alone', async () => {
  const [asWritten, slotted] = measureInstances([
    { source: RECORD, make: 'Record(1, 2, 3)' },
    { source: RECORD.replace('@dataclass\n', '@dataclass(slots=True)\n'), make: 'Record(1, 2, 3)' },
  ]);
  const shown = await hoverText(RECORD + KEPT, 'Record:');
  assert.match(shown, /2 attributes \(`x`, `y`\)/);
  assert.ok(showsBytes(shown, asWritten!) && showsBytes(shown, slotted!), `${asWritten}/${slotted}: ${shown}`);
  const [finding] = (await findingsIn(RECORD + KEPT)).filter((candidate) => candidate.code === 'MEM301');
  assert.equal(finding?.holds?.bytes, (asWritten! - slotted!) * 100, finding?.message);
});

test('the hover counts what any method sets on self, and not what a class method sets on the class', async () => {
  const source = [
    'class Counter:',
    '    made = 0',
    '    def __init__(self, start):',
    '        self.value = start',
    '    def reset(self):',
    '        self.history = []',
    '    @classmethod',
    '    def make(cls):',
    '        cls.made += 1',
    '        return cls(0)',
    '',
  ].join('\n');
  const [measured] = measureInstances([
    { source: `${source}def build():\n    c = Counter(1)\n    c.reset()\n    return c\n`, make: 'build()' },
  ]);
  const shown = await hoverText(source, 'Counter:');
  assert.match(shown, /2 attributes \(`value`, `history`\)/);
  // The list the attribute holds is counted by tracemalloc but not by the hover, which leaves values out.
  const emptyList = measureInstances([{ source: '', make: '[]' }])[0]!;
  assert.ok(showsBytes(shown, measured! - emptyList), `${measured} - ${emptyList}: ${shown}`);
});
