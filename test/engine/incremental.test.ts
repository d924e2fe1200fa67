// Incremental analysis gives what a whole analysis of the same text gives,
// whatever the edits, and re-analyses only what an edit can have changed. The
// random edits here are a seeded sample over the rule fixtures and examples;
// incremental-stdlib.slow.test.ts replays the long sweeps over stdlib modules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { IncrementalAnalysis } from '../../server/src/engine/incremental';
import { parse, pythonParser } from '../../server/src/document/parser';
import { REGION_LINES } from '../../server/src/document/regionBoundaries';
import { corpus, joinedRuleFixtures, ruleFixtureCorpus } from '../reliability/fuzz';
import { checkEditsUndone, checkRandomEdits, checkRandomEditsOverRegions, OPTIONS } from './incrementalSweeps';

const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_241_125);
/** The examples (corpus without stdlib modules). */
const EXAMPLES = corpus([]);

test(`after random edits to the rule fixtures and examples, incremental findings equal a whole analysis (seed ${SEED})`, async (t) => {
  await checkRandomEdits(t, [...ruleFixtureCorpus(), ...EXAMPLES], SEED, 5);
});

/** Analyses a text with `incremental`, checks the findings against a whole analysis, and gives their codes. */
async function checkedRunner(incremental: IncrementalAnalysis): Promise<(text: string) => string[]> {
  const parser = await pythonParser();
  return (text) => {
    const tree = parse(parser, text);
    try {
      const findings = incremental.analyze(tree, text);
      assert.deepEqual(findings, analyze(tree, text, OPTIONS));
      return findings.map((finding) => finding.code);
    } finally {
      tree.delete();
    }
  };
}

test('an edit inside one function re-analyses that function alone; rebinding a name it reads re-analyses its readers', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (body: string, binding: string) =>
    `import numpy as np\n\ndef a(xs):\n    return sum([x for x in xs])\n\ndef b(ys):\n    ${body}\n\ndef c(zs):\n    return np.array([len(z) for z in zs])\n${binding}`;
  assert.deepEqual(run(module('return len(ys)', '')), ['MEM101', 'MEM403']);
  assert.equal(incremental.lastAnalysedChunks, 4);
  run(module('return len(list(ys))', ''));
  assert.equal(incremental.lastAnalysedChunks, 1, 'only b changed');
  // `sum` bound at module level: `a` read it (as the builtin), so `a` is analysed again and its finding goes.
  assert.deepEqual(run(module('return len(list(ys))', 'sum = max\n')), ['MEM403']);
  assert.equal(incremental.lastAnalysedChunks, 2, 'a and the new statement');
  // `np` rebound: `c` read it.
  assert.deepEqual(run(module('return len(list(ys))', 'sum = max\nnp = None\n')), []);
});

test('a rule whose anchor an edit spells for the first time finds it there, and the other statements keep their findings', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (loop: string) =>
    `import pandas as pd\n\ndef a(xs):\n    return sum([x for x in xs])\n\ndef b(df):\n    ${loop}\n`;
  assert.deepEqual(run(module('for row in df.rows():\n        print(row)')), ['MEM101']);
  // MEM402 starts from the name `iterrows`, which only b spells.
  assert.deepEqual(run(module('for _, row in df.iterrows():\n        print(row)')), ['MEM101', 'MEM402']);
  assert.equal(incremental.lastAnalysedChunks, 1, 'only b changed');
  assert.deepEqual(run(module('for _, row in df.iterrows():\n        print(row, 1)')), ['MEM101', 'MEM402']);
  assert.equal(incremental.lastAnalysedChunks, 1);
  assert.deepEqual(run(module('for row in df.rows():\n        print(row)')), ['MEM101']);
  assert.equal(incremental.lastAnalysedChunks, 1);
});

test('a broken statement whose tree an edit elsewhere changes is analysed again, though its text is the same', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  // tree-sitter recovers from the first line's error differently once the quote on the third line opens a string.
  const broken =
    '    for pah in paths:\n        frame = pd.concat([frame, pd.read_csv(path)])max([abs(v) for v in vs])\n';
  const before = `${broken}    return [positions[i] for i in range(len(positions)) if i % 2 == 0]\ndef count_high(readings, limit):\nelse:\n`;
  const after = `${broken}    return [positions[i] for i in range(len(positions)) if i % ' count_high(readings, limit):\nelse:\n`;
  const parser = await pythonParser();
  const shape = (text: string) => {
    const tree = parse(parser, text);
    try {
      return tree.rootNode.descendantForIndex(broken.indexOf('frame ='))?.parent?.toString();
    } finally {
      tree.delete();
    }
  };
  assert.notEqual(shape(before), shape(after), 'the same text parses otherwise');
  run(before);
  run(after);
});

test('an import alias of an anchor name that comes or goes has every statement analysed again', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (imports: string) =>
    `${imports}\n\ndef a(xs):\n    return arr([len(x) * 2 for x in xs])\n\ndef b():\n    pass\n`;
  assert.deepEqual(run(module('import numpy as np')), []);
  // `arr` spells no anchor of MEM403: the alias the import gives makes it one.
  assert.deepEqual(run(module('from numpy import array as arr')), ['MEM403']);
  assert.equal(incremental.lastAnalysedChunks, 3);
  assert.deepEqual(run(module('from numpy import array as arr  # the same alias')), ['MEM403']);
  assert.equal(incremental.lastAnalysedChunks, 2, 'the same aliases: the import, and a, which looks `arr` up');
  assert.deepEqual(run(module('from numpy import zeros as arr')), []);
  assert.equal(incremental.lastAnalysedChunks, 3);
});

test(`over the rule fixtures parsed in regions, incremental findings equal a whole analysis of the same regions (seed ${SEED})`, async () => {
  await checkRandomEditsOverRegions([joinedRuleFixtures(8 * REGION_LINES)], SEED + 1, 10);
});

test('module-level code that only calls a builtin leaves its readers alone; binding it, or importing it under an alias, does not', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (extra: string) =>
    `def a(xs):\n    return max([x for x in xs])\n\ndef b(ys):\n    return len(ys)\n${extra}`;
  assert.deepEqual(run(module('')), ['MEM101']);
  run(module('print(max(len(v) for v in "abc"))\n'));
  assert.equal(incremental.lastAnalysedChunks, 1, 'only the new statement: it binds nothing');
  assert.deepEqual(run(module('max = min\n')), []);
  assert.equal(incremental.lastAnalysedChunks, 2, 'a read max: it is analysed again, b is not');
  // An alias is found by the name it imports: readers of that name are analysed again. (`max` is no rule's
  // anchor name: an alias of one, such as `sum`, has every statement analysed again, as tested above.)
  assert.deepEqual(run(module('from builtins import max as total\n')), ['MEM101']);
  assert.equal(incremental.lastAnalysedChunks, 2, 'a and the import');
});

test('an edit undone brings back the findings of the statements it took away without analysing them again', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const functions = [
    'def a(xs):\n    return sum([x for x in xs])',
    'def b(ys):\n    return len(list(ys))',
    'def c(zs):\n    return max([z for z in zs])',
  ];
  const original = `import numpy as np\n\n${functions.join('\n\n')}\n`;
  const codes = run(original);
  // An unclosed bracket in `a` swallows what follows it into one broken statement.
  const broken = original.replace('sum([x', 'sum([(x');
  run(broken);
  assert.ok(incremental.lastAnalysedChunks >= 1);
  assert.deepEqual(run(original), codes);
  assert.equal(incremental.lastAnalysedChunks, 0, 'every statement of the mended text was found before the break');
});

test('a statement that comes back elsewhere than it left is analysed again: what is bound above it changed', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const loop = 'for part in parts:\n    text += part\n';
  const binding = 'text = ""\n';
  // After the binding, the loop grows a str (MEM201); before it, `text` is nothing known.
  assert.deepEqual(run(`${binding}${loop}`), ['MEM201']);
  assert.deepEqual(run(binding), []);
  assert.deepEqual(run(`${loop}${binding}`), []);
  assert.equal(incremental.lastAnalysedChunks, 1);
  // Back where it was (after the binding, once more), it is found as it was.
  assert.deepEqual(run(binding), []);
  assert.deepEqual(run(`${binding}${loop}`), ['MEM201']);
});

test('findings told from the text alone are checked again when the text they read changes elsewhere', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  // MEM301 turns a class down for a base the file does not define, and takes it up once the file does.
  const slotless =
    'class P(Base):\n    def __init__(self, a):\n        self.a = a\n\n\nps = [P(row) for row in rows]\n';
  assert.deepEqual(run(slotless), []);
  assert.deepEqual(run(`${slotless}\n\nclass Base:\n    pass\n`), ['MEM301']);
  // MEM201 passes by a name whose assignments make no text, until an import could rename a builtin.
  const grown =
    '\n\ndef render(parts):\n    payload = data()\n    for part in parts:\n        payload += part\n    return payload\n';
  assert.deepEqual(run(grown), []);
  assert.deepEqual(run(`from builtins import bytes as data\n${grown}`), ['MEM201']);
});

test(`after random edits to the rule fixtures and examples each undone at once, incremental findings equal a whole analysis (seed ${SEED})`, async () => {
  // A sample too small to count reuse by: 'an edit undone brings back…' above checks it, and the slow sweep counts it.
  await checkEditsUndone([...ruleFixtureCorpus(), ...EXAMPLES], [], SEED + 2, 3);
});

test('an edit inside one method re-analyses that method alone, not its class', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (body: string) =>
    `class Totals:\n    def a(self, xs):\n        return sum([x for x in xs])\n\n    def b(self, ys):\n        ${body}\n\n    def c(self, zs):\n        return max([z for z in zs])\n`;
  assert.deepEqual(run(module('return len(ys)')), ['MEM101', 'MEM101']);
  assert.equal(incremental.lastAnalysedChunks, 4, 'the header and three methods');
  assert.deepEqual(run(module('return len([y for y in ys])')), ['MEM101', 'MEM104', 'MEM101']);
  assert.equal(incremental.lastAnalysedChunks, 1, 'only b changed');
});

test('a method whose findings read what another method sets on self is analysed again when that method changes', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  // MEM201 flags `self.body += part` only while every write of `body` stores a str.
  const module = (initial: string) =>
    `class Report:\n    def __init__(self):\n        self.body = ${initial}\n\n    def add(self, parts):\n        for part in parts:\n            self.body += part\n\n    def size(self):\n        return 1\n`;
  assert.deepEqual(run(module('""')), ['MEM201']);
  assert.deepEqual(run(module('0')), []);
  assert.equal(incremental.lastAnalysedChunks, 2, '__init__, and add, which read its write of `body`');
  assert.deepEqual(run(module('""')), ['MEM201']);
});

test('a frame set on self in one method and used in others: edits of either give what a whole analysis gives', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (read: string, loop: string) =>
    `import pandas as pd\n\n\nclass Loader:\n    def __init__(self, path):\n        self.df = ${read}\n\n    def rows(self):\n        for _, row in ${loop}:\n            print(row)\n\n    def total(self):\n        return len(self.df[self.df["a"] > 0])\n`;
  assert.deepEqual(run(module('pd.read_csv(path)', 'self.df.iterrows()')), ['MEM402', 'MEM406']);
  run(module('pd.read_csv(path, usecols=["a"])', 'self.df.iterrows()'));
  run(module('None', 'self.df.iterrows()'));
  assert.deepEqual(run(module('None', 'self.df.itertuples()')), ['MEM406']);
  assert.deepEqual(run(module('pd.read_csv(path)', 'self.df.iterrows()')), ['MEM402', 'MEM406']);
});

test('__slots__ added to a class, or a decorator to a method, is seen by the rules that read the whole class', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const module = (slots: string, decorator: string) =>
    `import functools\n\n\nclass Point:\n${slots}    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n\n${decorator}    def norm(self):\n        return (self.x ** 2 + self.y ** 2) ** 0.5\n\n\npoints = [Point(row, row) for row in rows]\n`;
  assert.deepEqual(run(module('', '')), ['MEM301']);
  // A new statement of the class body: MEM301, on the class's header, read the whole class.
  assert.deepEqual(run(module('    __slots__ = ("x", "y")\n\n', '')), []);
  assert.deepEqual(run(module('', '')), ['MEM301']);
  // A method that stores its result in the instance's __dict__ rules __slots__ out.
  assert.deepEqual(run(module('', '    @functools.cached_property\n')), []);
  assert.ok(incremental.lastAnalysedChunks < 4, 'the header and the method, not every chunk');
  assert.deepEqual(run(module('', '')), ['MEM301']);
});

test('a fix that calls a module through the name its import gives follows an import added or taken away elsewhere', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  const joined = '\n\ndef joined(parts):\n    return sum(parts, [])\n';
  // MEM205 writes `it.chain.from_iterable` once `import itertools as it` is there, a comprehension before.
  assert.deepEqual(run(joined), ['MEM205']);
  assert.deepEqual(run(`import itertools as it\n${joined}`), ['MEM205']);
  assert.deepEqual(run(`import itertools as tools\n${joined}`), ['MEM205']);
  assert.deepEqual(run(`from itertools import chain\n${joined}`), ['MEM205']);
  assert.deepEqual(run(`from itertools import chain as link\n${joined}`), ['MEM205']);
  assert.deepEqual(run(`import itertools\n${joined}`), ['MEM205']);
  assert.deepEqual(run(joined), ['MEM205']);
});

test('a fix that names a module through an alias follows the alias import, where a local hides the module', async () => {
  const incremental = new IncrementalAnalysis(OPTIONS);
  const run = await checkedRunner(incremental);
  // `itertools` is a local in the function: the fix can call the module only as `it`, once imported so.
  const shadowed = '\n\ndef local_chain(batches):\n    itertools = None\n    return sum(batches, [])\n';
  assert.deepEqual(run(`import itertools\n${shadowed}`), ['MEM205']);
  assert.deepEqual(run(`import itertools\nimport itertools as it\n${shadowed}`), ['MEM205']);
  assert.deepEqual(run(`import itertools\n${shadowed}`), ['MEM205']);
});
