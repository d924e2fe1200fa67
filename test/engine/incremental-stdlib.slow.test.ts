// The long sweeps of incremental.test.ts: seeded random edits over the rule
// fixtures, the examples and stdlib modules (found through python3); after
// each, incremental findings equal a whole analysis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpus, ruleFixtureCorpus } from '../reliability/fuzz';
import { checkEditsUndone, checkRandomEdits, checkRandomEditsOverRegions } from './incrementalSweeps';

const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_241_125);

test(`after random edits, incremental findings equal a whole analysis (seed ${SEED})`, async (t) => {
  await checkRandomEdits(t, [...ruleFixtureCorpus(), ...corpus(['bisect.py', 'heapq.py'])], SEED, 25);
});

test(`over a document parsed in regions, incremental findings equal a whole analysis of the same regions (seed ${SEED})`, async () => {
  await checkRandomEditsOverRegions(
    corpus(['argparse.py'], 100_000).filter((file) => file.name.startsWith('stdlib/')),
    SEED + 1,
    40,
  );
});

test(`after random edits each undone at once, incremental findings equal a whole analysis (seed ${SEED})`, async (t) => {
  // The count of statements analysed again is kept over the examples and library modules, whose text does not change as rule fixtures grow.
  const measured = corpus(['bisect.py', 'heapq.py']);
  const { onEdits, onUndos } = await checkEditsUndone([...ruleFixtureCorpus(), ...measured], measured, SEED + 2, 10);
  t.diagnostic(`${onEdits} statements analysed again after the edits, ${onUndos} after undoing them`);
  assert.ok(
    onUndos < onEdits / 2,
    `an undo should find most statements it brings back: ${onUndos} analysed after undos, ${onEdits} after edits`,
  );
});
