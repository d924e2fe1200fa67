// Measured-figure labels end by the editor's right edge as the user sets it (the furthest
// ruler, else the word-wrap column): the longest form that fits, the shortest where none does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth, fittedLabel, hintColumns, rightEdgeColumn } from '../../client/src/measure/labelFit';
import { labelForms } from '../../client/src/measure/labels';

test('the right edge: the furthest ruler (numbers or {column}), else the word-wrap column, else 80', () => {
  assert.equal(rightEdgeColumn([88, { column: 100, color: '#f00' }, 72], 80), 100);
  assert.equal(rightEdgeColumn([], 120), 120);
  assert.equal(rightEdgeColumn(undefined, undefined), 80);
  assert.equal(rightEdgeColumn(['x', { column: 'y' }, -3], 'z'), 80, 'values the schema would refuse are ignored');
});

test('columns: a tab to the next stop, East Asian wide characters and emoji two, the rest one', () => {
  assert.equal(displayWidth('abc', 4), 3);
  assert.equal(displayWidth('\tx = 1', 4), 9);
  assert.equal(displayWidth('ab\tc', 4), 5);
  assert.equal(displayWidth('名前 = 1', 4), 8);
  assert.equal(displayWidth('s = "🐍"', 4), 8);
});

const LINE = { line: 3, bytes: 36_911_000, count: 3, sites: [], allocatedBytes: 8_000_000, allocatedCount: 1 };
const FORMS = labelForms(
  LINE,
  { line: 2, bytes: 38_386_740, approximate: false, atLeast: false, what: 'a list' },
  false,
);

test('the longest form that ends by the edge: all the words after a short line, fewer as the line grows', () => {
  const chosen = [10, 30, 50, 70, 90].map((length) => fittedLabel(FORMS, 'x'.repeat(length), 4, 100));
  assert.deepEqual(chosen, [FORMS[0], FORMS[0], FORMS[1], FORMS[2], FORMS[2]]);
  for (const [index, length] of [10, 30, 50, 70].entries())
    assert.ok(length + 4 + chosen[index]!.length <= 100, `${length}: ${chosen[index]}`);
  // Past the edge already: the one figure, whatever it costs (the hover has the rest).
  assert.equal(fittedLabel(FORMS, 'x'.repeat(200), 4, 100), FORMS[2]);
  // Tabs and trailing spaces count as the editor draws them: indentation takes room, trailing blanks do not.
  assert.equal(fittedLabel(FORMS, `${'\t'.repeat(12)}y = 1`, 4, 100), FORMS[1]);
  assert.equal(fittedLabel(FORMS, `y = 1${' '.repeat(80)}`, 4, 100), FORMS[0]);
});

test('whatever the line, a label ends by the edge whenever its shortest form can', () => {
  for (let length = 0; length <= 120; length++)
    for (const edge of [60, 80, 100, 120]) {
      const label = fittedLabel(FORMS, 'y'.repeat(length), 4, edge);
      if (length + 4 + FORMS[2]!.length <= edge)
        assert.ok(length + 4 + label.length <= edge, `${length}/${edge}: ${label}`);
      else assert.equal(label, FORMS[2]);
    }
});

test('the inlay hints drawn in a line take its room too: their words and padding', () => {
  const hints = [
    { line: 2, label: '≈ 7.6 MiB', paddingLeft: true, paddingRight: false },
    { line: 2, label: '≈ 3.8 MiB', paddingLeft: true, paddingRight: true },
    { line: 5, label: 'int', paddingLeft: false, paddingRight: false },
  ];
  assert.deepEqual(
    [...hintColumns(hints, 4)],
    [
      [2, 10 + 11],
      [5, 3],
    ],
  );
  const line = 'x'.repeat(30);
  assert.equal(fittedLabel(FORMS, line, 4, 100), FORMS[0]);
  assert.equal(fittedLabel(FORMS, line, 4, 100, 21), FORMS[1]);
});
