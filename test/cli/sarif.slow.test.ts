// `--format sarif`: a log valid against the SARIF 2.1.0 schema, whose results say
// what `--format json` says, in SARIF's terms.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { ruleDocsUrl } from '../../server/src/docs/ruleUrl';
import { ALL_RULES, ruleByCode } from '../../server/src/rules';
import { jsonFindings, memhints, project } from '../support/cli';
import { REPO_ROOT } from '../support/paths';

// The SARIF TC's 2.1.0 schema (rtm.5, as json.schemastore.org serves sarif-2.1.0.json), draft-04.
const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function sarifValidator() {
  // The schema's pattern for language tags has a stray ']', legal in JavaScript regular expressions only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
}

const validate = sarifValidator();

function assertValid(log: unknown): void {
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}

const SOURCE = [
  'xs = [3, 1, 4]',
  'label = "😀 café"; total = sum([x * x for x in xs])',
  'print(label, total, any([x > 2 for x in xs]))',
  'for i in list(range(10)):',
  '    print(i)',
  'class Point:',
  '    def __init__(self, x):',
  '        self.x = x',
  'points = [Point(x) for x in xs]',
  '',
].join('\n');

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  repository: { url: string };
};

/** With small findings too: SOURCE's data is a handful of literals, and the log's shape is what is tested. */
function sarifLog(args: readonly string[], cwd: string): Sarif.Log {
  const run = memhints(['check', '--format', 'sarif', '--report-small', ...args], cwd);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout) as Sarif.Log;
}

test('the validator rejects what the schema forbids, so passing it means something', () => {
  const minimal = { version: '2.1.0', runs: [{ tool: { driver: { name: 'memhints' } }, results: [] }] };
  assertValid(minimal);
  assert.ok(!validate({ ...minimal, version: '2.0.0' }));
  assert.ok(
    !validate({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'memhints' } }, results: [{ message: { text: 'm' }, level: 'information' }] }],
    }),
  );
  assert.ok(
    !validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'memhints', informationUri: 'not a uri' } } }] }),
  );
  assert.ok(
    !validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'memhints' } }, columnKind: 'codePoints' }] }),
  );
});

test('the log is valid SARIF 2.1.0, with findings, fixes and odd file names, and without findings', (t) => {
  const root = project(t, { 'src/mod.py': SOURCE, 'odd dir/file #1%.py': SOURCE, 'clean.py': 'print(1)\n' });
  const log = sarifLog([], root);
  assertValid(log);
  assert.ok(log.runs[0]!.results!.length >= 8);
  assert.ok(log.runs[0]!.results!.some((result) => result.fixes !== undefined));
  const clean = sarifLog(['clean.py'], root);
  assertValid(clean);
  assert.deepEqual(clean.runs[0]!.results, []);
});

test('tool.driver names memhints, its version and home, and describes the rules that ran', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const { driver } = sarifLog(['--select', 'MEM1'], root).runs[0]!.tool;
  assert.equal(driver.name, 'memhints');
  assert.equal(driver.version, manifest.version);
  assert.equal(driver.informationUri, manifest.repository.url);
  const ran = ALL_RULES.filter((rule) => rule.code.startsWith('MEM1'));
  assert.deepEqual(
    driver.rules,
    ran.map((rule) => ({
      id: rule.code,
      name: rule.name,
      shortDescription: { text: rule.summary },
      fullDescription: { text: rule.docs.whatItDoes },
      help: {
        text: rule.docs.whyBadForMemory,
        markdown: driver.rules!.find((descriptor) => descriptor.id === rule.code)!.help!.markdown,
      },
      helpUri: ruleDocsUrl(rule.code),
      defaultConfiguration: {
        level:
          rule.defaultSeverity === 'information' || rule.defaultSeverity === 'hint' ? 'note' : rule.defaultSeverity,
      },
    })),
  );
  for (const descriptor of driver.rules!)
    assert.ok(descriptor.help!.markdown!.startsWith(`# ${descriptor.name} (${descriptor.id})`));
});

test('each result is a json finding: rule, level, message, a location relative to the current directory in code points', (t) => {
  const root = project(t, { 'src/mod.py': SOURCE, 'odd dir/file #1%.py': SOURCE });
  const findings = jsonFindings(memhints(['check', '--format', 'json', '--report-small'], root));
  const [run] = sarifLog([], root).runs;
  assert.equal(run!.columnKind, 'unicodeCodePoints');
  const base = run!.originalUriBaseIds!['%SRCROOT%']!.uri!;
  assert.equal(fileURLToPath(base), `${root}/`);
  const levels: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
  assert.equal(run!.results!.length, findings.length);
  for (const [index, result] of run!.results!.entries()) {
    const finding = findings[index]!;
    assert.equal(result.ruleId, finding.code);
    assert.equal(run!.tool.driver.rules![result.ruleIndex!]!.id, finding.code);
    assert.equal(result.level, levels[finding.severity]);
    assert.equal(result.message.text, finding.message);
    const [location] = result.locations!;
    const { artifactLocation, region } = location!.physicalLocation!;
    assert.equal(artifactLocation!.uriBaseId, '%SRCROOT%');
    assert.ok(!artifactLocation!.uri!.includes(' ') && !artifactLocation!.uri!.includes('#'), artifactLocation!.uri);
    assert.equal(fileURLToPath(new URL(artifactLocation!.uri!, base)), join(root, finding.file));
    assert.deepEqual(region, {
      startLine: finding.line,
      startColumn: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
    });
  }
  // The emoji line: columns count it once, as the json does.
  const sum = run!.results!.find((result) => result.locations![0]!.physicalLocation!.region!.startLine === 2);
  const line = SOURCE.split('\n')[1]!;
  assert.equal(
    sum!.locations![0]!.physicalLocation!.region!.startColumn,
    Array.from(line.slice(0, line.indexOf('[x'))).length + 1,
  );
});

test('fixes carry the json fix edits as replacements, and say whether they are safe', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const findings = jsonFindings(memhints(['check', '--format', 'json', '--report-small'], root));
  const results = sarifLog([], root).runs[0]!.results!;
  assert.ok(
    findings.some((finding) => finding.fix?.safety === 'safe') &&
      findings.some((finding) => finding.fix?.safety === 'unsafe'),
  );
  for (const [index, finding] of findings.entries()) {
    const result = results[index]!;
    if (finding.fix === null) {
      assert.equal(result.fixes, undefined);
      continue;
    }
    const [fix] = result.fixes!;
    assert.equal(fix!.properties!['safety'], finding.fix.safety);
    assert.match(fix!.description!.text ?? '', finding.fix.safety === 'safe' ? /^Safe/ : /^Unsafe/);
    const [change] = fix!.artifactChanges;
    assert.deepEqual(change!.artifactLocation, results[index]!.locations![0]!.physicalLocation!.artifactLocation);
    assert.deepEqual(
      change!.replacements!.map((replacement) => ({
        ...replacement.deletedRegion,
        text: replacement.insertedContent!.text,
      })),
      finding.fix.edits.map((edit) => ({
        startLine: edit.line,
        startColumn: edit.column,
        endLine: edit.endLine,
        endColumn: edit.endColumn,
        text: edit.text,
      })),
    );
  }
});

test('a file outside the current directory has an absolute file URI', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const elsewhere = project(t, {});
  const log = sarifLog([join(root, 'mod.py')], elsewhere);
  assertValid(log);
  const uris = log.runs[0]!.results!.map((result) => result.locations![0]!.physicalLocation!.artifactLocation!);
  assert.ok(uris.length > 0);
  for (const location of uris) {
    assert.equal(location.uriBaseId, undefined);
    assert.equal(fileURLToPath(location.uri!), join(root, 'mod.py'));
  }
});

test('the summary of --fix goes to stderr, so stdout stays one SARIF log', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const run = memhints(['check', '--format', 'sarif', '--fix'], root);
  assert.match(run.stderr, /^Fixed \d+ findings? in 1 file\.\n$/);
  const log = JSON.parse(run.stdout) as Sarif.Log;
  assertValid(log);
  assert.ok(log.runs[0]!.results!.every((result) => ruleByCode(result.ruleId!) !== undefined));
});
