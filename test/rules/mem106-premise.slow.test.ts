// MEM106's premise, measured: each block of its documented example reading a
// file of 10^5 lines of 80 characters, ten words each (the size the rule's
// docs speak of), with `.readlines()`, `.read().splitlines()`, `text =
// f.read()` split in the loop and `.read().split()`, and iterating the file as
// it advises, under tracemalloc on every CPython the suite has.
import assert from 'node:assert/strict';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { mem106 } from '../../server/src/rules/mem106-read-whole-file';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { findingsOf, paragraphs } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const SETUP = String.raw`
import os, sys
path = "lines.txt"
with open(path, "w") as out:
    for i in range(${DATA_SCALE}):
        out.write(" ".join("%07d" % (10 * i + k) for k in range(10)) + "\n")

def held(lines):
    # What a list of every line costs: its pointers and a str per line.
    return sys.getsizeof(lines) + sum(map(sys.getsizeof, lines))

def read_lines():
    with open(path) as f:
        return f.readlines()

def split_lines():
    with open(path) as f:
        return f.read().splitlines()

def split_words():
    with open(path) as f:
        return f.read().split()

def text_held():
    with open(path) as f:
        return sys.getsizeof(f.read())
`;

const FIGURES = {
  readLines: 'held(read_lines())',
  splitLines: 'held(split_lines())',
  splitWords: 'held(split_words())',
  text: 'text_held()',
  file: 'os.path.getsize(path)',
};

/** Each message's words, and the bytes they say iterating the file saves. */
const CLAIMS: ReadonlyArray<{
  readonly words: RegExp;
  readonly claimed: (figures: Readonly<Record<string, number>>) => number;
}> = [
  { words: /reads every line into a list before the loop starts/, claimed: (figures) => figures.readLines! },
  {
    words: /^Holds the whole file at least twice, as one string and as a list of lines/,
    claimed: (figures) => figures.text! + figures.splitLines!,
  },
  {
    words: /^Holds the whole file at least twice, as `text` and as a list of lines/,
    claimed: (figures) => figures.text! + figures.splitLines!,
  },
  {
    words: /^Holds the whole file at least twice, as one string and as a list of words/,
    claimed: (figures) => figures.text! + figures.splitWords!,
  },
];

const TOLERANCE: Tolerance = {
  below: 0.01,
  above: 0.01,
  why: 'iterating the file still holds one line and its 8 KB read buffer (about 22 KB, 0.2%), and `.readlines()` may keep a little spare room at the end of its list',
};

const examples = paragraphs(mem106.docs.example).map((paragraph) => paragraph.text);
const replacements = paragraphs(mem106.docs.useInstead).map((paragraph) => paragraph.text);

forEachPython(
  'MEM106: iterating the file lowers the peak of each documented example by what the message says',
  async ({ python }, context) => {
    assert.equal(examples.length, CLAIMS.length, 'one documented example per message');
    assert.equal(replacements.length, examples.length, 'one replacement per example');
    for (const [index, before] of examples.entries()) {
      const [finding] = await findingsOf(mem106, before);
      const { words, claimed: claimOf } = CLAIMS[index]!;
      assert.match(finding?.message ?? '', words);
      const runs = measureFix(python, {
        setup: SETUP,
        before,
        after: replacements[index]!,
        sinks: ['handle'],
        figures: FIGURES,
      });
      const figures = runs.before.figures;
      const claimed = claimOf(figures);
      context.diagnostic(describeRuns(`MEM106 example ${index + 1}`, runs, claimed));
      assertClaim(`peak saved by ${finding!.message}`, runs.peakSaved, claimed, TOLERANCE);
      if (/at least twice/i.test(finding!.message))
        assert.ok(
          runs.peakSaved >= 2 * figures.file!,
          `"at least twice" the file of ${figures.file} B: saved ${runs.peakSaved} B`,
        );
    }
  },
);

/**
 * A parameter annotated as a file (Ruff's FURB129 flags it), here a buffer of
 * the same lines: the lines `.readlines()` makes are new bytes objects beside
 * the buffer, which iterating it makes one at a time too.
 */
const PASSED = {
  setup: `${SETUP}
import io
with open(path, "rb") as source:
    buffer = io.BytesIO(source.read())

def buffered_lines():
    buffer.seek(0)
    return buffer.readlines()
`,
  before:
    'import io\n\n\ndef read(f: io.BytesIO):\n    for line in f.readlines():\n        handle(line)\n\nread(buffer)',
};

forEachPython(
  'MEM106: iterating a file passed as a parameter lowers the peak by the lines readlines() makes',
  async ({ python }, context) => {
    const [finding] = await findingsOf(mem106, PASSED.before);
    assert.match(finding?.message ?? '', CLAIMS[0]!.words);
    const after = applyEdits(PASSED.before, combinedEdits([finding!], SAFE_AND_UNSAFE));
    assert.notEqual(after, PASSED.before, 'MEM106 fixes the loop');
    const runs = measureFix(python, {
      setup: PASSED.setup,
      before: PASSED.before,
      after,
      sinks: ['handle'],
      figures: { lines: 'held(buffered_lines())' },
    });
    const claimed = runs.before.figures.lines!;
    context.diagnostic(describeRuns('MEM106 on a parameter annotated io.BytesIO', runs, claimed));
    assertClaim(`peak saved by ${after}`, runs.peakSaved, claimed, TOLERANCE);
  },
);
