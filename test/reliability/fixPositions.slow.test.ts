// Every fix lands on the same code however the file is written. For each rule
// that offers a fix (the registry's, checked against the fixtures' snapshots:
// a new rule with a fix is covered by its fixture), its fixture is written
// with CRLF, lone CR line ends, a byte order mark, tabs, a comment line of
// astral characters above the code, and astral characters before the code a
// fix edits on its own line (fixPositions/variants.ts), and cut into notebook
// cells at its top-level statements. Each finding of a variant must lie where
// the plain text's lies once the variant is made of it, and each fix, applied,
// must give the variant of the plain text fixed the same way: through the
// CLI's JSON report (code-point columns) and `--fix --unsafe-fixes` on files
// and notebooks, and through LSP diagnostics and code actions (UTF-16) on
// documents and notebook cells. The expected texts and positions come from the
// plain text's findings and the variant's own function of a text, read with
// test/support/lineStarts.ts, never with the server's position code.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ALL_RULES } from '../../server/src/rules';
import { RULE_FIXTURES, ruleFixtures } from '../rules/ruleFixtures';
import { type JsonFinding, memhints } from '../support/cli';
import { cellTextsOf, notebookOf } from '../support/fixPositions/cells';
import { cellVariants, type FixtureCase, fileVariant, fixtureCase } from '../support/fixPositions/cases';
import { compareFindings, firstDifference, Tally } from '../support/fixPositions/compare';
import { fromCli, fromLsp } from '../support/fixPositions/found';
import { pythonViews } from '../support/fixPositions/pythonPlaces';
import {
  AS_WRITTEN,
  ASTRAL_VALUE,
  rewrite,
  type Variant,
  VARIANTS,
  withoutPrefixes,
} from '../support/fixPositions/variants';
import { LspTestClient } from '../support/lspClient';
import { positionAt } from '../support/textEdits';

const FIXABLE = ALL_RULES.filter((rule) => rule.fixAvailability !== 'none').map((rule) => rule.code);
const fixtures = ruleFixtures();

const root = mkdtempSync(join(tmpdir(), 'memhints-fix-positions-'));
after(() => rmSync(root, { recursive: true, force: true }));
// The fixtures' reads of data/… find the data files beside them, as in their snapshots.
cpSync(join(RULE_FIXTURES, 'data'), join(root, 'data'), { recursive: true });

type CliFinding = JsonFinding & { readonly cell?: number };

const slug = (variant: Variant) => variant.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
const plainFile = (name: string) => `${name}.py`;
const variantFile = (fixture: FixtureCase, variant: Variant) => `${fixture.name}.${slug(variant)}.py`;
const variantNotebook = (fixture: FixtureCase, variant: Variant) => `${fixture.name}.${slug(variant)}.ipynb`;

/** `memhints check --format json` on the files in `folder`, their findings by file name. */
function cliFindings(folder: string, files: readonly string[]): Map<string, CliFinding[]> {
  const run = memhints(['check', '--format', 'json', ...files], folder);
  assert.ok(run.status === 0 || run.status === 1, `memhints check failed (${run.status}):\n${run.stderr}`);
  const byFile = new Map<string, CliFinding[]>(files.map((file) => [file, []]));
  for (const finding of JSON.parse(run.stdout) as CliFinding[]) {
    const list = byFile.get(finding.file);
    assert.ok(list, `a finding in ${finding.file}, not one of the files checked`);
    list.push(finding);
  }
  return byFile;
}

interface Prepared {
  /** Rules whose own fixtures give a fix of theirs. */
  readonly fixedInFixtures: readonly string[];
  readonly cases: readonly FixtureCase[];
  /** Variants a fixture is not checked under, and why (tabs where Python reads the code otherwise). */
  readonly skipped: ReadonlyMap<string, string>;
  /** Variant texts that do not compile or mean other than the plain text. */
  readonly problems: readonly string[];
  /** The CLI's findings in the variant files and notebooks. */
  readonly found: ReadonlyMap<string, CliFinding[]>;
  /** Every file and notebook's text after `memhints check --fix --unsafe-fixes`. */
  readonly fixed: ReadonlyMap<string, string>;
}

const skipKey = (fixture: FixtureCase, variant: Variant, notebook: boolean) =>
  `${fixture.name} ${variant.name}${notebook ? ' notebook' : ''}`;

let prepared: Prepared | Error | undefined;

/** Writes the plain fixtures and every variant, and runs the CLI on them: once, for all the tests. */
function prepare(): Prepared {
  if (prepared === undefined) {
    try {
      prepared = prepareOnce();
    } catch (error) {
      prepared = error instanceof Error ? error : new Error(String(error));
    }
  }
  if (prepared instanceof Error) throw prepared;
  return prepared;
}

function prepareOnce(): Prepared {
  const plainFiles = fixtures.map((fixture) => plainFile(fixture.name));
  for (const fixture of fixtures) writeFileSync(join(root, plainFile(fixture.name)), fixture.source());
  const plainFound = cliFindings(root, plainFiles);
  const references = new Map(
    fixtures.map((fixture) => [fixture.name, fromCli(plainFound.get(plainFile(fixture.name))!, fixture.source())]),
  );
  const fixedInFixtures = fixtures
    .filter((fixture) => references.get(fixture.name)!.some((f) => f.code === fixture.rule?.code && f.fix))
    .map((fixture) => fixture.rule!.code);

  const checked = fixtures.filter((fixture) => fixture.rule && FIXABLE.includes(fixture.rule.code));
  const views = pythonViews(checked.map((fixture) => ({ text: fixture.source() })));
  const cases = checked.map((fixture, index) =>
    fixtureCase(fixture.name, fixture.source(), references.get(fixture.name)!, views[index]!),
  );

  // What Python makes of each variant: it must compile and mean what the plain text means
  // (a notebook's cells are joined as memhints reads them, less the line end the file ends with).
  const texts = cases.flatMap((fixture, index) =>
    VARIANTS.flatMap((variant) => [
      ...(variant.file
        ? [{ key: skipKey(fixture, variant, false), index, variant, text: fileVariant(fixture, variant).text }]
        : []),
      ...(variant.notebook
        ? [
            {
              key: skipKey(fixture, variant, true),
              index,
              variant,
              text: cellVariants(fixture, variant)
                .map((cell) => cell.text)
                .join(variant.lineEnd),
            },
          ]
        : []),
    ]),
  );
  const variantViews = pythonViews(texts.map(({ text }) => ({ text, prefix: ASTRAL_VALUE })));
  const skipped = new Map<string, string>();
  const problems: string[] = [];
  texts.forEach(({ key, index, variant }, at) => {
    const view = variantViews[at]!;
    const why = view.error ?? (view.meaning !== views[index]!.meaning ? 'Python reads it otherwise' : undefined);
    if (why === undefined) return;
    if (variant.tabs) skipped.set(key, why);
    else problems.push(`${key}: ${why}`);
  });

  const files: string[] = [];
  const fixedWhole = [...plainFiles];
  for (const fixture of cases) {
    for (const variant of [AS_WRITTEN, ...VARIANTS]) {
      if (variant.file && !skipped.has(skipKey(fixture, variant, false))) {
        files.push(variantFile(fixture, variant));
        if (variant.fixedWhole) fixedWhole.push(variantFile(fixture, variant));
        writeFileSync(join(root, variantFile(fixture, variant)), fileVariant(fixture, variant).text);
      }
      if (variant.notebook && !fixture.uncut && !skipped.has(skipKey(fixture, variant, true))) {
        files.push(variantNotebook(fixture, variant));
        fixedWhole.push(variantNotebook(fixture, variant));
        const cells = cellVariants(fixture, variant).map((cell) => cell.text);
        writeFileSync(join(root, variantNotebook(fixture, variant)), notebookOf(cells));
      }
    }
  }
  const found = cliFindings(root, files);

  const fixedRoot = mkdtempSync(join(tmpdir(), 'memhints-fix-positions-fixed-'));
  try {
    cpSync(root, fixedRoot, { recursive: true });
    const run = memhints(['check', '--fix', '--unsafe-fixes', '--exit-zero', ...fixedWhole], fixedRoot);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const fixed = new Map(fixedWhole.map((file) => [file, readFileSync(join(fixedRoot, file), 'utf8')]));
    return { fixedInFixtures, cases, skipped, problems, found, fixed };
  } finally {
    rmSync(fixedRoot, { recursive: true, force: true });
  }
}

const cliTallies = new Map<string, Tally>();
const lspTallies = new Map<string, Tally>();
const tallyName = (variant: Variant, notebook: boolean) => `${variant.name}${notebook ? ' notebook' : ''}`;
const tallyOf = (tallies: Map<string, Tally>, name: string) => {
  const tally = tallies.get(name) ?? new Tally();
  tallies.set(name, tally);
  return tally;
};

test('the rules that offer a fix are the rules whose fixtures give one', () => {
  const { fixedInFixtures, cases, problems } = prepare();
  assert.ok(FIXABLE.length > 0, 'no rule offers a fix');
  assert.deepEqual([...new Set(fixedInFixtures)].sort(), [...FIXABLE].sort());
  assert.deepEqual(
    cases.filter((fixture) => fixture.uncut).map((fixture) => `${fixture.name}: ${fixture.uncut}`),
    [],
    'each finding and its fix lie within one top-level statement, so within one cell',
  );
  assert.deepEqual(problems, [], 'every variant compiles and means what the plain text means');
});

/** Where the variant is checked: as a file (the plain file is the reference, not a variant, for the CLI), as notebook cells. */
const kinds = (variant: Variant, channel: 'CLI' | 'LSP') =>
  [
    ...(variant.file || (channel === 'LSP' && variant === AS_WRITTEN) ? ['file' as const] : []),
    ...(variant.notebook ? ['notebook' as const] : []),
  ] as const;

const described = (variant: Variant, channel: 'CLI' | 'LSP') =>
  `${variant === AS_WRITTEN ? 'as written' : `with ${variant.name}`}, in ${kinds(variant, channel)
    .map((kind) => (kind === 'file' ? (channel === 'CLI' ? 'files' : 'documents') : 'notebook cells'))
    .join(' and ')}`;

for (const variant of [AS_WRITTEN, ...VARIANTS]) {
  test(`CLI: findings and fixes land alike ${described(variant, 'CLI')}`, (t) => {
    const { cases, skipped, found } = prepare();
    const failures: string[] = [];
    for (const kind of kinds(variant, 'CLI')) {
      const notebook = kind === 'notebook';
      const tally = tallyOf(cliTallies, tallyName(variant, notebook));
      for (const fixture of cases) {
        if (skipped.has(skipKey(fixture, variant, notebook)) || (notebook && fixture.uncut)) continue;
        if (!notebook) {
          const text = fileVariant(fixture, variant);
          const findings = fromCli(found.get(variantFile(fixture, variant))!, text.text);
          failures.push(
            ...compareFindings(`${fixture.name} (${variant.name})`, fixture.reference, findings, text, tally),
          );
          continue;
        }
        const findings = found.get(variantNotebook(fixture, variant))!;
        for (const [index, cell] of cellVariants(fixture, variant).entries()) {
          const inCell = fromCli(
            findings.filter((finding) => finding.cell === index + 1),
            cell.text,
          );
          const where = `${fixture.name} cell ${index + 1} (${variant.name} notebook)`;
          failures.push(...compareFindings(where, fixture.cellReference[index]!, inCell, cell, tally));
        }
      }
      t.diagnostic(`${kind}s: ${tally.total} fixes checked (${tally.describe()})`);
    }
    assert.deepEqual(failures, []);
  });
}

test('CLI: --fix --unsafe-fixes writes the variant of the plain text fixed, in files and notebooks', () => {
  const { cases, skipped, fixed } = prepare();
  const failures: string[] = [];
  for (const fixture of cases) {
    const plainFixed = fixed.get(plainFile(fixture.name))!;
    assert.notEqual(plainFixed, fixture.plain, `${fixture.name}: --fix changes the plain text`);
    // The cells as written, fixed, are the file fixed (less the line end the cells leave off).
    const asWritten = fixture.uncut ? undefined : cellTextsOf(fixed.get(variantNotebook(fixture, AS_WRITTEN))!);
    if (asWritten && asWritten.join('\n') !== plainFixed.replace(/\n$/, ''))
      failures.push(`${fixture.name} notebook as written: ${firstDifference(plainFixed, asWritten.join('\n'))}`);
    for (const variant of VARIANTS) {
      // The prefixes go where the plain text's fixes do not reach: they are all still there, and nothing else changes.
      const prefixes = variant.astralBeforeFixes ? fixture.prefixAt.length : 0;
      if (variant.file && variant.fixedWhole && !skipped.has(skipKey(fixture, variant, false))) {
        const written = withoutPrefixes(fixed.get(variantFile(fixture, variant))!);
        const expected = rewrite(variant, plainFixed);
        if (written.text !== expected || written.count !== prefixes)
          failures.push(
            `${fixture.name} (${variant.name}): ${written.count} of ${prefixes} astral prefixes; ${firstDifference(expected, written.text)}`,
          );
      }
      if (!variant.notebook || !asWritten || skipped.has(skipKey(fixture, variant, true))) continue;
      const cells = cellTextsOf(fixed.get(variantNotebook(fixture, variant))!).map(withoutPrefixes);
      const count = cells.reduce((sum, cell) => sum + cell.count, 0);
      if (count !== prefixes)
        failures.push(`${fixture.name} (${variant.name} notebook): ${count} of ${prefixes} astral prefixes`);
      cells.forEach((cell, index) => {
        const expected = rewrite(variant, asWritten[index]!);
        if (cell.text !== expected)
          failures.push(
            `${fixture.name} cell ${index + 1} (${variant.name} notebook): ${firstDifference(expected, cell.text)}`,
          );
      });
    }
  }
  assert.deepEqual(failures, []);
});

const wholeRange = (text: string) => ({ start: { line: 0, character: 0 }, end: positionAt(text, text.length) });

/** One server for the variant: every fixture as a document, and as a notebook where the variant has one. */
async function lspFailures(t: TestContext, variant: Variant): Promise<string[]> {
  const { cases, skipped } = prepare();
  const client = LspTestClient.start(t, { workspaceFolders: [pathToFileURL(root).href] });
  await client.initialize();
  const failures: string[] = [];
  for (const kind of kinds(variant, 'LSP')) {
    const notebook = kind === 'notebook';
    const tally = tallyOf(lspTallies, tallyName(variant, notebook));
    for (const fixture of cases) {
      if (skipped.has(skipKey(fixture, variant, notebook)) || (notebook && fixture.uncut)) continue;
      failures.push(
        ...(notebook
          ? await notebookFailures(client, fixture, variant, tally)
          : await documentFailures(client, fixture, variant, tally)),
      );
    }
    t.diagnostic(
      `${kind === 'file' ? 'documents' : 'notebook cells'}: ${tally.total} fixes checked (${tally.describe()})`,
    );
  }
  for (const error of client.loggedErrors) failures.push(`the server logged an error: ${error}`);
  return failures;
}

async function documentFailures(
  client: LspTestClient,
  fixture: FixtureCase,
  variant: Variant,
  tally: Tally,
): Promise<string[]> {
  const text = fileVariant(fixture, variant);
  const uri = pathToFileURL(join(root, variantFile(fixture, variant))).href;
  const { diagnostics } = await client.didOpen(uri, text.text);
  const actions = await client.codeActions(uri, wholeRange(text.text));
  await client.didClose(uri);
  return compareFindings(
    `${fixture.name} (${variant.name})`,
    fixture.reference,
    fromLsp(text.text, uri, diagnostics, actions),
    text,
    tally,
  );
}

/** The notebook opened as VS Code sends one, its cells each a document; each cell's diagnostics and actions compared. */
async function notebookFailures(
  client: LspTestClient,
  fixture: FixtureCase,
  variant: Variant,
  tally: Tally,
): Promise<string[]> {
  const notebookUri = pathToFileURL(join(root, variantNotebook(fixture, variant))).href;
  const cells = cellVariants(fixture, variant);
  const cellUri = (index: number) => `vscode-notebook-cell:${new URL(notebookUri).pathname}#C${index + 1}`;
  const published = await client.didOpenNotebook(
    notebookUri,
    cells.map((cell, index) => ({ uri: cellUri(index), text: cell.text })),
  );
  const diagnostics = new Map(published.map((params) => [params.uri, params.diagnostics]));
  const failures: string[] = [];
  for (const [index, cell] of cells.entries()) {
    const uri = cellUri(index);
    const actions = await client.codeActions(uri, wholeRange(cell.text));
    const findings = fromLsp(cell.text, uri, diagnostics.get(uri) ?? [], actions);
    const where = `${fixture.name} cell ${index + 1} (${variant.name} notebook)`;
    failures.push(...compareFindings(where, fixture.cellReference[index]!, findings, cell, tally));
  }
  await client.didCloseNotebook(
    notebookUri,
    cells.map((_, index) => cellUri(index)),
  );
  return failures;
}

for (const variant of [AS_WRITTEN, ...VARIANTS]) {
  test(`LSP: diagnostics and code actions land alike ${described(variant, 'LSP')}`, async (t) => {
    assert.deepEqual(await lspFailures(t, variant), []);
  });
}

test('every rule that offers a fix had fixes checked under every variant, through both', (t) => {
  const { cases, skipped } = prepare();
  const missing: string[] = [];
  for (const [channel, tallies] of [
    ['CLI', cliTallies],
    ['LSP', lspTallies],
  ] as const) {
    for (const variant of [AS_WRITTEN, ...VARIANTS]) {
      for (const kind of kinds(variant, channel)) {
        const notebook = kind === 'notebook';
        const name = tallyName(variant, notebook);
        const tally = tallies.get(name);
        // A rule whose fixtures are all skipped under the variant (tabs Python reads otherwise) is not checked there.
        const checkable = FIXABLE.filter((code) =>
          cases.some((fixture) => fixture.name.startsWith(code) && !skipped.has(skipKey(fixture, variant, notebook))),
        );
        for (const code of checkable) if (!tally?.fixes.get(code)) missing.push(`${channel} ${name}: no ${code} fix`);
        if (variant.astralBeforeFixes && !(tally && tally.prefixed.size > 0))
          missing.push(`${channel} ${name}: no fix with astral characters before it on its line`);
        t.diagnostic(`${channel} ${name}: ${tally?.describe() ?? 'nothing'}`);
      }
    }
  }
  for (const [key, why] of skipped) t.diagnostic(`not checked: ${key} (${why})`);
  assert.deepEqual(missing, []);
});
