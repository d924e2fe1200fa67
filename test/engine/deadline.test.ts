// A deadline stops the incremental analysis between top-level statements: the
// findings it gives are those of the statements it analysed, the others are
// pending, and the calls after it go on with them (after the statements an
// edit changed) until the findings are those of a whole analysis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deadline } from '../../server/src/document/deadline';
import { parse, pythonParser } from '../../server/src/document/parser';
import { analyze } from '../../server/src/engine/analyze';
import { IncrementalAnalysis } from '../../server/src/engine/incremental';
import { OPTIONS } from './incrementalSweeps';

/** A deadline that passes once it has been asked `times` times. */
function afterAsking(times: number): Deadline {
  let asked = 0;
  return { passed: () => ++asked > times };
}

const passed: Deadline = { passed: () => true };

/** `count` functions, each with one finding (MEM101: a list built to be summed). */
function functions(count: number, name = 'f'): string {
  return Array.from(
    { length: count },
    (_, index) => `def ${name}${index}(xs):\n    return sum([x * ${index} for x in xs])\n`,
  ).join('\n');
}

test('a passed deadline leaves statements pending; later calls finish them, and the findings become the whole analysis', async () => {
  const parser = await pythonParser();
  const text = functions(12);
  const tree = parse(parser, text);
  try {
    const whole = analyze(tree, text, OPTIONS);
    assert.equal(whole.length, 12);
    const incremental = new IncrementalAnalysis(OPTIONS);
    const first = incremental.analyze(tree, text, afterAsking(2));
    assert.equal(incremental.lastAnalysedChunks, 3, 'one statement, then two more before the deadline');
    assert.equal(incremental.lastPendingChunks, 9);
    assert.equal(incremental.lastChunks, 12);
    assert.deepEqual(first, whole.slice(0, 3), 'the findings of the statements analysed, in order');
    const second = incremental.analyze(tree, text, afterAsking(4));
    assert.equal(incremental.lastAnalysedChunks, 5, 'the pending ones, where the first call stopped');
    assert.deepEqual(second, whole.slice(0, 8));
    const last = incremental.analyze(tree, text);
    assert.equal(incremental.lastPendingChunks, 0);
    assert.equal(incremental.lastAnalysedChunks, 4);
    assert.deepEqual(last, whole);
    incremental.analyze(tree, text);
    assert.equal(incremental.lastAnalysedChunks, 0, 'nothing left to analyse');
  } finally {
    tree.delete();
  }
});

test('even past its deadline a call analyses one statement, and the statements an edit changed go before those pending', async () => {
  const parser = await pythonParser();
  const incremental = new IncrementalAnalysis(OPTIONS);
  const before = functions(6);
  const beforeTree = parse(parser, before);
  try {
    incremental.analyze(beforeTree, before, passed);
    assert.equal(incremental.lastAnalysedChunks, 1);
    assert.equal(incremental.lastPendingChunks, 5);
  } finally {
    beforeTree.delete();
  }
  // A new last function: analysed first, though five statements above it still wait.
  const after = `${before}\ndef g(ys):\n    return max([y for y in ys])\n`;
  const afterTree = parse(parser, after);
  try {
    const findings = incremental.analyze(afterTree, after, passed);
    assert.equal(incremental.lastAnalysedChunks, 1);
    assert.equal(incremental.lastPendingChunks, 5);
    const whole = analyze(afterTree, after, OPTIONS);
    assert.deepEqual(findings, [whole[0], whole[whole.length - 1]]);
    assert.deepEqual(incremental.analyze(afterTree, after), whole);
  } finally {
    afterTree.delete();
  }
});

test('the statements an edit changed and the backlog keep deadlines of their own, and a call says which it left', async () => {
  const parser = await pythonParser();
  const never: Deadline = { passed: () => false };
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = (text: string, deadlines: { edit: Deadline; backlog: Deadline }) => {
    const tree = parse(parser, text);
    try {
      return incremental.analyze(tree, text, deadlines);
    } finally {
      tree.delete();
    }
  };
  // A first analysis is all backlog: the edit's deadline does not stop it.
  const text = functions(6);
  run(text, { edit: passed, backlog: never });
  assert.equal(incremental.lastPendingChunks, 0);
  run(functions(6), { edit: never, backlog: passed });
  assert.equal(incremental.lastAnalysedChunks, 0, 'the same text: nothing to analyse');
  // Two functions edited, with time for one: the edit is left unfinished.
  const edited = text.replace('x * 1 for', 'x + 1 for').replace('x * 4 for', 'x + 4 for');
  run(edited, { edit: passed, backlog: never });
  assert.equal(incremental.lastAnalysedChunks, 1);
  assert.equal(incremental.lastPendingChunks, 1);
  assert.equal(incremental.lastLeftEdited, true);
  // The one left is backlog now: with no time for backlog, a new edit's chunk goes first and the call says it finished its edit.
  const again = edited.replace('x * 2 for', 'x + 2 for');
  run(again, { edit: never, backlog: passed });
  assert.equal(incremental.lastAnalysedChunks, 1, 'the edited chunk');
  assert.equal(incremental.lastPendingChunks, 1, 'the backlog');
  assert.equal(incremental.lastLeftEdited, false);
});
