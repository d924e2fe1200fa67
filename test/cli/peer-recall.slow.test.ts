// scripts/peer-recall.mjs on miniature copies of the three peers' fixture layouts: the
// lines each peer flags (Ruff's WASM build, refurb's expected output, Perflint's test
// assertions) and whether memhints reports a finding on them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../support/paths';

const root = mkdtempSync(join(tmpdir(), 'peer-recall-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The table's cells for one peer rule, by column name. */
function row(table: string, code: string): Record<string, string> {
  const lines = table.split('\n').filter((line) => line.startsWith('|'));
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
  const header = cells(lines[0]!);
  const found = lines.map(cells).find((cellsOfLine) => cellsOfLine[1] === code);
  assert.ok(found, `no row for ${code} in\n${table}`);
  return Object.fromEntries(header.map((name, i) => [name, found[i]!]));
}

function run(...args: string[]): string {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'peer-recall.mjs'), ...args], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test('a Ruff rule: Ruff flags two lines, memhints one of them and one Ruff leaves', () => {
  const ruff = join(root, 'ruff');
  write(
    join(ruff, 'flake8_comprehensions', 'C419.py'),
    [
      'any([x.ok for x in rows])', // both
      'all((  # why', // Ruff only: parentheses that hold a comment, which memhints' fix would drop
      '    [x.ok for x in rows]))',
      'sum([x.n for x in rows])', // memhints only: C419 leaves sum outside preview
      'any(x.ok for x in rows)', // neither
      '',
    ].join('\n'),
  );
  const table = run('--ruff', ruff);
  const c419 = row(table, 'C419');
  assert.equal(c419['peer findings'], '2');
  assert.equal(c419['memhints, any rule'], '1');
  assert.equal(c419['memhints, that rule'], '1');
  assert.equal(c419['recall, any rule'], '50%');
  assert.equal(c419['recall, that rule'], '50%');
  assert.equal(c419['memhints on other lines'], '1 (MEM101 1)');
  // A rule whose fixtures are missing has no lines rather than failing the run.
  assert.equal(row(table, 'C403')['peer lines'], '0');
});

test("refurb's expected output and Perflint's test assertions give the flagged lines", () => {
  const refurb = join(root, 'refurb');
  write(
    join(refurb, 'err_179.py'),
    'def f(rows):\n    return sum(rows, [])\n\ndef g(rows):\n    return chain(*rows)\n',
  );
  write(
    join(refurb, 'err_179.txt'),
    [
      'test/data/err_179.py:2:12 [FURB179]: Replace `sum(rows, [])` with `chain.from_iterable(rows)`',
      'test/data/err_179.py:5:12 [FURB179]: Replace `chain(*rows)` with `chain.from_iterable(rows)`',
      '',
    ].join('\n'),
  );
  const perflint = join(root, 'perflint');
  write(
    join(perflint, 'test_list_checker.py'),
    [
      'class TestListMutationChecker(BaseCheckerTestCase):',
      '    def test_const_list_should_be_tuple(self):',
      '        test_func = astroid.extract_node("""',
      '        def test(): #@',
      '            items = [1,2,3,4]',
      '        """)',
      '',
      '        with self.assertAddedMessage("use-tuple-over-list"):',
      '            self.walk(test_func)',
      '',
      '    def test_mutated_list_by_method(self):',
      '        test_func = astroid.extract_node("""',
      '        def test(): #@',
      '            items = [1,2,3,4]',
      '            for item in list(items):',
      '                print(item)',
      '        """)',
      '',
      '        with self.assertNoMessages():',
      '            self.walk(test_func)',
      '',
    ].join('\n'),
  );
  const table = run('--refurb', refurb, '--perflint', perflint, '--details');
  const furb179 = row(table, 'FURB179');
  assert.equal(furb179['peer lines'], '2');
  assert.equal(furb179['memhints, that rule'], '1');
  const w8301 = row(table, 'W8301');
  assert.equal(w8301.files, '2');
  assert.equal(w8301['peer lines'], '1');
  assert.equal(w8301['memhints, any rule'], '0');
  assert.equal(w8301['memhints on other lines'], '1 (MEM102 1)');
  assert.match(table, /missed err_179\.py:5 {2}return chain\(\*rows\)/);
});
