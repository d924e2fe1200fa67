// Seeded edits that break code and mend it again (a closing bracket or a colon
// deleted, a quote left open, `x = (` or a half-typed `def` typed key by key),
// replayed on a document open in the editor; after every edit its findings and
// its top-level trees are compared with those of a fresh open of the same text
// (test/engine/syntaxErrors*.test.ts).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { OpenDocuments, type OpenDocument } from '../../server/src/document/documents';
import type { ModuleParts } from '../../server/src/document/moduleParts';
import { pythonParser, type Node } from '../../server/src/document/parser';
import { IncrementalAnalysis } from '../../server/src/engine/incremental';
import type { Finding } from '../../server/src/rules/types';
import {
  definitionInString,
  editBetween,
  fileNameHash,
  hasSyntaxError,
  randomChange,
  seededRandom,
} from '../reliability/fuzz';
import { applyContentChanges, positionAt } from '../support/textEdits';
import { OPTIONS as SWEEP_OPTIONS } from './incrementalSweeps';

/** Findings of every scale, the small ones too: more to compare. */
const OPTIONS = { ...SWEEP_OPTIONS, reportSmall: true };

type Random = () => number;
type SourceFile = { readonly name: string; readonly text: string };

/** How the document open all along differed from a fresh open, over the texts compared. */
export interface SweepCounts {
  /** Texts compared: one after every edit (every keystroke of a typed one). */
  compared: number;
  /** Of them, texts a whole parse finds a syntax error in. */
  broken: number;
  /** Texts where findings or trees differ from a fresh open's in any way. */
  differ: number;
  /** Texts where the open document lacks findings a fresh open reports, and how many in all. */
  lacking: number;
  lackingFindings: number;
  /** Texts where it reports findings a fresh open does not, and how many in all. */
  extra: number;
  extraFindings: number;
  /** Texts whose top-level trees (each node's place and structure) differ from a fresh open's. */
  treesDiffer: number;
  /**
   * Of the texts that differ in any of these ways, those where a line at column 0
   * that starts a definition (`def`, `class`, `@`) lies inside a string: in broken
   * text a region is cut at such a line (statementCuts), so where the string came
   * from decides whether it is cut.
   */
  definitionInString: number;
  /** Where the first few differences came, to reproduce them. */
  readonly examples: string[];
}

export function sweepSummary(counts: SweepCounts): string {
  return (
    `${counts.compared} texts compared after each edit, ${counts.broken} with a syntax error; ` +
    `${counts.differ} differ from a fresh open's: findings lacking in ${counts.lacking} (${counts.lackingFindings} findings), extra in ${counts.extra} ` +
    `(${counts.extraFindings}); trees differ in ${counts.treesDiffer}; of the texts that differ, ` +
    `${counts.definitionInString} have a line starting a definition inside a string` +
    (counts.examples.length > 0 ? `\n${counts.examples.join('\n')}` : '')
  );
}

/** An edit as offsets: `deleted` characters at `offset` replaced by `inserted`. */
interface Splice {
  readonly offset: number;
  readonly deleted: number;
  readonly inserted: string;
}

function changeOf(text: string, { offset, deleted, inserted }: Splice): TextDocumentContentChangeEvent {
  return { range: { start: positionAt(text, offset), end: positionAt(text, offset + deleted) }, text: inserted };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** The offsets of each match of `pattern` in `text`. */
function matchOffsets(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((match) => match.index);
}

/** Statements typed half-way, on a line of their own. */
const HALF_TYPED = ['x = (', 'def ', 'def f(', 'def f(a, b', 'def f():', 'class C(', 'for x in ', 'if x', 'y = [1, '];
const QUOTES = ['"', "'", '"""', "f'{", "b'"];

/** An edit that breaks code: a closing bracket or a line's last colon deleted, a quote opened, a statement half typed. */
function breakingEdit(random: Random, text: string): Splice {
  const kind = random();
  if (kind < 0.25) {
    const closers = matchOffsets(text, /[)\]}]/g);
    if (closers.length > 0) return { offset: pick(random, closers), deleted: 1, inserted: '' };
  }
  if (kind < 0.4) {
    const colons = matchOffsets(text, /:(?=[ \t]*\r?\n)/g);
    if (colons.length > 0) return { offset: pick(random, colons), deleted: 1, inserted: '' };
  }
  if (kind < 0.65) {
    const lineEnds = matchOffsets(text, /(?<=\S)[ \t]*\r?\n/g);
    const offset = random() < 0.5 && lineEnds.length > 0 ? pick(random, lineEnds) : Math.floor(random() * text.length);
    return { offset, deleted: 0, inserted: pick(random, QUOTES) };
  }
  // At a line's start, indented as that line or at column 0.
  const lineStart = pick(random, [0, ...matchOffsets(text, /(?<=\n)(?=[\s\S])/g)]);
  const indent = random() < 0.5 ? /^[ \t]*/.exec(text.slice(lineStart))![0] : '';
  return { offset: lineStart, deleted: 0, inserted: `${indent}${pick(random, HALF_TYPED)}\n` };
}

/** The edit as keystrokes: what it deletes, then one character typed at a time (a line end counts as one). */
function keystrokes(edit: Splice): Splice[] {
  const strokes: Splice[] = edit.deleted > 0 ? [{ offset: edit.offset, deleted: edit.deleted, inserted: '' }] : [];
  let at = edit.offset;
  for (const character of edit.inserted.match(/\r\n|[\s\S]/gu) ?? []) {
    strokes.push({ offset: at, deleted: 0, inserted: character });
    at += character.length;
  }
  return strokes;
}

/** The findings as strings, each with how many times it is reported. */
function counted(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const key = JSON.stringify(finding);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** How many of `a`'s findings `b` lacks. */
function lacking(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let count = 0;
  for (const [key, times] of a) count += Math.max(0, times - (b.get(key) ?? 0));
  return count;
}

/** Each part's top-level nodes, with where they lie and their whole structure: the same for any cut into regions. */
function describeParts(module: ModuleParts): string[] {
  return module.parts.flatMap((part) =>
    part.root.namedChildren
      .filter((node): node is Node => node !== null)
      .map((node) => `${node.startIndex}-${node.endIndex} ${node.toString()}`),
  );
}

/** Compares what the open document holds for `text` with a fresh open's, and counts the differences. */
function compare(
  parser: Parser,
  counts: SweepCounts,
  document: OpenDocument,
  findings: readonly Finding[],
  where: string,
): void {
  const text = document.text.getText();
  const documents = new OpenDocuments(parser);
  const uri = 'file:///fresh.py';
  try {
    const fresh = documents.opened(uri, 'python', 1, text);
    const freshFindings = new IncrementalAnalysis(OPTIONS).analyze(fresh.module, text);
    counts.compared++;
    if (hasSyntaxError(parser, text)) counts.broken++;
    const mine = counted(findings);
    const theirs = counted(freshFindings);
    const lackingHere = lacking(theirs, mine);
    const extraHere = lacking(mine, theirs);
    const treesDiffer = JSON.stringify(describeParts(document.module)) !== JSON.stringify(describeParts(fresh.module));
    if (lackingHere > 0) counts.lacking++;
    if (extraHere > 0) counts.extra++;
    counts.lackingFindings += lackingHere;
    counts.extraFindings += extraHere;
    if (treesDiffer) counts.treesDiffer++;
    if (lackingHere === 0 && extraHere === 0 && !treesDiffer) return;
    counts.differ++;
    const inString = definitionInString(parser, text);
    if (inString) counts.definitionInString++;
    if (counts.examples.length < 5)
      counts.examples.push(
        `${where}: ${lackingHere} findings lacking, ${extraHere} extra${treesDiffer ? ', trees differ' : ''}` +
          `${inString ? ' (a definition inside a string)' : ''}`,
      );
  } finally {
    documents.closed(uri);
  }
}

/**
 * `steps` edits to each file, open as a document analysed incrementally: most
 * break the code (typed key by key, or pasted in one change) or mend the last
 * break in one change (an undo), up to three breaks at once; now and then a
 * random edit of the fuzzer, undone later as a break is. After every change
 * the findings and trees are compared with a fresh open's.
 */
export async function sweepSyntaxErrors(
  files: readonly SourceFile[],
  seed: number,
  steps: number,
): Promise<SweepCounts> {
  const parser = await pythonParser();
  const counts: SweepCounts = {
    compared: 0,
    broken: 0,
    differ: 0,
    lacking: 0,
    lackingFindings: 0,
    extra: 0,
    extraFindings: 0,
    treesDiffer: 0,
    definitionInString: 0,
    examples: [],
  };
  const uri = 'file:///syntax-errors.py';
  for (const file of files) {
    // Each file's own stream: a file's edits do not shift as rule fixtures are added before it.
    const random = seededRandom(seed + fileNameHash(file.name));
    const documents = new OpenDocuments(parser);
    const incremental = new IncrementalAnalysis(OPTIONS);
    let text = file.text;
    let version = 1;
    let document = documents.opened(uri, 'python', version, text);
    incremental.analyze(document.module, text);
    // The texts before each break not mended yet, the last last.
    const breaks: string[] = [];
    for (let step = 0; step < steps; step++) {
      const apply = (change: TextDocumentContentChangeEvent) => {
        text = applyContentChanges(text, [change]);
        document = documents.changed(uri, ++version, [change])!;
        const findings = incremental.analyze(document.module, text);
        compare(parser, counts, document, findings, `${file.name}, seed ${seed}, step ${step}`);
      };
      const kind = random();
      if (breaks.length > 0 && (kind < 0.45 || breaks.length === 3)) apply(editBetween(text, breaks.pop()!));
      else if (kind < 0.55) {
        breaks.push(text);
        apply(randomChange(random, text));
      } else {
        breaks.push(text);
        const edit = breakingEdit(random, text);
        for (const stroke of random() < 0.7 ? keystrokes(edit) : [edit]) apply(changeOf(text, stroke));
      }
    }
    documents.closed(uri);
  }
  return counts;
}
