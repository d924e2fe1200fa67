// Where a module spells its class names: whether found one by one or, past
// the first questions, together in one search, the answers are those of a
// search for each name on its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wholeWordOffsets } from '../../../server/src/text/asciiWords';
import { classNameOffsets } from '../../../server/src/rules/mem301-slots-for-many-instances/classNameSpellings';
import { withSource } from '../../support/tree';

const SOURCE = [
  'class Point:',
  '    pass',
  'class PointPair(Point):',
  '    pass',
  'class Pt: pass',
  'class \\',
  '        Continued: pass',
  'class Größe: pass',
  'pts = [Point(x) for x in xs] + [PointPair(Pt(), Pt())]',
  'other = Pointer(Point_(Point.x), aPoint, Pointé, Point2)',
  'items = [Continued() for _ in range(9)] + [Größe() for _ in range(9)]',
  '',
].join('\n');

const NAMES = ['Point', 'PointPair', 'Pt', 'Continued', 'Größe', 'Pointer', 'absent'];

test('each class name is found where a search of it alone finds it, before and after the names are searched for together', async () => {
  await withSource(SOURCE, ({ facts }) => {
    // Enough questions for the search to change, each name asked in both.
    for (let round = 0; round < 10; round++) {
      for (const name of NAMES)
        assert.deepEqual(
          classNameOffsets(facts, name),
          [...wholeWordOffsets(facts.module.text, name)],
          `${name}, round ${round}`,
        );
    }
  });
});

test('a name spelled inside longer words is not found there', async () => {
  await withSource(SOURCE, ({ facts }) => {
    const found = classNameOffsets(facts, 'Point').map((at) =>
      facts.module.text.slice(at - 1, at + 'Point'.length + 1),
    );
    // Class definitions, calls, a base, an attribute's object, and before a non-ASCII letter (which wholeWordOffsets also takes as a boundary).
    assert.deepEqual(found, [' Point:', '(Point)', '[Point(', '(Point.', ' Pointé']);
  });
});

test('a name no class statement defines is searched for on its own', async () => {
  await withSource('x = Point()\n', ({ facts }) => {
    assert.deepEqual(classNameOffsets(facts, 'Point'), [4]);
  });
});
