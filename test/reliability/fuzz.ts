// Random edit sequences through the language server, checked against a model
// of the document kept by the test (test/support/textEdits.ts, which shares no
// code with the server's TextDocument). After each batch of changes:
// - every diagnostic range lies inside the model text;
// - every few batches, the diagnostics equal those of a fresh didOpen of the
//   model text (so the server's incremental view is the same text), and every
//   code action edit lies inside the document and applies without overlap;
// - with checkFixesParse, every code action applied leaves a text python3
//   parses wherever the text before it parsed (fixesParse.ts);
// - the server answers (timeouts catch a hang) and stays alive;
// and at the end its open trees and memory are read from memhints/stats.
// A seeded PRNG makes every run reproducible: the seed is in every failure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import type {
  CodeAction,
  Command,
  Diagnostic,
  Position,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { parse, pythonParser } from '../../server/src/document/parser';
import { lineStarts } from '../../server/src/document/positions';
import type { ServerStats } from '../../server/src/features/stats';
import { LspTestClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/paths';
import { pythonStdlib } from '../support/python';
import { applyContentChanges, applyTextEdits, editsFor, positionAt } from '../support/textEdits';
import { FixesParse } from './fixesParse';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

let stdlib: string | undefined;

/** The machine's python3 standard library: part of the corpus, as real code users edit. Looked up on first use, so that importing this module runs no python3. */
export function stdlibFolder(): string {
  stdlib ??= pythonStdlib();
  if (stdlib === undefined) throw new Error('python3 is needed: its standard library is part of the fuzz corpus');
  return stdlib;
}

/** A seeded generator: the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

/** Python files to edit: the examples and stdlib modules up to `maxBytes` (python3 is run only to find the stdlib when some is asked for). */
export function corpus(stdlibNames: readonly string[] | 'all', maxBytes = 60_000): { name: string; text: string }[] {
  const examples = readdirSync(join(REPO_ROOT, 'examples'))
    .filter((name) => name.endsWith('.py'))
    .map((name) => ({ name: `examples/${name}`, path: join(REPO_ROOT, 'examples', name) }));
  const folder = stdlibNames === 'all' || stdlibNames.length > 0 ? stdlibFolder() : '';
  const stdlib = stdlibNames === 'all' ? readdirSync(folder).filter((name) => name.endsWith('.py')) : stdlibNames;
  const files = [...examples, ...stdlib.map((name) => ({ name: `stdlib/${name}`, path: join(folder, name) }))].filter(
    ({ path }) => statSync(path).size <= maxBytes,
  );
  return files.map(({ name, path }) => ({ name, text: readFileSync(path, 'utf8') }));
}

/** The rule fixtures (test/fixtures/rules/*.py), full of the shapes the rules look for: a corpus that needs no python3. */
export function ruleFixtureCorpus(): { name: string; text: string }[] {
  const folder = join(REPO_ROOT, 'test', 'fixtures', 'rules');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));
}

/** The first rule fixtures, in name order, joined into one module of at least `lines` lines (one that is cut into regions). */
export function joinedRuleFixtures(lines: number): { name: string; text: string } {
  const joined: string[] = [];
  for (const file of ruleFixtureCorpus()) {
    if (joined.join('\n').split('\n').length >= lines) break;
    joined.push(file.text);
  }
  return { name: `${joined.length} rule fixtures joined`, text: joined.join('\n') };
}

/** Text the fuzzer inserts: code memhints flags, brackets and quotes left open, line ends of every kind, wide characters. */
const SNIPPETS = [
  'total = sum([x * x for x in xs])\n',
  'for row in list(rows):\n    print(row)\n',
  'n = len([y for y in ys if y])\n',
  'with open(p) as f:\n    for line in f.readlines():\n        pass\n',
  'import numpy as np\nfor i in range(3):\n    a = np.append(a, i)\n',
  's = ""\nfor w in words:\n    s += w\n',
  'xs = list(range(10))\n',
  '[0] * 1000',
  'max([abs(v) for v in vs])',
  '  # noqa: MEM101',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '"',
  "'",
  '"""',
  '\\',
  '#',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '    ',
  ' ',
  'def f(a, b):\n    return a\n',
  'class C:\n    pass\n',
  'class C:\n    def __init__(self):\n        self.text = ""\n\n    def add(self, parts):\n        for part in parts:\n            self.text += part\n',
  'if x:\n',
  'else:\n',
  'lambda: 0',
  'await g()',
  'async ',
  '😀',
  '合計',
  'é',
  'e\u0301',
  '\u200d',
  '🧑\u200d💻',
  '\ufeff',
  '\u0000',
];

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A UTF-16 offset that does not split a surrogate pair (an editor never puts the cursor there). */
function offsetIn(random: Random, text: string, from = 0, to = text.length): number {
  let offset = from + Math.floor(random() * (to - from + 1));
  const code = text.charCodeAt(offset);
  if (offset > 0 && offset < text.length && code >= 0xdc00 && code <= 0xdfff) offset--;
  return offset;
}

/**
 * What the fuzzer puts in a class's body, at a method's indentation: what the
 * rules that read the whole class look at (`__slots__`, methods' decorators,
 * what methods set on `self`, `__eq__` and `__hash__`), for the chunks of the
 * class's other statements to see or miss.
 */
const MEMBER_SNIPPETS = [
  '__slots__ = ("x", "y")\n',
  '__slots__ = ()\n',
  '@functools.cached_property\n',
  '@functools.lru_cache\n',
  '@staticmethod\n',
  '@classmethod\n',
  '@property\n',
  '__hash__ = None\n',
  'def __eq__(self, other):\n{body}return True\n',
  'def __hash__(self):\n{body}return 0\n',
  'def reset(self):\n{body}self.{attribute} = 0\n',
  'def grow(self, parts):\n{body}for part in parts:\n{body}    self.{attribute} += part\n',
  'def __init__(self):\n{body}self.{attribute} = ""\n',
  '{attribute} = ""\n',
  'sum = max\n',
];

/** Lines that start a method (or a nested function): `def` indented. */
const METHOD_LINE = /^([ \t]+)(?:async[ \t]+)?def[ \t]/gm;

/**
 * A member snippet put before a method of the text, at its indentation, or a
 * write to `self` put first in its body; undefined when the text has none.
 */
function memberChange(random: Random, text: string): TextDocumentContentChangeEvent | undefined {
  const methods = [...text.matchAll(METHOD_LINE)];
  if (methods.length === 0) return undefined;
  const method = pick(random, methods);
  const indent = method[1]!;
  const attributes = [...new Set([...text.matchAll(/\bself\.(\w+)/g)].map((match) => match[1]!)), 'body'];
  const attribute = pick(random, attributes);
  const bodyLine = text.indexOf('\n', method.index) + 1;
  if (random() < 0.3 && bodyLine > 0)
    return change(text, bodyLine, bodyLine, `${indent}    self.${attribute} = ${pick(random, ['0', '""'])}\n`);
  const lines = pick(random, MEMBER_SNIPPETS)
    .replaceAll('{body}', '    ')
    .replaceAll('{attribute}', attribute)
    .split('\n');
  const indented = lines.map((line, index) => (index < lines.length - 1 ? `${indent}${line}` : line)).join('\n');
  return change(text, method.index, method.index, indented);
}

/**
 * One change to `text`, as an editor would send it. With `members`, one in ten
 * puts something in a class's body (memberChange); without, the changes of a
 * seed are those sweeps were measured with before there were any.
 */
export function randomChange(random: Random, text: string, members = false): TextDocumentContentChangeEvent {
  const kind = random();
  if (members && kind < 0.1) {
    const member = memberChange(random, text);
    if (member) return member;
  }
  const start = offsetIn(random, text);
  if (kind < 0.45) {
    const inserted = random() < 0.3 ? pick(random, SNIPPETS) + pick(random, SNIPPETS) : pick(random, SNIPPETS);
    return change(text, start, start, inserted);
  }
  if (kind < 0.75) {
    // Delete a few characters or up to a few lines.
    const span = random() < 0.7 ? 1 + Math.floor(random() * 8) : Math.floor(random() * 400);
    return change(text, start, offsetIn(random, text, start, Math.min(text.length, start + span)), '');
  }
  if (kind < 0.9) {
    const span = Math.floor(random() * 40);
    return change(
      text,
      start,
      offsetIn(random, text, start, Math.min(text.length, start + span)),
      pick(random, SNIPPETS),
    );
  }
  // Copy a slice of the document somewhere else, as a paste does.
  const from = offsetIn(random, text);
  const copied = text.slice(from, offsetIn(random, text, from, Math.min(text.length, from + 200)));
  return change(text, start, start, copied);
}

function change(text: string, start: number, end: number, inserted: string): TextDocumentContentChangeEvent {
  return { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: inserted };
}

/** Whether an LSP range lies inside the text: real lines, characters within each line (line end excluded). */
export function rangeInside(text: string, range: Range): boolean {
  const starts = lineStarts(text);
  const inside = (position: Position) => {
    if (position.line < 0 || position.line >= starts.length || position.character < 0) return false;
    const lineStart = starts[position.line]!;
    let lineEnd = position.line + 1 < starts.length ? starts[position.line + 1]! : text.length;
    while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
    return position.character <= lineEnd - lineStart;
  };
  const before =
    range.start.line < range.end.line ||
    (range.start.line === range.end.line && range.start.character <= range.end.character);
  return inside(range.start) && inside(range.end) && before;
}

export interface FuzzOptions {
  readonly seed: number;
  /** Edit batches per file. */
  readonly batches: number;
  /** Compare with a fresh didOpen every this many batches (and after the last). */
  readonly compareEvery: number;
  readonly files: readonly { name: string; text: string }[];
  readonly log?: (line: string) => void;
  /**
   * Also apply every code action at each comparison and have python3 parse the
   * result (slower); a batch that leaves a syntax error is then undone, so that
   * the texts compared are mostly code that parses.
   */
  readonly checkFixesParse?: boolean;
}

export interface FuzzReport {
  edits: number;
  batches: number;
  comparisons: number;
  /** Comparisons of a text with a syntax error. */
  brokenTexts: number;
  /**
   * Texts mended to the file's own before they were compared: a line that starts a
   * definition lay inside a string, where the server's regions may differ from a
   * fresh open's (docs/architecture.md, Syntax errors).
   */
  mendedTexts: number;
  codeActions: number;
  /** With checkFixesParse: batches undone because they left a syntax error. */
  undoneBatches: number;
  /** With checkFixesParse: compared texts python3 parsed, and the code actions applied to them and parsed. */
  parsedTexts: number;
  fixesParsed: number;
  hovers: number;
  readonly failures: string[];
  stats?: ServerStats;
}

/** One change that turns `from` into `to`: the span between their common prefix and suffix. */
export function editBetween(from: string, to: string): TextDocumentContentChangeEvent {
  let prefix = 0;
  while (prefix < from.length && prefix < to.length && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < from.length - prefix &&
    suffix < to.length - prefix &&
    from[from.length - 1 - suffix] === to[to.length - 1 - suffix]
  )
    suffix++;
  return {
    range: { start: positionAt(from, prefix), end: positionAt(from, from.length - suffix) },
    text: to.slice(prefix, to.length - suffix),
  };
}

export function hasSyntaxError(parser: Parser, text: string): boolean {
  const tree = parse(parser, text);
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** Lines at column 0 that start a definition (server/src/document/regionBoundaries.ts). */
const DEFINITION_LINE = /^(?:@[A-Za-z_]|(?:async[ \t]+)?def[ \t]+[A-Za-z_]|class[ \t]+[A-Za-z_])/gm;

/**
 * Whether a broken text has a line at column 0 that starts a definition inside a
 * string, in a whole parse: the one kind of text where the server's view after
 * edits may differ from a fresh open's.
 */
export function definitionInString(parser: Parser, text: string): boolean {
  const tree = parse(parser, text);
  try {
    if (!tree.rootNode.hasError) return false;
    return [...text.matchAll(DEFINITION_LINE)].some((match) => {
      for (let node = tree.rootNode.descendantForIndex(match.index); node; node = node.parent)
        if (node.type === 'string') return true;
      return false;
    });
  } finally {
    tree.delete();
  }
}

/** Runs the edit sequences against one server; failures are collected (with the seed and file), not thrown. */
export async function fuzzServer(t: TestContext, options: FuzzOptions): Promise<FuzzReport> {
  const client = LspTestClient.start(t);
  await client.initialize();
  const report: FuzzReport = {
    edits: 0,
    batches: 0,
    comparisons: 0,
    brokenTexts: 0,
    mendedTexts: 0,
    codeActions: 0,
    undoneBatches: 0,
    parsedTexts: 0,
    fixesParsed: 0,
    hovers: 0,
    failures: [],
  };
  const fixesParse = options.checkFixesParse ? new FixesParse() : undefined;
  const parser = await pythonParser();
  const random = seededRandom(options.seed);
  const fail = (file: string, batch: number, what: string, text: string) => {
    report.failures.push(
      `seed ${options.seed}, ${file}, batch ${batch}: ${what}\nfinal text: ${JSON.stringify(text.length > 4000 ? `${text.slice(0, 4000)}…` : text)}`,
    );
  };
  for (const [index, file] of options.files.entries()) {
    const uri = `file:///fuzz/${index}-${file.name.replace(/[^A-Za-z0-9_.]/g, '_')}`;
    let text = file.text;
    let version = 1;
    await client.didOpen(uri, text, version);
    for (let batch = 1; batch <= options.batches; batch++) {
      const before = text;
      const changes: TextDocumentContentChangeEvent[] = [];
      const count = 1 + Math.floor(random() * 5);
      for (let i = 0; i < count; i++) {
        const event = randomChange(random, text, true);
        changes.push(event);
        text = applyContentChanges(text, [event]);
      }
      report.edits += count;
      report.batches++;
      let published: Diagnostic[];
      try {
        published = (await client.didChange(uri, ++version, changes)).diagnostics;
      } catch (error) {
        fail(file.name, batch, `no diagnostics: ${String(error)}`, text);
        return report;
      }
      const outside = published.filter((diagnostic) => !rangeInside(text, diagnostic.range));
      if (outside.length > 0)
        fail(file.name, batch, `diagnostics outside the document: ${JSON.stringify(outside)}`, text);
      // Fixes are judged on code that parses: a batch that breaks the text is undone, as a user undoes a slip.
      if (options.checkFixesParse && hasSyntaxError(parser, text)) {
        report.undoneBatches++;
        const undo = editBetween(text, before);
        text = before;
        try {
          published = (await client.didChange(uri, ++version, [undo])).diagnostics;
        } catch (error) {
          fail(file.name, batch, `no diagnostics after undoing a batch: ${String(error)}`, text);
          return report;
        }
      }
      if (batch % options.compareEvery !== 0 && batch !== options.batches) continue;

      // A broken text gives a fresh open's view too, but for one kind: that is mended back to
      // the file's own in one edit, and the server's view must then be a fresh open's again.
      if (definitionInString(parser, text)) {
        report.mendedTexts++;
        const mend = editBetween(text, file.text);
        text = file.text;
        try {
          published = (await client.didChange(uri, ++version, [mend])).diagnostics;
        } catch (error) {
          fail(file.name, batch, `no diagnostics after mending: ${String(error)}`, text);
          return report;
        }
      }
      report.comparisons++;
      if (hasSyntaxError(parser, text)) report.brokenTexts++;
      const freshUri = `${uri}.fresh-${batch}`;
      const fresh = await client.didOpen(freshUri, text);
      await client.didClose(freshUri);
      // Related places name their document: the fresh copy's, where it names itself.
      const freshDiagnostics = JSON.stringify(fresh.diagnostics).replaceAll(JSON.stringify(freshUri).slice(1, -1), uri);
      if (JSON.stringify(published) !== freshDiagnostics) {
        fail(
          file.name,
          batch,
          `incremental diagnostics ${JSON.stringify(published)} differ from a fresh open's ${freshDiagnostics}`,
          text,
        );
      }
      const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
      const actions = await client.codeActions(uri, whole);
      report.codeActions += actions.length;
      for (const problem of codeActionProblems(text, uri, actions)) fail(file.name, batch, problem, text);
      fixesParse?.add(`seed ${options.seed}, ${file.name}, batch ${batch}`, text, appliedActions(text, uri, actions));
      const at = positionAt(text, offsetIn(random, text));
      try {
        await client.hover(uri, at);
        report.hovers++;
      } catch (error) {
        fail(file.name, batch, `hover at ${JSON.stringify(at)} failed: ${String(error)}`, text);
      }
    }
    await client.didClose(uri);
    report.failures.push(...(fixesParse?.flush() ?? []));
    options.log?.(`${file.name}: ${options.batches} batches, ${report.failures.length} failures so far`);
  }
  report.parsedTexts = fixesParse?.parsedTexts ?? 0;
  report.fixesParsed = fixesParse?.fixesChecked ?? 0;
  report.stats = await client.request<ServerStats>('memhints/stats');
  if (report.stats.openTrees !== 0)
    report.failures.push(
      `seed ${options.seed}: ${report.stats.openTrees} trees still held after every document was closed`,
    );
  for (const error of client.loggedErrors)
    report.failures.push(`seed ${options.seed}: the server logged an error: ${error}`);
  if (!client.running) report.failures.push(`seed ${options.seed}: the server exited:\n${client.serverLog}`);
  return report;
}

function codeActionProblems(text: string, uri: string, actions: readonly (CodeAction | Command)[]): string[] {
  const problems: string[] = [];
  for (const action of actions) {
    if (!('kind' in action) && !('edit' in action)) continue;
    const edits = editsFor((action as CodeAction).edit, uri);
    const outside = edits.filter((edit) => !rangeInside(text, edit.range));
    if (outside.length > 0)
      problems.push(`code action "${action.title}" edits outside the document: ${JSON.stringify(outside)}`);
    try {
      applyTextEdits(text, edits);
    } catch (error) {
      problems.push(`code action "${action.title}" has edits that cannot be applied: ${String(error)}`);
    }
  }
  return problems;
}

/** The text after each code action that edits it (those whose edits cannot be applied are codeActionProblems'). */
function appliedActions(
  text: string,
  uri: string,
  actions: readonly (CodeAction | Command)[],
): { title: string; text: string }[] {
  return actions.flatMap((action) => {
    const edits = 'edit' in action ? editsFor(action.edit, uri) : [];
    if (edits.length === 0) return [];
    try {
      return [{ title: action.title, text: applyTextEdits(text, edits) }];
    } catch {
      return [];
    }
  });
}

/** A small hash of a file name (FNV-1a), to seed each file's edits apart from the others'. */
export function fileNameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}
