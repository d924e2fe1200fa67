import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { describeBinding } from '../semantics/initialValues';
import { stringLiteral } from '../semantics/literals';
import { callArguments, unparenthesized } from '../semantics/syntax';
import { assignedName, reboundBefore, runningScope, usesOfName } from '../semantics/uses';
import { usageOf } from '../semantics/valueUses';
import { calleeAnchors } from './anchors';
import { staysOpenUntil } from './mem106-read-whole-file/fileStaysOpen';
import {
  contains,
  enclosingLoop,
  type Loop,
  loopIterating,
  onlyReadAfterBinding,
  runsOncePerBinding,
} from './mem106-read-whole-file/loops';
import { isFileParameter, openingsOf, type FileOpening } from './open-files';
import type { Finding, Fix, FixSafety, Rule, RuleContext, TextEdit } from './types';

/** The methods whose result is a whole file's lines or words: `f.readlines()`, `text.splitlines()`, `text.split("\n")`, `text.split()`. */
const WHOLE_FILE_METHODS: ReadonlySet<string> = new Set(['readlines', 'splitlines', 'split']);
const READ_METHOD: ReadonlySet<string> = new Set(['read']);

export const mem106: Rule = {
  code: 'MEM106',
  name: 'read-whole-file',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'Whole file read into memory only to loop over its lines or words',
  docs: {
    whatItDoes:
      'Flags loops over `f.readlines()`, `f.read().splitlines()`, `f.read().split("\\n")` and `f.read().split()` (the file’s words; `for` statements and comprehensions), `lines = f.readlines()` when `lines` is bound once and only iterated by one later loop in the same scope, and `text = f.read()` when `text` is bound once and only split by one later loop over `text.splitlines()`, `text.split("\\n")` or `text.split()`, each while the file is still open (inside the `with` that opened it, before any `f.close()`): a loop after the file is closed could not iterate it, and reading the file first to close it early is a choice. A loop that runs more than once per binding (a loop inside another that does not hold the binding) is not flagged: the list or text serves every pass. `f` (in parentheses or not) must be the opening call itself (`open(path).readlines()`), a parameter annotated as a file object and bound nowhere else (`f: io.BytesIO`, `io.StringIO`, `io.TextIOWrapper` and the other `io` classes, `typing.IO[…]`, `TextIO`, `BinaryIO`; only in a loop over `f.readlines()`, since whether the caller’s file stays open for a later loop is the caller’s to say), or a plain name bound, in the scope of the loop, only by `with open(…) as f` or `f = open(…)`, where the opener is `open`, `io.open`, `Path(…).open`, `gzip.open`, `bz2.open`, `lzma.open`, `codecs.open` or the classes `gzip.GzipFile`, `bz2.BZ2File` and `lzma.LZMAFile`: an unknown `x.readlines()` may not be a file and is not flagged. `readlines(hint)` reads only part of the file and is not flagged.',
    whyBadForMemory:
      'Every line becomes a str object (49 bytes plus one byte per character for ASCII text, CPython 3.11, 64-bit) held in a list of 56 + 8·n bytes until the loop ends: a file of 1,000,000 lines of 80 characters takes about 8 MB of pointers and 129 MB of strings. `f.read().splitlines()` holds the whole text as one more string on top of that while the list is built: at least twice the file, and more the shorter its lines (2.7 times for lines of 80 characters, measured with tracemalloc on CPython 3.9, 3.11 and 3.13). `text = f.read()` split in the loop holds the same: the text and the list. `f.read().split()` holds the text and a str per word: for 100,000 lines of ten 7-character words (8,000,000 bytes), the loop peaks at 72,470,281 bytes on CPython 3.11 (72,470,369 on 3.9, 64,470,305 on 3.13, whose str objects are 8 bytes smaller), nine times the file, against 22,148 bytes iterating the file and splitting each line. Iterating the file object reads it in 8 KB chunks and holds one line (and its words) at a time.',
    example:
      'with open(path) as f:\n    for line in f.readlines():\n        handle(line)\n    \nwith open(path) as f:\n    for line in f.read().splitlines():\n        handle(line)\n    \nwith open(path) as f:\n    text = f.read()\n    for line in text.splitlines():\n        handle(line)\n    \nwith open(path) as f:\n    for word in f.read().split():\n        handle(word)',
    useInstead:
      'with open(path) as f:\n    for line in f:\n        handle(line)\n    \nwith open(path) as f:\n    for line in f:\n        line = line.rstrip("\\r\\n")\n        handle(line)\n    \nwith open(path) as f:\n    for line in f:\n        line = line.rstrip("\\r\\n")\n        handle(line)\n    \nwith open(path) as f:\n    for line in f:\n        for word in line.split():\n            handle(word)',
    fixSafety:
      '`f.readlines()` → `f` yields exactly the same lines, line endings included. The fix is safe for `open(…).readlines()`, unsafe for a parameter (the caller reads the file’s position after the call), and for a name safe when nothing else touches `f` while the loop runs or after it (other than `f.close()` or a later `with open(…) as f` that opens another file), and `f` is not used by a nested function; otherwise unsafe, since the file position differs once the loop breaks out early. Either way the lines are read as the loop goes, not before it starts: a loop that appends to the file it is reading would now see its own writes. `f.read().splitlines()` drops line endings and also splits at \\v, \\f, \\x1c–\\x1e, \\x85, \\u2028 and \\u2029, where reading a file by lines splits only at line endings; the offered fix iterates `f` and strips `"\\r\\n"` from each line, the same unless the file holds those rarer separators, so it is unsafe, and offered only for text-mode files (for binary files and `codecs.open` no fix). `f.read().split("\\n")` yields a final empty string when the file ends with a newline, which iterating the file does not: no fix is offered. The `lines = f.readlines()` and `text = f.read()` forms get no fix either, as the file would be read later than it is now. `f.read().split()` gets none: iterating the file’s lines and splitting each yields the same words (a word never spans a line ending, which is whitespace), but the loop body would move into a loop of its own.',
  },
  anchors: calleeAnchors([...WHOLE_FILE_METHODS]),
  check(call, context) {
    const method = methodCall(call, WHOLE_FILE_METHODS);
    if (!method) return undefined;
    if (method.name === 'readlines' && method.args.length === 0)
      return atFileScale(readlinesFinding(call, method, context.facts), call, context);
    const pieces = piecesOf(method);
    return pieces && splitFinding(call, method, pieces, context);
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
  /** What the method is called on, out of any parentheses: `f` of `(f).readlines()`. */
  readonly object: Node;
  /** The same as written, parentheses included. */
  readonly receiver: Node;
  readonly name: string;
  readonly args: readonly Node[];
}

/** `object.name(args)` when name is one of `names`; the name is checked first, since this sees every call. */
function methodCall(call: Node, names: ReadonlySet<string>): MethodCall | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute') return undefined;
  const name = callee.childForFieldName('attribute');
  if (!name || !names.has(name.text)) return undefined;
  const receiver = callee.childForFieldName('object');
  return receiver
    ? { object: unparenthesized(receiver), receiver, name: name.text, args: callArguments(call) }
    : undefined;
}

/** How messages name the file: `f`, or "the file" for `open(…)` itself. */
function fileLabel(file: Node): string {
  return file.type === 'identifier' ? `\`${file.text}\`` : 'the file';
}

function readlinesFinding(call: Node, method: MethodCall, facts: DocumentFacts): Finding | undefined {
  const file = method.object;
  const opened = openingsOf(facts, file) !== undefined;
  // A file the caller passes (`f: io.BytesIO`) is read by a loop over its lines alone: whether it
  // stays open until a later loop is the caller's to say.
  const passed = !opened && file.type === 'identifier' && isFileParameter(facts, file);
  if (!opened && !passed) return undefined;
  const loop = loopIterating(call);
  if (passed && !loop) return undefined;
  if (loop) {
    // An opener call's file is used nowhere else, so only a name needs the position analysis;
    // a passed file's position is the caller's to read after the loop.
    const safety = passed ? 'unsafe' : file.type === 'identifier' ? readlinesSafety(file, loop.node, facts) : 'safe';
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
        edits: [{ start: method.receiver.endIndex, end: call.endIndex, text: '' }],
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

/** What a split gives: the file's lines (`splitlines()`, `split("\n")`) or its words (`split()`). */
type Pieces = 'lines' | 'words';

/** `.splitlines()`, `.split("\n")` or `.split()`: what they split the text into. */
function piecesOf(method: MethodCall): Pieces | undefined {
  if (method.name === 'splitlines') return method.args.length === 0 ? 'lines' : undefined;
  if (method.name !== 'split') return undefined;
  if (method.args.length === 0) return 'words';
  return method.args.length === 1 && stringLiteral(method.args[0]!)?.value === '\n' ? 'lines' : undefined;
}

function splitFinding(call: Node, method: MethodCall, pieces: Pieces, context: RuleContext): Finding | undefined {
  const { facts } = context;
  const loop = loopIterating(call);
  const whole = loop && wholeText(method.object, loop, facts);
  if (!loop || !whole) return undefined;
  const openings = openingsOf(facts, whole.file);
  const fix =
    !whole.name && method.name === 'splitlines' && openings && isTextMode(openings)
      ? strippedLinesFix(call, whole.file, loop, context.source)
      : undefined;
  const held = whole.name && whole.name.text.length <= 16 ? `\`${whole.name.text}\`` : 'one string';
  const file = fileLabel(whole.file);
  const advice =
    pieces === 'lines' ? `iterating ${file} holds one line at a time` : `split each line of ${file} as you iterate it`;
  const finding: Finding = {
    code: mem106.code,
    message: `Holds the whole file at least twice, as ${held} and as a list of ${pieces}: ${advice}`,
    severity: mem106.defaultSeverity,
    // A file is data from outside the program: its size is known only when it runs.
    scale: 'large',
    start: call.startIndex,
    end: call.endIndex,
    ...(fix ? { fix } : {}),
  };
  return atFileScale(finding, whole.read, context);
}

interface WholeText {
  /** The `f.read()` call. */
  readonly read: Node;
  /** `f`: a name bound to opened files, or an opener call. */
  readonly file: Node;
  /** The name the text is bound to before it is split (`text = f.read()`), if any. */
  readonly name?: Node;
}

/**
 * The whole text of a file that `text` of `text.splitlines()` is: `f.read()`
 * itself, or a name bound once to it and read only there, by a loop that
 * runs once per binding while the file is still open.
 */
function wholeText(text: Node, loop: Loop, facts: DocumentFacts): WholeText | undefined {
  if (text.type !== 'identifier') {
    const file = fileRead(text, facts);
    return file ? { read: text, file } : undefined;
  }
  const only = onlyReadAfterBinding(text, facts);
  const binding = only?.read.id === text.id ? describeBinding(only.site) : undefined;
  if (binding?.kind !== 'value' || !runsOncePerBinding(loop.node, only!.site.node, only!.scope)) return undefined;
  const read = unparenthesized(binding.value);
  const file = fileRead(read, facts);
  if (!file || (file.type === 'identifier' && !staysOpenUntil(file, read, loop.node, facts))) return undefined;
  return { read, file, name: text };
}

/** `f` of `f.read()`, without arguments, when `f` is a file the code opened. */
function fileRead(read: Node, facts: DocumentFacts): Node | undefined {
  const method = read.type === 'call' ? methodCall(read, READ_METHOD) : undefined;
  if (method?.args.length !== 0) return undefined;
  return openingsOf(facts, method.object) ? method.object : undefined;
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
  const only = onlyReadAfterBinding(lines, facts);
  if (only?.site.node.id !== lines.id) return undefined;
  const loop = loopIterating(only.read);
  return loop && runsOncePerBinding(loop.node, lines, only.scope) ? loop.node : undefined;
}

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
