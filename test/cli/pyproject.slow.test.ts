// `memhints check` with [tool.memhints] in pyproject.toml: select, ignore,
// severity and exclude from the nearest file, the command line on top, and a
// bad file stopping the run with exit code 2 before anything is checked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES } from '../../server/src/cli/checkFiles';
import { hasStackTrace, jsonFindings, memhints, paddedTo, project, type Run } from '../support/cli';

const SOURCE = 'xs = [1, 2]\nprint(sum([x * 2 for x in xs]))\nfor x in list(xs):\n    print(x)\n';

/** "file code" pairs of a JSON run, sorted. */
function found(run: Run): string[] {
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return jsonFindings(run)
    .map((finding) => `${finding.file} ${finding.code}`)
    .sort();
}

test('select and ignore from pyproject.toml apply to the files below it', (t) => {
  const root = project(t, { 'a.py': SOURCE, 'pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n' });
  assert.deepEqual(found(memhints(['check', '--format', 'json'], root)), ['a.py MEM102']);
  const selecting = project(t, { 'a.py': SOURCE, 'pyproject.toml': '[tool.memhints]\nselect = ["MEM101"]\n' });
  assert.deepEqual(found(memhints(['check', '--format', 'json'], selecting)), ['a.py MEM101']);
});

test('the nearest pyproject.toml with [tool.memhints] decides, file by file', (t) => {
  const root = project(t, {
    'pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n',
    'top.py': SOURCE,
    'lib/pyproject.toml': '[tool.memhints]\nignore = ["MEM102"]\n',
    'lib/inner.py': SOURCE,
    'app/pyproject.toml': '[project]\nname = "app"\n',
    'app/main.py': SOURCE,
  });
  assert.deepEqual(found(memhints(['check', '--format', 'json'], root)), [
    `${join('app', 'main.py')} MEM102`,
    `${join('lib', 'inner.py')} MEM101`,
    'top.py MEM102',
  ]);
  // A file named on the command line gets the settings of its own folder too.
  assert.deepEqual(found(memhints(['check', '--format', 'json', 'lib/inner.py'], root)), [
    `${join('lib', 'inner.py')} MEM101`,
  ]);
});

test("--select replaces the file's select; --ignore adds to its ignore", (t) => {
  const root = project(t, { 'a.py': SOURCE, 'pyproject.toml': '[tool.memhints]\nselect = ["MEM102"]\n' });
  assert.deepEqual(found(memhints(['check', '--format', 'json', '--select', 'MEM101'], root)), ['a.py MEM101']);
  const ignoring = project(t, { 'a.py': SOURCE, 'pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n' });
  assert.deepEqual(found(memhints(['check', '--format', 'json', '--ignore', 'MEM102'], ignoring)), []);
});

test('severity from pyproject.toml is what the JSON report says', (t) => {
  const root = project(t, { 'a.py': SOURCE, 'pyproject.toml': '[tool.memhints.severity]\nMEM102 = "error"\n' });
  const findings = jsonFindings(memhints(['check', '--format', 'json'], root));
  // MEM101 over two literals is small, a hint; the configured severity wins whatever the scale.
  assert.deepEqual(findings.map((finding) => `${finding.code} ${finding.severity}`).sort(), [
    'MEM101 hint',
    'MEM102 error',
  ]);
});

test('exclude patterns are relative to the pyproject.toml and add to the default excludes', (t) => {
  const root = project(t, {
    'pyproject.toml': '[tool.memhints]\nexclude = ["generated/", "*_pb2.py"]\n',
    'src/a.py': SOURCE,
    'src/msg_pb2.py': SOURCE,
    'src/generated/b.py': SOURCE,
    'generated/c.py': SOURCE,
    '.venv/lib.py': SOURCE,
  });
  const files = [
    ...new Set(jsonFindings(memhints(['check', '--format', 'json'], root)).map((finding) => finding.file)),
  ];
  assert.deepEqual(files, [join('src', 'a.py')]);
  // Run from a subfolder, the patterns still count from the pyproject.toml's folder.
  const below = [
    ...new Set(jsonFindings(memhints(['check', '--format', 'json'], join(root, 'src'))).map((finding) => finding.file)),
  ];
  assert.deepEqual(below, ['a.py']);
  // A file named on the command line is checked whatever the patterns say.
  assert.equal(memhints(['check', 'src/msg_pb2.py'], root).status, 1);
});

test('an invalid pyproject.toml: exit 2, one "memhints: error: file: key: problem" line per problem, no stack trace, nothing checked', (t) => {
  const root = project(t, {
    'a.py': SOURCE,
    'pyproject.toml': '[tool.memhints]\nselec = ["MEM101"]\nignore = "MEM102"\n',
  });
  const run = memhints(['check', '--fix'], root);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    [
      'memhints: error: pyproject.toml: tool.memhints.selec: unknown key; did you mean `select`?',
      'memhints: error: pyproject.toml: tool.memhints.ignore: must be a list of rule codes or prefixes such as "MEM101" or "MEM1", not "MEM102"',
      '',
    ].join('\n'),
  );
  assert.ok(!hasStackTrace(run.stderr));
  assert.equal(readFileSync(join(root, 'a.py'), 'utf8'), SOURCE, '--fix must not have written anything');
});

test('unparsable TOML and unknown codes are config errors too', (t) => {
  const syntax = project(t, { 'a.py': SOURCE, 'pyproject.toml': '[tool.memhints]\nignore = ["MEM101"\n' });
  const broken = memhints(['check'], syntax);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /^memhints: error: pyproject\.toml: line \d+, column \d+: invalid TOML: .+\n$/);
  assert.ok(!hasStackTrace(broken.stderr));
  const unknown = project(t, { 'a.py': SOURCE, 'pyproject.toml': '[tool.memhints]\nselect = ["MEM999"]\n' });
  const run = memhints(['check'], unknown);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'memhints: error: pyproject.toml: tool.memhints.select: "MEM999" matches no rule\n');
});

test('a broken pyproject.toml above the current folder is reported with its absolute path, as files outside it are', (t) => {
  const root = project(t, { 'pyproject.toml': '[tool.memhints]\npython-version = "2.7"\n', 'pkg/a.py': SOURCE });
  const run = memhints(['check', '.'], join(root, 'pkg'));
  assert.equal(run.status, 2);
  assert.ok(
    run.stderr.startsWith(
      `memhints: error: ${join(root, 'pyproject.toml')}: tool.memhints.python-version: must be one of "3.8", `,
    ),
    run.stderr,
  );
  assert.match(run.stderr, /not "2\.7"\n$/);
});

test("worker threads (--jobs 2) apply each file's own pyproject.toml", (t) => {
  const files: Record<string, string> = {
    'quiet/pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n[tool.memhints.severity]\nMEM102 = "hint"\n',
  };
  const padded = paddedTo(SOURCE, PARALLEL_MIN_BYTES / PARALLEL_MIN_FILES);
  for (let i = 0; i <= PARALLEL_MIN_FILES; i++) files[`${i % 2 === 0 ? 'quiet' : 'loud'}/m${i}.py`] = padded;
  const root = project(t, files);
  const one = memhints(['check', '--format', 'json', '--jobs', '1'], root);
  const two = memhints(['check', '--format', 'json', '--jobs', '2'], root);
  assert.deepEqual(two, one);
  const findings = jsonFindings(two);
  assert.ok(
    findings
      .filter((finding) => finding.file.startsWith('quiet'))
      .every((finding) => finding.code === 'MEM102' && finding.severity === 'hint'),
  );
  assert.ok(findings.some((finding) => finding.file.startsWith('loud') && finding.code === 'MEM101'));
  assert.ok(findings.some((finding) => finding.file.startsWith('quiet')));
});

test('the Python version a pyproject.toml targets reaches the rules: a module-level str grows in place before 3.11', (t) => {
  const grown = 'import sys\ntext = ""\nfor arg in sys.argv:\n    text += arg\n';
  const codes = (files: Record<string, string>) =>
    found(
      memhints(['check', '--format', 'json', '--report-small', '--jobs', '1'], project(t, { 'a.py': grown, ...files })),
    );
  assert.deepEqual(codes({}), ['a.py MEM201']);
  assert.deepEqual(codes({ 'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n' }), []);
  assert.deepEqual(
    codes({ 'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n[tool.memhints]\npython-version = "3.12"\n' }),
    ['a.py MEM201'],
  );
  assert.deepEqual(codes({ 'pyproject.toml': '[tool.memhints]\npython-version = "3.10"\n' }), []);
});
