import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { stringLiteral } from '../semantics/literals';
import { openingsOf, type FileOpening } from './open-files';
import type { Scope } from '../semantics/scopes';
import { COMPREHENSION_TYPES, callArguments, closestAncestor } from '../semantics/syntax';
import { assignedName, reboundBefore, runningScope, usesOfName } from '../semantics/uses';
import { usageOf } from '../semantics/valueUses';
import { calleeAnchors } from './anchors';
import type { Finding, Fix, FixSafety, Rule, RuleContext, TextEdit } from './types';

/** The methods whose result is a whole file's lines: `f.readlines()`, `text.splitlines()`, `text.split("\n")`. */
const WHOLE_FILE_METHODS: ReadonlySet<string> = new Set(['readlines', 'splitlines', 'split']);
const READ_METHOD: ReadonlySet<string> = new Set(['read']);

export const mem106: Rule = {
  code: 'MEM106',
  name: 'read-whole-file',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'Whole file read into memory only to loop over its lines',
  docs: {
    whatItDoes:
      'Flags loops over `f.readlines()`, `f.read().splitlines()` and `f.read().split("\\n")` (`for` statements and comprehensions), and `lines = f.readlines()` when `lines` is bound once and only iterated by one later loop in the same scope while the file is still open (inside the `with` that opened it, before any `f.close()`): a loop after the file is closed could not iterate it, and reading the lines first to close the file early is a choice. `f` must be the opening call itself (`open(path).readlines()`) or a plain name bound, in the scope of the loop, only by `with open(…) as f` or `f = open(…)`, where the opener is `open`, `io.open`, `Path(…).open`, `gzip.open`, `bz2.open`, `lzma.open` or `codecs.open`: an unknown `x.readlines()` may not be a file and is not flagged. `readlines(hint)` reads only part of the file and is not flagged.',
    whyBadForMemory:
      'Every line becomes a str object (49 bytes plus one byte per character for ASCII text, CPython 3.11, 64-bit) held in a list of 56 + 8·n bytes until the loop ends: a file of 1,000,000 lines of 80 characters takes about 8 MB of pointers and 129 MB of strings. `f.read().splitlines()` holds the whole text as one more string on top of that while the list is built: at least twice the file, and more the shorter its lines (2.7 times for lines of 80 characters, measured with tracemalloc on CPython 3.9, 3.11 and 3.13). Iterating the file object reads it in 8 KB chunks and holds one line at a time.',
    example:
      'with open(path) as f:\n    for line in f.readlines():\n        handle(line)\n    \nwith open(path) as f:\n    for line in f.read().splitlines():\n        handle(line)',
    useInstead:
      'with open(path) as f:\n    for line in f:\n        handle(line)\n    \nwith open(path) as f:\n    for line in f:\n        line = line.rstrip("\\r\\n")\n        handle(line)',
    fixSafety:
      '`f.readlines()` → `f` yields exactly the same lines, line endings included. The fix is safe for `open(…).readlines()`, and for a name when nothing else touches `f` while the loop runs or after it (other than `f.close()` or a later `with open(…) as f` that opens another file), and `f` is not used by a nested function; otherwise unsafe, since the file position differs once the loop breaks out early. Either way the lines are read as the loop goes, not before it starts: a loop that appends to the file it is reading would now see its own writes. `f.read().splitlines()` drops line endings and also splits at \\v, \\f, \\x1c–\\x1e, \\x85, \\u2028 and \\u2029, where reading a file by lines splits only at line endings; the offered fix iterates `f` and strips `"\\r\\n"` from each line, the same unless the file holds those rarer separators, so it is unsafe, and offered only for text-mode files (for binary files and `codecs.open` no fix). `f.read().split("\\n")` yields a final empty string when the file ends with a newline, which iterating the file does not: no fix is offered. The `lines = f.readlines()` form gets no fix either, as the file would be read later than it is now.',
  },
  anchors: calleeAnchors([...WHOLE_FILE_METHODS]),
  check(call, context) {
    const method = methodCall(call, WHOLE_FILE_METHODS);
    if (!method) return undefined;
    if (method.name === 'readlines' && method.args.length === 0)
      return atFileScale(readlinesFinding(call, method.object, context.facts), call, context);
    if (isSplitIntoLines(method))
      return atFileScale(
        splitFinding(call, method.object, method.name, context.facts, context.source),
        method.object,
        context,
      );
    return undefined;
  },
};

/**
 * A file is data from outside the program, large, unless the workspace holds
 * it and shows what `read` (the `readlines()` or `read()` call) will hold.
 */
function atFileScale(finding: Finding | undefined, read: Node, context: RuleContext): Finding | undefined {
  const known = context.dataReads?.scaleOf(read, context.facts);
  return finding && known ? { ...finding, scale: known } : finding;
}

interface MethodCall {
  readonly object: Node;
  readonly name: string;
  readonly args: readonly Node[];
}

/** `object.name(args)` when name is one of `names`; the name is checked first, since this sees every call. */
function methodCall(call: Node, names: ReadonlySet<string>): MethodCall | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute') return undefined;
  const name = callee.childForFieldName('attribute');
  if (!name || !names.has(name.text)) return undefined;
  const object = callee.childForFieldName('object');
  return object ? { object, name: name.text, args: callArguments(call) } : undefined;
}

/** `.splitlines()` or `.split("\n")`. */
function isSplitIntoLines(method: MethodCall): boolean {
  if (method.name === 'splitlines') return method.args.length === 0;
  if (method.name !== 'split' || method.args.length !== 1) return false;
  return stringLiteral(method.args[0]!)?.value === '\n';
}

/** How messages name the file: `f`, or "the file" for `open(…)` itself. */
function fileLabel(file: Node): string {
  return file.type === 'identifier' ? `\`${file.text}\`` : 'the file';
}

function readlinesFinding(call: Node, file: Node, facts: DocumentFacts): Finding | undefined {
  if (!openingsOf(facts, file)) return undefined;
  const loop = loopIterating(call);
  if (loop) {
    // An opener call's file is used nowhere else, so only a name needs the position analysis.
    const safety = file.type === 'identifier' ? readlinesSafety(file, loop.node, facts) : 'safe';
    return {
      code: mem106.code,
      message: `\`.readlines()\` reads every line into a list before the loop starts: iterating ${fileLabel(file)} holds one line at a time`,
      severity: mem106.defaultSeverity,
      // A file is data from outside the program: its size is known only when it runs.
      scale: 'large',
      start: call.startIndex,
      end: call.endIndex,
      fix: {
        title: 'Iterate the file directly',
        safety,
        edits: [{ start: file.endIndex, end: call.endIndex, text: '' }],
      },
    };
  }
  const lines = file.type === 'identifier' ? assignedName(call) : undefined;
  const later = lines ? loopIteratingOnceLater(lines, facts) : undefined;
  if (!lines || !later || !staysOpenUntil(file, call, later, facts)) return undefined;
  return {
    code: mem106.code,
    message: `\`${lines.text}\` holds every line of the file but is only looped over once: iterating ${fileLabel(file)} in that loop holds one line at a time`,
    severity: mem106.defaultSeverity,
    // A file is data from outside the program: its size is known only when it runs.
    scale: 'large',
    start: call.startIndex,
    end: call.endIndex,
  };
}

function splitFinding(
  call: Node,
  read: Node,
  splitter: string,
  facts: DocumentFacts,
  source: string,
): Finding | undefined {
  const readMethod = read.type === 'call' ? methodCall(read, READ_METHOD) : undefined;
  if (readMethod?.name !== 'read' || readMethod.args.length !== 0) return undefined;
  const file = readMethod.object;
  const openings = openingsOf(facts, file);
  const loop = loopIterating(call);
  if (!openings || !loop) return undefined;
  const fix =
    splitter === 'splitlines' && isTextMode(openings) ? strippedLinesFix(call, file, loop, source) : undefined;
  return {
    code: mem106.code,
    message: `Holds the whole file at least twice, as one string and as a list of lines: iterating ${fileLabel(file)} holds one line at a time`,
    severity: mem106.defaultSeverity,
    // A file is data from outside the program: its size is known only when it runs.
    scale: 'large',
    start: call.startIndex,
    end: call.endIndex,
    ...(fix ? { fix } : {}),
  };
}

interface Loop {
  /** The `for` statement or the comprehension. */
  readonly node: Node;
  /** The `for` statement or the comprehension's `for … in` clause. */
  readonly clause: Node;
}

/** The loop whose iterable `expression` is (not `async for`). */
function loopIterating(expression: Node): Loop | undefined {
  let value = expression;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const clause = value.parent;
  if (!clause || (clause.type !== 'for_statement' && clause.type !== 'for_in_clause')) return undefined;
  if (clause.childForFieldName('right')?.id !== value.id || clause.children.some((child) => child?.type === 'async'))
    return undefined;
  const node = clause.type === 'for_statement' ? clause : clause.parent;
  return node ? { node, clause } : undefined;
}

/**
 * Safe when the file's position cannot be observed differently: no other use of
 * the file inside the loop or a nested scope, and none after the loop but close()
 * or uses of a file opened again under the same name.
 */
function readlinesSafety(file: Node, loop: Node, facts: DocumentFacts): FixSafety {
  const uses = usesOfName(facts, file);
  if (!uses) return 'unsafe';
  const loopInsideLoop = enclosingLoop(loop, uses.scope) !== undefined;
  for (const read of uses.reads) {
    if (read.id === file.id) continue;
    if (contains(loop, read) || runningScope(facts, read) !== uses.scope) return 'unsafe';
    const use = usageOf(read, facts);
    if (use.kind === 'method' && use.name === 'close') continue;
    if (read.endIndex <= loop.startIndex && !loopInsideLoop) continue;
    if (read.startIndex >= loop.endIndex && reboundBefore(uses, read, loop.endIndex)) continue;
    return 'unsafe';
  }
  return 'safe';
}

/** The loop, when `lines` is bound once, then iterated by exactly one loop that runs at most once per binding. */
function loopIteratingOnceLater(lines: Node, facts: DocumentFacts): Node | undefined {
  const uses = usesOfName(facts, lines);
  if (uses?.sites.length !== 1 || uses.sites[0]!.node.id !== lines.id || uses.reads.length !== 1) return undefined;
  const read = uses.reads[0]!;
  const loop = loopIterating(read);
  if (!loop || read.startIndex < lines.endIndex || runningScope(facts, read) !== uses.scope) return undefined;
  // A loop around the reading loop but not around the binding would iterate the list again.
  for (let outer = enclosingLoop(loop.node, uses.scope); outer; outer = enclosingLoop(outer, uses.scope)) {
    if (!contains(outer, lines)) return undefined;
  }
  return loop.node;
}

/**
 * Whether the file is still open when the loop over its lines runs: the loop
 * sits inside the `with` that opened it, and no `file.close()` comes between.
 * Reading the lines first and closing the file before a long loop is a choice
 * iterating the file would undo.
 */
function staysOpenUntil(file: Node, readCall: Node, loop: Node, facts: DocumentFacts): boolean {
  for (const opening of openingsOf(facts, file) ?? []) {
    const withStatement = closestAncestor(opening.call, WITH_TYPES);
    const header = withStatement?.namedChildren.find((child) => child?.type === 'with_clause');
    if (!withStatement || !header || !contains(header, opening.call)) continue;
    if (contains(withStatement, readCall) && !contains(withStatement, loop)) return false;
  }
  const uses = usesOfName(facts, file);
  if (!uses) return false;
  return !uses.reads.some((read) => {
    const use = usageOf(read, facts);
    return (
      use.kind === 'method' &&
      use.name === 'close' &&
      read.startIndex >= readCall.endIndex &&
      read.endIndex <= loop.startIndex
    );
  });
}

const WITH_TYPES: ReadonlySet<string> = new Set(['with_statement']);

/** Every opening is in text mode, so lines are str ending in "\n" (or "\r\n" with newline=""). */
function isTextMode(openings: readonly FileOpening[]): boolean {
  return openings.every((opening) => opening.mode === 'text');
}

/** Iterate the file and strip each line's ending, as splitlines() did. */
function strippedLinesFix(split: Node, file: Node, loop: Loop, source: string): Fix | undefined {
  const target = loop.clause.childForFieldName('left');
  if (target?.type !== 'identifier') return undefined;
  const name = target.text;
  const strip = `${name}.rstrip("\\r\\n")`;
  if (loop.node.type !== 'for_statement') {
    return unsafeFix('Iterate the file, stripping line endings', [
      { start: split.startIndex, end: split.endIndex, text: `(${strip} for ${name} in ${file.text})` },
    ]);
  }
  const insertion = statementInsertion(loop.node, `${name} = ${strip}`, source);
  if (!insertion) return undefined;
  return unsafeFix('Iterate the file, stripping line endings', [
    { start: split.startIndex, end: split.endIndex, text: file.text },
    insertion,
  ]);
}

function unsafeFix(title: string, edits: readonly TextEdit[]): Fix {
  return { title, safety: 'unsafe', edits };
}

/** An edit that puts `statement` first in the loop's body, on its own line or before `;`. */
function statementInsertion(loop: Node, statement: string, source: string): TextEdit | undefined {
  const first = loop
    .childForFieldName('body')
    ?.namedChildren.find((child) => child !== null && child.type !== 'comment');
  if (!first) return undefined;
  if (first.startPosition.row === loop.startPosition.row)
    return { start: first.startIndex, end: first.startIndex, text: `${statement}; ` };
  const lineStart = first.startIndex - first.startPosition.column;
  const indent = source.slice(lineStart, first.startIndex);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const newline =
    source.slice(lineStart - 2, lineStart) === '\r\n' ? '\r\n' : source.charAt(lineStart - 1) === '\r' ? '\r' : '\n';
  return { start: first.startIndex, end: first.startIndex, text: `${statement}${newline}${indent}` };
}

/** The nearest `for`/`while` loop or comprehension around `node` inside the scope. */
function enclosingLoop(node: Node, scope: Scope): Node | undefined {
  for (let current = node.parent; current && current.id !== scope.node.id; current = current.parent) {
    if (current.type === 'for_statement' || current.type === 'while_statement' || COMPREHENSION_TYPES.has(current.type))
      return current;
  }
  return undefined;
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}
