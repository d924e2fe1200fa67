// What the text around a `+` tells MEM201: whether it may follow the first
// addend of `s = s + …`, or precede the last of `s = … + s`. The rule finds
// its sums only through the `+`s that pass, so every such sum must keep one,
// however it is laid out.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { mayFollowGrownName, mayPrecedeGrownName } from '../../server/src/rules/sum-hits';
import { unparenthesized } from '../../server/src/semantics/syntax';
import { parse, pythonParser } from '../../server/src/document/parser';
import { FIXTURES } from '../support/paths';

/** `s = s + …` laid out every way the grammar allows around the first `+`. */
const LAYOUTS = [
  's = s + "x"',
  's=s+"x"',
  's = s+x+y',
  's: str = s + x',
  'a = s = s + x',
  's = (s + x)',
  's = ((s) + x)',
  's = (s) + x',
  's = ( # why\n    s + x)',
  's = (\n    s  # the old value\n    + x\n)',
  's = s \\\n    + x',
  's = \\\n    s + x',
  's =\ts\t+ x',
  's =\fs + x',
  'ś = ś + x',
  'sś = sś + x',
  'śs = śs + x',
  's1 = s1 + x',
  '_ = _ + x',
  'x = 1; s = s + x',
  'if x: s = s + "y"',
  'for w in words: s = s + w',
  'while s: s = s + "a" + ("b" + c)',
];

/** `+`s that cannot follow the grown name: the filter must rule them out, or it filters nothing. */
const RULED_OUT = [
  ['print(i + 1)', 'i + 1'],
  ['x = y; i + 1', 'i + 1'],
  ['return a + b', 'a + b'],
  ['x = 1 + y', '1 + y'],
  ['x = 1.5 + y', '5 + y'],
  ['s = self.s + x', 's + x'],
  ['s == s + x', 's + x'],
  ['s <= s + x', 's + x'],
  ['s += s + x', 's + x'],
  ['s := s + x', 's + x'],
  ['s = [s + x]', 's + x'],
  ['s = f(s + x)', 's + x'],
  ['s = +x', '+x'],
  ['s = "a" + s', '+ s'],
  ['s = s[0] + x', '+ x'],
  ['key = lambda s: s + x', 's + x'],
] as const;

/** Each assignment `name = name + …` (its sum in any parentheses) and the `+` tokens of its sum's chain. */
function grownSums(root: Node): { readonly assignment: Node; readonly pluses: Node[] }[] {
  const sums: { assignment: Node; pluses: Node[] }[] = [];
  for (const assignment of root.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || left?.type !== 'identifier' || !right) continue;
    const pluses: Node[] = [];
    let addend = unparenthesized(right);
    while (addend.type === 'binary_operator' && addend.childForFieldName('operator')?.text === '+') {
      pluses.push(addend.childForFieldName('operator')!);
      addend = unparenthesized(addend.childForFieldName('left')!);
    }
    if (pluses.length > 0 && addend.type === 'identifier' && addend.text === left.text)
      sums.push({ assignment, pluses });
  }
  return sums;
}

function pythonSources(): (readonly [string, string])[] {
  const rules = join(FIXTURES, 'rules');
  const files = readdirSync(rules).filter((name) => name.endsWith('.py'));
  return [
    ...files.map((name) => [name, readFileSync(join(rules, name), 'utf8')] as const),
    ...LAYOUTS.map((layout) => [JSON.stringify(layout), layout] as const),
  ];
}

test('every `s = s + …` keeps a `+` that may follow its grown name, in every layout and fixture', async () => {
  const parser = await pythonParser();
  let sums = 0;
  for (const [name, source] of pythonSources()) {
    const tree = parse(parser, source);
    try {
      for (const { assignment, pluses } of grownSums(tree.rootNode)) {
        sums++;
        const kept = pluses.filter((plus) => mayFollowGrownName(source, plus.startIndex));
        assert.ok(kept.length > 0, `${name}: no + of \`${assignment.text}\` passes`);
      }
    } finally {
      tree.delete();
    }
  }
  assert.ok(sums >= LAYOUTS.length, `only ${sums} sums found`);
});

test('a `+` whose line shows another shape is ruled out', () => {
  for (const [line, at] of RULED_OUT) {
    const offset = line.indexOf(at) + at.indexOf('+');
    assert.equal(mayFollowGrownName(line, offset), false, line);
  }
});

/** `s = … + s` laid out every way the grammar allows around the last `+`. */
const PREPENDING_LAYOUTS = [
  's = "x" + s',
  's="x"+s',
  's = a + b + s',
  's: str = x + s',
  'a = s = x + s',
  's = (x + s)',
  's = (x + (s))',
  's = x + s  # why',
  's = x + s; t = 1',
  's = (\n    x  # the part\n    + s\n)',
  's = (\n    x + s)',
  's = x \\\n    + s',
  's = \\\n    x + s',
  's = x +\\\n    s',
  's =\tx\t+ s',
  'ś = x + ś',
  's = "ś" + s',
  'x = 1; s = x + s',
  'if x: s = "y" + s',
  'for w in words: s = w + s',
  '_ = x + _',
];

/** `+`s that cannot precede the last addend of `s = … + s`. */
const NOT_PREPENDING = [
  ['print(i + 1)', '+ 1'],
  ['return a + s', '+ s'],
  ['t = a + s', '+ s'],
  ['s = a + s.strip()', '+ s'],
  ['s = a + s[0]', '+ s'],
  ['s = a + s + b', '+ s'],
  ['s == a + s', '+ s'],
  ['s = f(a + s, b)', '+ s'],
  ['s = a + 1', '+ 1'],
] as const;

/** Each assignment `name = … + name` (its sum in any parentheses) and the `+` of its outermost sum. */
function prependingSums(root: Node): { readonly assignment: Node; readonly plus: Node }[] {
  const sums: { assignment: Node; plus: Node }[] = [];
  for (const assignment of root.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || left?.type !== 'identifier' || !right) continue;
    const sum = unparenthesized(right);
    if (sum.type !== 'binary_operator' || sum.childForFieldName('operator')?.text !== '+') continue;
    const last = unparenthesized(sum.childForFieldName('right')!);
    if (last.type === 'identifier' && last.text === left.text)
      sums.push({ assignment, plus: sum.childForFieldName('operator')! });
  }
  return sums;
}

test('every `s = … + s` has its last `+` pass, in every layout and fixture', async () => {
  const parser = await pythonParser();
  let sums = 0;
  const sources = [
    ...pythonSources(),
    ...PREPENDING_LAYOUTS.map((layout) => [JSON.stringify(layout), layout] as const),
  ];
  for (const [name, source] of sources) {
    const tree = parse(parser, source);
    try {
      for (const { assignment, plus } of prependingSums(tree.rootNode)) {
        sums++;
        assert.ok(
          mayPrecedeGrownName(source, plus.startIndex),
          `${name}: the + of \`${assignment.text}\` does not pass`,
        );
      }
    } finally {
      tree.delete();
    }
  }
  assert.ok(sums >= PREPENDING_LAYOUTS.length, `only ${sums} sums found`);
});

test('a `+` whose line shows no prepending to a name is ruled out', () => {
  for (const [line, at] of NOT_PREPENDING) {
    const offset = line.indexOf(at);
    assert.equal(mayPrecedeGrownName(line, offset), false, line);
  }
});
