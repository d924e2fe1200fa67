// [tool.memhints] in pyproject.toml: what is read, what is refused (and where
// in the file), and which file applies to a folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { DEFAULT_SETTINGS, validateSettings } from '../../server/src/config/config';
import { ProjectConfigs, readTextIfExists, withFolderConfig } from '../../server/src/config/projectConfig';
import { describeProblem, readPyproject } from '../../server/src/config/pyproject';
import { lowestAllowedVersion } from '../../server/src/config/pythonVersion';
import { PYTHON_VERSIONS } from '../../server/src/sizes/pythonVersions';
import { ALL_RULES } from '../../server/src/rules';
import { keyLocation } from '../../server/src/config/tomlKeys';

/** The 0-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((candidate) => candidate.includes(needle));
  assert.ok(line >= 0, `${needle} is not in the text`);
  return line;
}

test('a valid [tool.memhints] table is read key by key, codes upper-cased', () => {
  const text = [
    '[project]',
    'name = "demo"',
    'requires-python = ">=3.9"',
    '',
    '[tool.memhints]',
    'select = ["mem1", "MEM201"]',
    'ignore = ["MEM102"]',
    'python-version = "3.12"',
    'exclude = ["generated/", "*_pb2.py"]',
    '',
    '[tool.memhints.severity]',
    'MEM101 = "hint"',
  ].join('\n');
  const read = readPyproject(text);
  assert.deepEqual(read.problems, []);
  assert.equal(read.configuresMemhints, true);
  assert.equal(read.requiresPython, '>=3.9');
  assert.deepEqual(read.config, {
    select: ['MEM1', 'MEM201'],
    ignore: ['MEM102'],
    pythonVersion: '3.12',
    exclude: ['generated/', '*_pb2.py'],
    severity: { MEM101: 'hint' },
  });
});

test('dotted keys at the top level configure memhints as a table does', () => {
  const read = readPyproject('tool.memhints.ignore = ["MEM101"]\n');
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.config, { ignore: ['MEM101'] });
});

test('a pyproject.toml without [tool.memhints] configures nothing, but its requires-python is kept', () => {
  const read = readPyproject('[project]\nrequires-python = ">=3.10"\n[tool.ruff]\nline-length = 100\n');
  assert.equal(read.configuresMemhints, false);
  assert.deepEqual(read.config, {});
  assert.deepEqual(read.problems, []);
  assert.equal(read.requiresPython, '>=3.10');
});

test('bad values cost only their own key, and each problem points at the line of its key', () => {
  const text = [
    '[tool.memhints]',
    'select = ["MEM1"]',
    'ignore = "MEM101"',
    'python-version = 3.10',
    'exclude = [1, 2]',
    'severity = { MEM101 = "loud", MEM102 = "hint" }',
  ].join('\n');
  const read = readPyproject(text);
  assert.deepEqual(read.config, { select: ['MEM1'], severity: { MEM102: 'hint' } });
  const byKey = new Map(read.problems.map((problem) => [problem.key, problem]));
  assert.deepEqual([...byKey.keys()].sort(), [
    'tool.memhints.exclude',
    'tool.memhints.ignore',
    'tool.memhints.python-version',
    'tool.memhints.severity.MEM101',
  ]);
  assert.equal(byKey.get('tool.memhints.ignore')!.line, lineOf(text, 'ignore ='));
  assert.match(byKey.get('tool.memhints.ignore')!.problem, /list of rule codes/);
  assert.equal(byKey.get('tool.memhints.python-version')!.line, lineOf(text, 'python-version'));
  assert.match(byKey.get('tool.memhints.python-version')!.problem, /"3\.11".*not 3\.1\b/);
  assert.equal(byKey.get('tool.memhints.exclude')!.line, lineOf(text, 'exclude'));
  const loud = byKey.get('tool.memhints.severity.MEM101')!;
  assert.equal(loud.line, lineOf(text, 'severity'));
  assert.equal(text.split('\n')[loud.line]!.slice(loud.column, loud.column + loud.length), 'MEM101');
  assert.match(loud.problem, /not "loud"/);
});

test('unknown keys are reported, with the known key they were probably meant to be', () => {
  const text = '[tool.memhints]\nselec = ["MEM101"]\npython_version = "3.11"\ncolour = "blue"\n';
  const read = readPyproject(text);
  assert.deepEqual(read.config, {});
  assert.deepEqual(
    read.problems.map((problem) => [problem.key, problem.line]),
    [
      ['tool.memhints.selec', 1],
      ['tool.memhints.python_version', 2],
      ['tool.memhints.colour', 3],
    ],
  );
  assert.match(read.problems[0]!.problem, /did you mean `select`\?/);
  assert.match(read.problems[1]!.problem, /did you mean `python-version`\?/);
  assert.match(read.problems[2]!.problem, /known keys: select, ignore/);
});

test('codes must name rules: a code or prefix that matches none, or a severity for no rule, is a problem', () => {
  const unused = 'MEM999';
  assert.ok(!ALL_RULES.some((rule) => rule.code === unused));
  const text = `[tool.memhints]\nignore = ["${unused}"]\n[tool.memhints.severity]\n${unused} = "hint"\nMEM1 = "hint"\n`;
  const read = readPyproject(text);
  assert.deepEqual(read.config, { severity: {} });
  assert.deepEqual(
    read.problems.map((problem) => [problem.key, problem.line]),
    [
      ['tool.memhints.ignore', 1],
      [`tool.memhints.severity.${unused}`, 3],
      ['tool.memhints.severity.MEM1', 4],
    ],
  );
  assert.match(read.problems[0]!.problem, /"MEM999" matches no rule/);
});

test('[tool.memhints] that is not a table is a problem at its key', () => {
  const read = readPyproject('[tool]\nmemhints = "all"\n');
  assert.deepEqual(
    read.problems.map((problem) => [problem.key, problem.line, problem.column]),
    [['tool.memhints', 1, 0]],
  );
});

test('unparsable TOML: every key falls back, and the problem says where the syntax breaks', () => {
  const text = '[tool.memhints]\nignore = ["MEM101"\nselect = []\n';
  const read = readPyproject(text);
  assert.equal(read.configuresMemhints, true);
  assert.deepEqual(read.config, {});
  assert.equal(read.problems.length, 1);
  const [problem] = read.problems;
  assert.equal(problem!.key, undefined);
  assert.match(problem!.problem, /^invalid TOML: /);
  assert.equal(problem!.line, 2);
  assert.equal(
    describeProblem('pyproject.toml', problem!),
    `pyproject.toml: line 3, column ${problem!.column + 1}: ${problem!.problem}`,
  );
});

test('keyLocation finds keys under headers, as dotted keys and in one-line inline tables, and falls back to what holds them', () => {
  const text = [
    '[project]',
    'name = "x"',
    '[tool.memhints]',
    'select = []',
    '"ignore" = []',
    '[tool.memhints.severity]',
    'MEM101 = "hint"',
    '[tool.other]',
    'select = []',
  ].join('\n');
  assert.deepEqual(keyLocation(text, ['tool', 'memhints', 'select']), { line: 3, column: 0, length: 6 });
  assert.deepEqual(keyLocation(text, ['tool', 'memhints', 'ignore']), { line: 4, column: 1, length: 6 });
  assert.deepEqual(keyLocation(text, ['tool', 'memhints', 'severity', 'MEM101']), { line: 6, column: 0, length: 6 });
  assert.deepEqual(keyLocation(text, ['tool', 'memhints', 'severity']), { line: 5, column: 15, length: 8 });
  // A key that is not written (it came from elsewhere) points at its table.
  assert.deepEqual(keyLocation(text, ['tool', 'memhints', 'exclude']), { line: 2, column: 6, length: 8 });
  assert.deepEqual(keyLocation('top = 1\ntool.memhints.select = "x"\n', ['tool', 'memhints', 'select']), {
    line: 1,
    column: 14,
    length: 6,
  });
  assert.deepEqual(
    keyLocation('[tool.memhints]\r\nseverity = { MEM102 = "x", MEM101 = "y" }\r\n', [
      'tool',
      'memhints',
      'severity',
      'MEM101',
    ]),
    { line: 1, column: 27, length: 6 },
  );
  assert.deepEqual(keyLocation('', ['tool', 'memhints', 'select']), { line: 0, column: 0, length: 0 });
});

test('requires-python gives the lowest minor version it allows, within the supported range', () => {
  const cases: readonly [string, string | undefined][] = [
    ['>=3.9', '3.9'],
    ['>= 3.10', '3.10'],
    ['>=3.9.2', '3.9'],
    ['>3.8', '3.8'],
    ['~=3.12', '3.12'],
    ['==3.11.*', '3.11'],
    ['==3.13', '3.13'],
    ['>=3.8, <4', '3.8'],
    ['<4,>=3.10,!=3.11.*', '3.10'],
    ['>=3.9,>=3.11', '3.11'],
    ['>=3.12rc1', '3.12'],
    ['>=3.7', '3.8'],
    ['>=2.7', '3.8'],
    ['>=3', '3.8'],
    ['>=3.14', '3.13'],
    ['>=4', '3.13'],
    ['<3.13', undefined],
    ['!=3.9', undefined],
    ['python3', undefined],
    ['', undefined],
  ];
  for (const [spec, expected] of cases) assert.equal(lowestAllowedVersion(spec), expected, spec);
});

test('the pythonVersion setting takes the supported versions and nothing else', () => {
  for (const version of PYTHON_VERSIONS)
    assert.equal(validateSettings({ pythonVersion: version }).value.pythonVersion, version);
  const bad = validateSettings({ pythonVersion: '3.7' });
  assert.equal(bad.value.pythonVersion, DEFAULT_SETTINGS.pythonVersion);
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0]!, /memhints\.pythonVersion/);
  assert.equal(DEFAULT_SETTINGS.pythonVersion, '3.11');
});

/** A temporary folder holding the given files, removed after the test. */
function folder(t: TestContext, files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'memhints-pyproject-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

test('the nearest pyproject.toml with [tool.memhints] applies; one without it is passed over but lends requires-python', (t) => {
  const root = folder(t, {
    'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n[tool.memhints]\nignore = ["MEM101"]\n',
    'pkg/pyproject.toml': '[project]\nrequires-python = ">=3.12"\n',
    'pkg/sub/mod.py': '',
    'other/pyproject.toml': '[tool.memhints]\nselect = ["MEM2"]\n',
  });
  const configs = new ProjectConfigs();
  const top = configs.forFolder(root);
  assert.equal(top.file?.path, join(root, 'pyproject.toml'));
  assert.equal(top.requiresPython, '>=3.9');
  const deep = configs.forFolder(join(root, 'pkg', 'sub'));
  assert.equal(deep.file?.path, join(root, 'pyproject.toml'));
  // The file that configures memhints names its own requires-python; the nearer one's is for when it names none.
  assert.equal(deep.requiresPython, '>=3.9');
  assert.equal(configs.forFolder(join(root, 'other')).file?.path, join(root, 'other', 'pyproject.toml'));
  assert.deepEqual(withFolderConfig(DEFAULT_SETTINGS, deep).ignore, ['MEM101']);
});

test('requires-python of the nearest pyproject.toml sets the version when no file configures memhints', (t) => {
  const root = folder(t, { 'pkg/pyproject.toml': '[project]\nrequires-python = ">=3.10"\n' });
  const found = new ProjectConfigs().forFolder(join(root, 'pkg'), root);
  assert.equal(found.file, undefined);
  assert.equal(withFolderConfig(DEFAULT_SETTINGS, found).pythonVersion, '3.10');
});

test('the search stops at the given top folder', (t) => {
  const root = folder(t, { 'pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n', 'ws/app/mod.py': '' });
  const configs = new ProjectConfigs();
  assert.equal(configs.forFolder(join(root, 'ws', 'app'), join(root, 'ws')).file, undefined);
  assert.equal(configs.forFolder(join(root, 'ws', 'app')).file?.path, join(root, 'pyproject.toml'));
});

test('what was read is kept until clear(), then read again', (t) => {
  const root = folder(t, { 'pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n' });
  const configs = new ProjectConfigs();
  assert.deepEqual(configs.forFolder(root).file?.config.ignore, ['MEM101']);
  writeFileSync(join(root, 'pyproject.toml'), '[tool.memhints]\nignore = ["MEM102"]\n');
  assert.deepEqual(configs.forFolder(root).file?.config.ignore, ['MEM101']);
  assert.deepEqual(
    configs.loaded().map((file) => file.path),
    [join(root, 'pyproject.toml')],
  );
  configs.clear();
  assert.deepEqual(configs.forFolder(root).file?.config.ignore, ['MEM102']);
});

test('a pyproject.toml that cannot be read is a problem, not a silent default', (t) => {
  const root = folder(t, { 'pyproject.toml': '[tool.memhints]\n' });
  // Root reads every file whatever its mode, so the refusal comes from the reader.
  const denied = (path: string): string | undefined => {
    if (path === join(root, 'pyproject.toml'))
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    return readTextIfExists(path);
  };
  const found = new ProjectConfigs(denied).forFolder(root);
  assert.equal(found.file?.problems.length, 1);
  assert.match(found.file!.problems[0]!.problem, /cannot be read: permission denied/);
});

test('pyproject keys win over the settings, severities combine code by code, python-version beats requires-python', () => {
  const editor = {
    ...DEFAULT_SETTINGS,
    select: ['MEM1'],
    ignore: ['MEM102'],
    severity: { MEM101: 'hint', MEM102: 'error' },
    pythonVersion: '3.9',
  } as const;
  const file = {
    path: '/p/pyproject.toml',
    ...readPyproject(
      '[project]\nrequires-python = ">=3.10"\n[tool.memhints]\nignore = ["MEM103"]\nseverity = { MEM101 = "error" }\n',
    ),
  };
  const combined = withFolderConfig(editor, { file, requiresPython: file.requiresPython });
  assert.deepEqual(combined.select, ['MEM1']);
  assert.deepEqual(combined.ignore, ['MEM103']);
  assert.deepEqual(combined.severity, { MEM101: 'error', MEM102: 'error' });
  assert.equal(combined.pythonVersion, '3.10');
  const pinned = {
    path: '/p/pyproject.toml',
    ...readPyproject('[project]\nrequires-python = ">=3.10"\n[tool.memhints]\npython-version = "3.13"\n'),
  };
  assert.equal(withFolderConfig(editor, { file: pinned, requiresPython: pinned.requiresPython }).pythonVersion, '3.13');
  assert.equal(withFolderConfig(editor, {}).pythonVersion, '3.9');
});

test('size-threshold sets the inlay-hint threshold over the setting; a bad value is a problem and keeps the setting', () => {
  const editor = { ...DEFAULT_SETTINGS, sizeThreshold: 1024 };
  const file = { path: '/p/pyproject.toml', ...readPyproject('[tool.memhints]\nsize-threshold = 65536\n') };
  assert.deepEqual(file.problems, []);
  assert.equal(withFolderConfig(editor, { file }).sizeThreshold, 65536);
  assert.equal(withFolderConfig(editor, {}).sizeThreshold, 1024);
  const bad = { path: '/p/pyproject.toml', ...readPyproject('[tool.memhints]\nsize-threshold = "1 MiB"\n') };
  assert.equal(bad.problems.length, 1);
  assert.equal(bad.problems[0]!.key, 'tool.memhints.size-threshold');
  assert.match(bad.problems[0]!.problem, /whole number of bytes/);
  assert.equal(withFolderConfig(editor, { file: bad }).sizeThreshold, 1024);
});

test('report-small and small-threshold win over the settings; bad values are problems that keep the settings', () => {
  const file = {
    path: '/p/pyproject.toml',
    ...readPyproject('[tool.memhints]\nreport-small = true\nsmall-threshold = 4096\n'),
  };
  assert.deepEqual(file.problems, []);
  const settings = withFolderConfig(DEFAULT_SETTINGS, { file });
  assert.equal(settings.reportSmall, true);
  assert.equal(settings.smallThreshold, 4096);
  const bad = {
    path: '/p/pyproject.toml',
    ...readPyproject('[tool.memhints]\nreport-small = 1\nsmall-threshold = 1.5\n'),
  };
  assert.deepEqual(
    bad.problems.map((problem) => problem.key),
    ['tool.memhints.report-small', 'tool.memhints.small-threshold'],
  );
  assert.equal(withFolderConfig(DEFAULT_SETTINGS, { file: bad }).reportSmall, false);
});

test('past 100 problems in one file, one more says how many were left out; the first ones are located', () => {
  const keys = Array.from({ length: 5_000 }, (_, index) => `unknown-${index} = 1`);
  const { problems } = readPyproject(`[tool.memhints]\n${keys.join('\n')}\n`);
  assert.equal(problems.length, 101);
  assert.deepEqual(
    problems.slice(0, 2).map(({ key, line, column }) => ({ key, line, column })),
    [
      { key: 'tool.memhints.unknown-0', line: 1, column: 0 },
      { key: 'tool.memhints.unknown-1', line: 2, column: 0 },
    ],
  );
  assert.deepEqual(problems[100], {
    key: 'tool.memhints',
    problem: '4900 more problems not listed (fix these first)',
    line: 0,
    column: 6,
    length: 8,
  });
});
