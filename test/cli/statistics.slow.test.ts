// `--statistics`: one line per rule with its count, most frequent first, and
// whether --fix would fix some of them; the same as json. Every run reports
// small findings too: the sources hold a few literals, and the shape of the
// statistics is what is tested.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleByCode } from '../../server/src/rules';
import { jsonFindings, memhints, project, type JsonFinding } from '../support/cli';

// Three MEM101 (two safe fixes, one unsafe), one MEM103, two MEM201 (no fix).
const SOURCE = [
  'xs = [3, 1, 4]',
  'print(sum([x for x in xs]), min([x for x in xs]), any([x > 1 for x in xs]))',
  'for i in list(range(10)):',
  '    print(i)',
  's = ""',
  'for x in xs:',
  '    s += str(x)',
  'b = b""',
  'for x in xs:',
  '    b += bytes(x)',
  'print(s, b)',
  '',
].join('\n');

interface Expected {
  readonly code: string;
  readonly count: number;
  readonly fixable: boolean;
}

function expectedStatistics(findings: readonly JsonFinding[], unsafeFixes: boolean): Expected[] {
  const codes = [...new Set(findings.map((finding) => finding.code))];
  return codes
    .map((code) => {
      const mine = findings.filter((finding) => finding.code === code);
      const fixable = mine.some((finding) => finding.fix !== null && (unsafeFixes || finding.fix.safety === 'safe'));
      return { code, count: mine.length, fixable };
    })
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
}

for (const unsafeFixes of [false, true]) {
  const flags = unsafeFixes ? ['--unsafe-fixes'] : [];
  test(`text statistics${unsafeFixes ? ' with --unsafe-fixes' : ''}: count, code, [*] or [ ], summary`, (t) => {
    const root = project(t, { 'mod.py': SOURCE, 'other.py': 'print(sum([y for y in range(3)]))\n' });
    const findings = jsonFindings(memhints(['check', '--report-small', '--format', 'json'], root));
    const expected = expectedStatistics(findings, unsafeFixes);
    assert.ok(
      expected.length >= 3 && expected.some((entry) => entry.fixable) && expected.some((entry) => !entry.fixable),
    );
    const run = memhints(['check', '--report-small', '--statistics', ...flags], root);
    assert.equal(run.status, 1, run.stderr);
    const width = Math.max(...expected.map((entry) => String(entry.count).length));
    assert.equal(
      run.stdout,
      expected
        .map(
          (entry) =>
            `${String(entry.count).padStart(width)}\t${entry.code}\t${entry.fixable ? '[*]' : '[ ]'} ${ruleByCode(entry.code)!.summary}\n`,
        )
        .join(''),
    );
  });

  test(`json statistics${unsafeFixes ? ' with --unsafe-fixes' : ''} say the same`, (t) => {
    const root = project(t, { 'mod.py': SOURCE });
    const findings = jsonFindings(memhints(['check', '--report-small', '--format', 'json'], root));
    const run = memhints(['check', '--report-small', '--statistics', '--format', 'json', ...flags], root);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      JSON.parse(run.stdout),
      expectedStatistics(findings, unsafeFixes).map(({ code, count, fixable }) => ({
        code,
        name: ruleByCode(code)!.name,
        summary: ruleByCode(code)!.summary,
        count,
        fixable,
      })),
    );
  });
}

test('no fixable column when nothing is fixable; nothing at all and exit 0 when nothing is found', (t) => {
  const root = project(t, {
    'mod.py': 's = ""\nfor x in range(100):\n    s += str(x)\nprint(s)\n',
    'clean.py': 'print(1)\n',
  });
  const run = memhints(['check', '--report-small', '--statistics', 'mod.py'], root);
  assert.equal(run.stdout, `1\tMEM201\t${ruleByCode('MEM201')!.summary}\n`);
  const clean = memhints(['check', '--report-small', '--statistics', 'clean.py'], root);
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, '');
});

test('--statistics with sarif, github or --diff is a usage error', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  for (const args of [['--format', 'sarif'], ['--format', 'github'], ['--diff']]) {
    const run = memhints(['check', '--report-small', '--statistics', ...args], root);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, /^memhints: error: .*--statistics/);
  }
});
