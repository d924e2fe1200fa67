import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { alwaysRunsWith, enclosingLoops, isInsideLoop, knownPassCount } from '../../server/src/semantics/loops';
import { withSource } from '../support/tree';

const types = (nodes: readonly { type: string; startPosition: { row: number } }[]) => nodes.map((n) => `${n.type}@${n.startPosition.row + 1}`);

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
    assert.deepEqual(types(enclosingLoops(find('assignment', 'cell = row.pop()'))), ['while_statement@2', 'for_statement@1']);
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
    assert.equal(alwaysRunsWith(find('identifier', 'part'), growPart, outer), true, "a nested loop's target binds before its body");
    assert.equal(alwaysRunsWith(find('identifier', 'line'), grow, outer), true, "the loop's own target");
    assert.equal(alwaysRunsWith(find('identifier', 'lines'), grow, outer), false, "the loop's iterable runs once");
    assert.equal(alwaysRunsWith(find('assignment', 'finished = 1'), grow, outer), false, "the loop's else runs once");
    assert.equal(alwaysRunsWith(find('assignment', 'text = ""'), growPart, inner), false, 'outside the inner loop');
    assert.equal(alwaysRunsWith(find('assignment', 'after = 1'), growPart, inner), false, 'after the inner loop');
    assert.equal(alwaysRunsWith(grow.childForFieldName('left')!, grow, outer), false, 'part of the statement itself');
  });
});

test('knownPassCount agrees with python3 on displays and ranges of literals', async () => {
  const iterables = ['(1, 2, 3)', '[]', '{"a", "b"}', '1, 2', 'range(5)', 'range(2, 9)', 'range(10, 0, -3)', 'range(-3, 10, 2)', 'range(5, 1)', 'range(1_000)', 'range(0x10)'];
  const run = spawnSync('python3', ['-c', 'import sys\nfor e in sys.argv[1:]:\n    print(len(list(eval(e))))', ...iterables.map((e) => `(${e})`)], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.trim().split('\n').map(Number);
  const actual: Array<number | undefined> = [];
  for (const iterable of iterables) {
    await withSource(`for item in ${iterable}:\n    pass\n`, ({ find, facts }) => actual.push(knownPassCount(find('for_statement'), facts)));
  }
  assert.deepEqual(actual, expected);
});

test('knownPassCount folds constant bounds of range like the size model: powers, products, names bound once', async () => {
  const ranges = ['range(0, 10**6, 100)', 'range(2 * 5)', 'range(-(3), 7)', 'range(STOP)', 'range(STOP, 0, -STEP)'];
  const bindings = 'STOP = 10**4\nSTEP = 7\n';
  const run = spawnSync('python3', ['-c', `import sys\n${bindings}for e in sys.argv[1:]:\n    print(len(eval(e)))`, ...ranges], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.trim().split('\n').map(Number);
  const actual: Array<number | undefined> = [];
  for (const iterable of ranges) {
    await withSource(`${bindings}for item in ${iterable}:\n    pass\n`, ({ find, facts }) => actual.push(knownPassCount(find('for_statement'), facts)));
  }
  assert.deepEqual(actual, expected);
  // A name bound twice has no one value.
  await withSource('n = 3\nn = 4\nfor item in range(n):\n    pass\n', ({ find, facts }) => assert.equal(knownPassCount(find('for_statement'), facts), undefined));
});

test('knownPassCount counts the passes of a comprehension clause like those of a for statement', async () => {
  const iterables = ['(1, 2, 3)', '[]', 'range(2, 9)', 'range(10, 0, -3)'];
  const run = spawnSync('python3', ['-c', 'import sys\nfor e in sys.argv[1:]:\n    print(len(eval(e)))', ...iterables.map((e) => `[0 for item in ${e}]`)], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.trim().split('\n').map(Number);
  const actual: Array<number | undefined> = [];
  for (const iterable of iterables) {
    await withSource(`ys = [0 for item in ${iterable}]\n`, ({ find, facts }) => actual.push(knownPassCount(find('for_in_clause'), facts)));
  }
  assert.deepEqual(actual, expected);
  await withSource('ys = [0 for item in range(n)]\n', ({ find, facts }) => assert.equal(knownPassCount(find('for_in_clause'), facts), undefined));
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
