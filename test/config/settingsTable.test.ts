// One table describes every setting (config/settingsTable.ts): package.json
// declares what it says, and the editor's settings, pyproject.toml and the
// command line each take its values and refuse others in the same words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCommandLine } from '../../server/src/cli/args';
import { CHECK_HELP } from '../../server/src/cli/help';
import { type DEFAULT_SETTINGS, validateSettings } from '../../server/src/config/config';
import { readPyproject } from '../../server/src/config/pyproject';
import { SETTINGS, type SettingSpec } from '../../server/src/config/settingsTable';
import { REPO_ROOT } from '../support/paths';

const SPECS = Object.entries(SETTINGS) as [string, SettingSpec<unknown>][];

interface Declared {
  readonly default: unknown;
  readonly description: string;
  readonly scope?: string;
  readonly [schema: string]: unknown;
}

interface Manifest {
  readonly contributes: { configuration: { properties: Record<string, Declared> } };
  readonly capabilities: { untrustedWorkspaces: { restrictedConfigurations: readonly string[] } };
}

function manifest(): Manifest {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
}

function declaredSettings(): Record<string, Declared> {
  return manifest().contributes.configuration.properties;
}

test('the settings an untrusted workspace cannot set are those the table restricts', () => {
  assert.deepEqual(
    [...manifest().capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
    SPECS.filter(([, spec]) => spec.restricted)
      .map(([, spec]) => `memhints.${spec.editor}`)
      .sort(),
  );
});

test('the interpreter can be set in User settings of a remote window, yet not by an untrusted workspace', () => {
  const declared = declaredSettings()['memhints.pythonPath']!;
  // In a remote window (SSH, WSL, Codespaces, code-server) VS Code reads machine and
  // machine-overridable settings only from the remote machine's settings, never the user's,
  // and application settings only from the local user's.
  assert.ok(!['machine', 'machine-overridable', 'application'].includes(declared.scope ?? 'window'), declared.scope);
  assert.ok(manifest().capabilities.untrustedWorkspaces.restrictedConfigurations.includes('memhints.pythonPath'));
});

test('package.json declares exactly the editor settings of the table: type, allowed values, default, description, scope', () => {
  const declared = declaredSettings();
  const editorSpecs = SPECS.filter(([, spec]) => spec.editor !== undefined);
  assert.deepEqual(
    Object.keys(declared),
    editorSpecs.map(([, spec]) => `memhints.${spec.editor}`),
  );
  for (const [name, spec] of editorSpecs) {
    const { default: declaredDefault, description, scope, ...schema } = declared[`memhints.${spec.editor}`]!;
    assert.deepEqual(schema, spec.kind.schema, name);
    assert.deepEqual(declaredDefault, spec.default, name);
    assert.equal(description, spec.description, name);
    assert.equal(scope, spec.scope, name);
  }
});

test("each reader takes the table's defaults as valid values", () => {
  for (const [name, spec] of SPECS) {
    if (spec.editor && !spec.extensionOnly) {
      const path = spec.editor.split('.');
      const raw = path.reduceRight<unknown>((value, key) => ({ [key]: value }), spec.default);
      assert.deepEqual(validateSettings(raw).problems, [], name);
      assert.deepEqual(validateSettings(raw).value[name as keyof typeof DEFAULT_SETTINGS], spec.default, name);
    }
    if (spec.pyproject) {
      const read = readPyproject(`[tool.memhints]\n${spec.pyproject} = ${JSON.stringify(spec.default)}\n`);
      assert.deepEqual(read.problems, [], name);
      assert.deepEqual(Object.values(read.config), [spec.default], name);
    }
  }
});

test('every option the table names is one `memhints check` takes and its help describes', () => {
  for (const [name, spec] of SPECS) {
    if (!spec.flag) continue;
    assert.match(CHECK_HELP, new RegExp(`--${spec.flag}\\b`), name);
    const value = spec.kind.schema['type'] === 'boolean' ? [] : [String(spec.default) || 'MEM1'];
    assert.equal(parseCommandLine(['check', `--${spec.flag}`, ...value, 'x.py']).kind, 'check', name);
  }
});

test('a bad value is refused in the same words wherever it is given', () => {
  const editor = validateSettings({ sizeThreshold: 1.5, maxFileSize: 0, pythonVersion: '2.7' }).problems;
  const pyproject = readPyproject('[tool.memhints]\nsize-threshold = 1.5\npython-version = "2.7"\n').problems.map(
    (problem) => problem.problem,
  );
  assert.deepEqual(editor, [
    'memhints.sizeThreshold must be a whole number of bytes, 0 or more, not 1.5',
    'memhints.pythonVersion must be one of "3.8", "3.9", "3.10", "3.11", "3.12", "3.13" (a string), not "2.7"',
    'memhints.maxFileSize must be a whole number of bytes, at least 1, not 0',
  ]);
  assert.deepEqual(
    pyproject,
    editor
      .filter((problem) => !problem.includes('maxFileSize'))
      .map((problem) => problem.replace(/^memhints\.\w+ /, '')),
  );
  assert.throws(() => parseCommandLine(['check', '--max-file-size', '0']), {
    message: '--max-file-size must be a whole number of bytes, at least 1, not "0"',
  });
});

test('codes that name no rule are refused by the editor and pyproject.toml alike', () => {
  assert.deepEqual(validateSettings({ select: ['MEM999'], severity: { MEM999: 'hint', MEM101: 'hint' } }).problems, [
    'memhints.select "MEM999" matches no rule',
    'memhints.severity.MEM999 is not a rule code',
  ]);
  assert.deepEqual(validateSettings({ severity: { MEM999: 'hint', MEM101: 'hint' } }).value.severity, {
    MEM101: 'hint',
  });
});

test('sizes are taken as bytes or as strings with a unit, and refused out of range in the same words everywhere', () => {
  assert.equal(validateSettings({ memoryBudget: '16 GiB' }).value.memoryBudget, 16 * 2 ** 30);
  assert.equal(validateSettings({ memoryBudget: 8_000_000_000 }).value.memoryBudget, 8e9);
  assert.equal(readPyproject('[tool.memhints]\nmemory-budget = "512MB"\n').config.memoryBudget, 512e6);
  assert.equal(readPyproject('[tool.memhints]\ndata-sample-size = "4 MiB"\n').config.dataSampleSize, 4 * 2 ** 20);
  const check = parseCommandLine(['check', '--memory-budget', '1MiB', '--data-sample-size', '65536', 'x.py']);
  assert.ok(check.kind === 'check');
  assert.equal(check.options.memoryBudget, 2 ** 20);
  assert.equal(check.options.dataSampleSize, 65536);

  const budget =
    'must be 0 (this machine\'s memory), or a size from 1 MiB to 1024 TiB: a number of bytes, or a string such as "16 GiB"';
  const sample = 'must be a size from 1 KiB to 64 MiB: a number of bytes, or a string such as "4 MiB"';
  assert.deepEqual(validateSettings({ memoryBudget: '16 G', dataSampleSize: 100 }).problems, [
    `memhints.memoryBudget ${budget}, not "16 G"`,
    `memhints.dataSampleSize ${sample}, not 100`,
  ]);
  assert.deepEqual(validateSettings({ memoryBudget: '16 G' }).value.memoryBudget, 0, 'the default is kept');
  // 16 bytes of memory is a unit left out, not a budget.
  assert.deepEqual(
    readPyproject('[tool.memhints]\nmemory-budget = 16\ndata-sample-size = "1 GiB"\n').problems.map((p) => p.problem),
    [`${budget}, not 16`, `${sample}, not "1 GiB"`],
  );
  assert.throws(() => parseCommandLine(['check', '--memory-budget', 'lots']), {
    message: `--memory-budget ${budget}, not "lots"`,
  });
});
