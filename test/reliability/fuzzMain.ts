// `npm run fuzz -- --seed N --count M [--batches B] [--fixes-parse]`: M rounds
// of the edit fuzzer, round i seeded with N + i, each over the examples and a
// few stdlib modules picked by its seed (--fixes-parse: batches that break the
// code are undone, and every code action applied must leave code python3
// parses). Prints the seed of every failure; exit 1 if any.
import { parseArgs } from 'node:util';
import type { TestContext } from 'node:test';
import { corpus, fuzzServer, seededRandom } from './fuzz';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      count: { type: 'string' },
      batches: { type: 'string' },
      'fixes-parse': { type: 'boolean' },
    },
  });
  const seed = Number(values.seed ?? Date.now() % 1_000_000);
  const count = Number(values.count ?? 10);
  const batches = Number(values.batches ?? 60);
  console.log(`memhints fuzz: seed ${seed}, ${count} rounds of ${batches} batches per file`);
  const everything = corpus('all');
  const cleanups: (() => void)[] = [];
  // fuzzServer only uses t.after to kill the server it starts.
  const context = { after: (cleanup: () => void) => cleanups.push(cleanup) } as unknown as TestContext;
  let edits = 0;
  let failures = 0;
  for (let round = 0; round < count; round++) {
    const roundSeed = seed + round;
    const random = seededRandom(roundSeed);
    const files = [
      everything[0]!,
      ...Array.from({ length: 3 }, () => everything[Math.floor(random() * everything.length)]!),
    ];
    const report = await fuzzServer(context, {
      seed: roundSeed,
      batches,
      compareEvery: 4,
      files,
      checkFixesParse: values['fixes-parse'] === true,
    });
    for (const cleanup of cleanups.splice(0)) cleanup();
    edits += report.edits;
    failures += report.failures.length;
    console.log(
      `round ${round + 1}/${count} seed ${roundSeed}: ${files.map((f) => f.name).join(', ')}: ${report.edits} edits, ${report.comparisons} comparisons (${report.brokenTexts} broken texts, ${report.mendedTexts} mended first), ${report.fixesParsed} code actions parsed, rss ${((report.stats?.memory.rss ?? 0) / 2 ** 20).toFixed(0)} MiB, ${report.failures.length} failures`,
    );
    for (const failure of report.failures) console.log(`FAILURE ${failure}`);
  }
  console.log(`${edits} edits fuzzed, ${failures} failures`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
