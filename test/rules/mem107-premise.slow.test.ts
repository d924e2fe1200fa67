// MEM107's premise, measured: its documented example copying a 50 MiB file,
// written untraced, then copied under tracemalloc as the example writes it
// (`out.write(src.read())`) and as its fix does (`shutil.copyfileobj`), on
// every CPython the suite has; the same for a text file of ASCII lines, with
// the rule's own (unsafe) fix. The message says the copy holds the whole
// file: the fix must lower the peak by the file's size (binary) or twice it
// (text: the bytes read and the str decoded from them), and write the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/rules/fixes';
import { mem107 } from '../../server/src/rules/mem107-whole-file-copy';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';

/** 50 MiB: 655,360 lines of 80 bytes. */
const FILE_BYTES = 50 * 1024 * 1024;

/** Both files, written untraced: seeded random bytes (no line structure) and ASCII lines. */
const SETUP = String.raw`
import hashlib, os, random
import shutil  # imported untraced: the example's import is then a lookup, in both runs
block = random.Random(107).randbytes(1 << 20)
with open("big.bin", "wb") as f:
    for _ in range(${FILE_BYTES} >> 20):
        f.write(block)
with open("big.txt", "w") as f:
    for i in range(${FILE_BYTES} // 80):
        f.write(("line %d " % i).ljust(79, "x") + "\n")
del block

def digest(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest() if hasattr(hashlib, "file_digest") else hashlib.sha256(f.read()).hexdigest()
`;

const TEXT_EXAMPLE = mem107.docs.example
  .replace('"big.bin", "rb"', '"big.txt"')
  .replace('"copy.bin", "wb"', '"copy.txt", "w"');

const TOLERANCE: Tolerance = {
  below: 0,
  above: 0.001,
  slack: 320 * 1024,
  why: 'copyfileobj holds a 64 KiB chunk, the files’ 8 KiB buffers and, for text, the chunk decoded and encoded again (150 to 300 KB); the whole read holds a few bytes of object header more than the file',
};

test('the fix turns the documented example into its replacement, and calls it safe', async () => {
  const [finding, ...others] = await findingsOf(mem107, mem107.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix?.safety, 'safe');
  assert.equal(applyEdits(mem107.docs.example, finding.fix.edits), mem107.docs.useInstead);
  assert.match(finding.message, /^Holds the whole file to copy it: `shutil\.copyfileobj\(src, out\)`/);
});

forEachPython(
  `MEM107: copying a ${FILE_BYTES.toLocaleString('en-US')}-byte file holds it whole`,
  async ({ python }, context) => {
    const runs = measureFix(python, {
      setup: SETUP,
      before: mem107.docs.example,
      after: mem107.docs.useInstead,
      results: ['digest("copy.bin")'],
      figures: { file: 'os.path.getsize("big.bin")', copied: 'os.path.getsize("copy.bin")' },
    });
    const { file, copied } = runs.before.figures as Record<string, number>;
    context.diagnostic(runs.before.interpreter);
    context.diagnostic(describeRuns('binary', runs, file!));
    assert.equal(file, FILE_BYTES);
    assert.equal(copied, FILE_BYTES);
    assertClaim('peak saved by copying a chunk at a time (binary)', runs.peakSaved, file!, TOLERANCE);
    assert.ok(runs.after.peak < 512 * 1024, `copyfileobj holds a chunk, not the file: ${runs.after.peak} B`);
  },
);

forEachPython(
  `MEM107: copying a ${FILE_BYTES.toLocaleString('en-US')}-byte text file holds it twice`,
  async ({ python }, context) => {
    const [finding] = await findingsOf(mem107, TEXT_EXAMPLE);
    assert.equal(finding?.fix?.safety, 'unsafe', 'text files: a decoding error part way would leave part written');
    const runs = measureFix(python, {
      setup: SETUP,
      before: TEXT_EXAMPLE,
      after: applyEdits(TEXT_EXAMPLE, finding.fix.edits),
      results: ['digest("copy.txt")'],
      figures: { file: 'os.path.getsize("big.txt")' },
    });
    const { file } = runs.before.figures as Record<string, number>;
    context.diagnostic(runs.before.interpreter);
    context.diagnostic(describeRuns('text', runs, 2 * file!));
    assertClaim('peak saved by copying a chunk at a time (text: bytes and str)', runs.peakSaved, 2 * file!, TOLERANCE);
  },
);
