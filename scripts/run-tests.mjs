// Runs one tier of the compiled tests (out/test/**) with node's built-in test
// runner:
//   fast  every *.test.js that is not *.slow.test.js: tests that run in this
//         process, with no Python, no CLI or language server subprocess
//         (`npm test`);
//   slow  every *.slow.test.js: the CLI and the language server as
//         subprocesses, measuring under Python, the interpreter oracles and
//         the rules' measured premises (`npm run test:slow`). It first installs
//         the CPython builds the size model is checked against
//         (scripts/pythons/install.sh: quick when they are cached, a note and
//         no failure where it cannot).
// The VS Code suites (test/e2e-*) run through their own scripts. Arguments
// after the tier go to `node --test`.
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const testRoot = join(root, 'out', 'test');

const TIERS = {
  fast: {
    picks: (name) => name.endsWith('.test.js') && !name.endsWith('.slow.test.js'),
    // In-process tests share nothing: one file per core.
    // A test that hangs fails, named, instead of holding the run until CI's own limit.
    runnerOptions: [`--test-concurrency=${availableParallelism()}`, '--test-timeout=300000'],
    installsPythons: false,
  },
  slow: {
    picks: (name) => name.endsWith('.slow.test.js'),
    // The longest (10^6-row CSVs read by three pandas versions) take minutes on a busy machine.
    runnerOptions: ['--test-timeout=1800000'],
    installsPythons: true,
  },
};

const [tierName, ...extra] = process.argv.slice(2);
const tier = TIERS[tierName];
if (!tier) {
  console.error(`usage: node scripts/run-tests.mjs ${Object.keys(TIERS).join('|')} [node --test options]`);
  process.exit(2);
}

/** Whether test/<path>.ts still exists: tsc leaves the output of a renamed or deleted test behind in out/. */
function hasSource(compiled) {
  return existsSync(join(root, 'test', relative(testRoot, compiled)).replace(/\.js$/, '.ts'));
}

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('e2e') ? [] : testFiles(path);
    return tier.picks(entry.name) && hasSource(path) ? [path] : [];
  });
}

if (tier.installsPythons) {
  const pythons = spawnSync('bash', [join(root, 'scripts', 'pythons', 'install.sh')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: root,
  });
  if (pythons.error) console.log(`[pythons] NOTE: could not run scripts/pythons/install.sh (${pythons.error.message})`);
}

const files = testFiles(testRoot).sort();
console.log(`Running the ${tierName} tests, ${files.length} files: ${files.map((f) => relative(root, f)).join(', ')}`);
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', ...tier.runnerOptions, ...extra, ...files],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
