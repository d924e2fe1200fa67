import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alwaysRunsWith, enclosingLoops, isInsideLoop, knownPassCount } from '../../server/src/semantics/loops';
import { withSource } from '../support/tree';

const types = (nodes: readonly { type: string; startPosition: { row: number } }[]) =>
  nodes.map((n) => `${n.type}@${n.startPosition.row + 1}`);

test('enclosingLoops lists the loops that repeat a node, innermost first', async () => {
  const source = [
    'for row in rows:', //           1
    '    while row:', //             2
    '        cell = row.pop()', //   3
    '    else:', //                  4
    '        done = True', //        5
    'for x in (y := items):', //     6
    '    pass', //                   7
  ].join('\n');
  await withSource(source, ({ find }) => {
    assert.deepEqual(types(enclosingLoops(find('assignment', 'cell = row.pop()'))), [
      'while_statement@2',
      'for_statement@1',
    ]);
    // A while loop's else runs once; the outer for still repeats it.
    assert.deepEqual(types(enclosingLoops(find('assignment', 'done = True'))), ['for_statement@1']);
    // The condition of a while runs on every pass, a for's iterable only once.
    assert.deepEqual(types(enclosingLoops(find('identifier', 'rows'))), []);
    assert.deepEqual(types(enclosingLoops(find('identifier', 'row', 1))), ['while_statement@2', 'for_statement@1']);
    assert.equal(isInsideLoop(find('named_expression')), false);
  });
});

test('enclosingLoops stops at functions, lambdas, classes and comprehensions defined in the loop', async () => {
  const source = [
    'for item in items:',
    '    def later():',
    '        inner = 1',
    '    class Box:',
    '        field = 2',
    '    f = lambda: item',
    '    squares = [n * n for n in item]',
    '    direct = 3',
  ].join('\n');
  await withSource(source, ({ find }) => {
    assert.equal(isInsideLoop(find('assignment', 'inner = 1')), false);
    assert.equal(isInsideLoop(find('assignment', 'field = 2')), false);
    assert.equal(isInsideLoop(find('identifier', 'item', 2)), false);
    assert.equal(isInsideLoop(find('binary_operator', 'n * n')), false);
    assert.equal(isInsideLoop(find('assignment', 'direct = 3')), true);
    assert.equal(isInsideLoop(find('assignment', 'f = lambda: item')), true);
  });
});

test('alwaysRunsWith: statements of enclosing blocks and compound headers, not other branches', async () => {
  const source = [
    'for line in lines:', //                1
    '    text = ""', //                     2
    '    if line:', //                      3
    '        reset = 1', //                 4
    '    else:', //                         5
    '        text += line', //              6
    '    for part in line:', //             7
    '        text += part', //              8
    '    after = 1', //                     9
    'else:', //                             10
    '    finished = 1', //                  11
  ].join('\n');
  await withSource(source, ({ find }) => {
    const outer = find('for_statement');
    const inner = find('for_statement', undefined, 1);
    const grow = find('augmented_assignment', 'text += line');
    const growPart = find('augmented_assignment', 'text += part');
    assert.equal(alwaysRunsWith(find('assignment', 'text = ""'), grow, outer), true, 'earlier in an enclosing block');
    assert.equal(alwaysRunsWith(find('assignment', 'after = 1'), grow, outer), true, 'later in an enclosing block');
    assert.equal(alwaysRunsWith(find('assignment', 'reset = 1'), grow, outer), false, 'the other branch of the if');
    assert.equal(alwaysRunsWith(find('assignment', 'text = ""'), growPart, outer), true);
    assert.equal(
      alwaysRunsWith(find('identifier', 'part'), growPart, outer),
      true,
      "a nested loop's target binds before its body",
    );
    assert.equal(alwaysRunsWith(find('identifier', 'line'), grow, outer), true, "the loop's own target");
    assert.equal(alwaysRunsWith(find('identifier', 'lines'), grow, outer), false, "the loop's iterable runs once");
    assert.equal(alwaysRunsWith(find('assignment', 'finished = 1'), grow, outer), false, "the loop's else runs once");
    assert.equal(alwaysRunsWith(find('assignment', 'text = ""'), growPart, inner), false, 'outside the inner loop');
    assert.equal(alwaysRunsWith(find('assignment', 'after = 1'), growPart, inner), false, 'after the inner loop');
    assert.equal(alwaysRunsWith(grow.childForFieldName('left')!, grow, outer), false, 'part of the statement itself');
  });
});

test('knownPassCount is unknown for names, calls, splats, shadowed range and while loops', async () => {
  for (const iterable of ['items', 'range(n)', 'range(len(xs))', '(*a, b)', 'load()', 'range(0, 10, 0)']) {
    await withSource(`for item in ${iterable}:\n    pass\n`, ({ find, facts }) => {
      assert.equal(knownPassCount(find('for_statement'), facts), undefined, iterable);
    });
  }
  await withSource('def range(n):\n    return [n]\nfor item in range(3):\n    pass\n', ({ find, facts }) => {
    assert.equal(knownPassCount(find('for_statement'), facts), undefined);
  });
  await withSource('while True:\n    pass\n', ({ find, facts }) => {
    assert.equal(knownPassCount(find('while_statement'), facts), undefined);
  });
});
