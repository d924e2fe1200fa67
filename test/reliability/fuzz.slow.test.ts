// A CI-sized run of the edit fuzzer (test/reliability/fuzz.ts); long runs:
// `npm run fuzz -- --seed N --count M`. The seed is printed, so that a failure
// here can be replayed there with more batches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_RULES } from '../../server/src/rules';
import { rewrite, type Variant } from '../support/fixPositions/variants';
import { corpus, fuzzServer, ruleFixtureCorpus } from './fuzz';

const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_240_601);

test(`random edits keep the server's view equal to the model (seed ${SEED})`, async (t) => {
  const files = corpus(['bisect.py', 'heapq.py', 'textwrap.py']);
  const report = await fuzzServer(t, { seed: SEED, batches: 40, compareEvery: 5, files });
  t.diagnostic(
    `seed ${SEED}: ${report.edits} edits in ${report.batches} batches over ${files.length} files, ${report.comparisons} comparisons (${report.brokenTexts} of a text with a syntax error, ${report.mendedTexts} after mending one with a definition inside a string), ${report.codeActions} code actions, ${report.hovers} hovers, rss ${report.stats?.memory.rss} B`,
  );
  assert.ok(report.comparisons >= files.length, 'the run compared with a fresh open');
  assert.deepEqual(report.failures, []);
});

/** How the fixtures are written: line ends of both other kinds, a byte order mark, tabs, astral characters above the code. */
const WRITTEN_AS: readonly Variant[] = [
  {
    name: 'BOM, CRLF, tabs, astral',
    lineEnd: '\r\n',
    bom: true,
    tabs: true,
    astralComment: true,
    file: true,
    notebook: false,
  },
  { name: 'lone CR, astral', lineEnd: '\r', astralComment: true, file: true, notebook: false },
];

test(`random edits on CRLF, lone CR and astral texts: every code action leaves text python3 parses where it parsed (seed ${SEED})`, async (t) => {
  const fixable = ALL_RULES.filter((rule) => rule.fixAvailability !== 'none').map((rule) => rule.code);
  const files = ruleFixtureCorpus()
    .filter((file) => fixable.some((code) => file.name.startsWith(code)))
    .map((file, index) => {
      const variant = WRITTEN_AS[index % WRITTEN_AS.length]!;
      return { name: `${file.name} (${variant.name})`, text: rewrite(variant, file.text) };
    });
  const report = await fuzzServer(t, { seed: SEED, batches: 20, compareEvery: 4, files, checkFixesParse: true });
  t.diagnostic(
    `seed ${SEED}: ${report.edits} edits over ${files.length} files, ${report.undoneBatches} batches undone for a syntax error, ${report.comparisons} comparisons, ${report.parsedTexts} texts python3 parsed with code actions, ${report.fixesParsed} code actions applied to them and parsed`,
  );
  assert.ok(report.fixesParsed >= 100, `only ${report.fixesParsed} code actions applied to texts that parse`);
  assert.deepEqual(report.failures, []);
});
