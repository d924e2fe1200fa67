// Whether a name may be given a str or bytes value in its scope, told from
// the scope's text: valueKinds proves one only from a string literal or a call
// of a builtin such as `str`, so a name whose every assignment lacks both
// (`total = 0`, `pos = pos + len(line)`) holds neither, and a rule about text
// values can pass it by without collecting the bindings of its scope.
import type { Node } from 'web-tree-sitter';
import { wholeWordOffsets } from '../../text/asciiWords';
import { BACKSLASH, CARRIAGE_RETURN, DOT, FORM_FEED, LINE_FEED, SPACE, TAB } from '../../text/charCodes';
import type { DocumentFacts } from '../../semantics/facts';
import { TEXT_BUILTINS } from '../../semantics/valueKinds';

/**
 * What follows a name that an assignment may bind: `=` (not `==`), `:=`, or
 * the `:` of an annotation, after spaces, continuations and comments. It also
 * takes in keyword arguments, dict keys and lambda parameters, which only
 * make the answer "may".
 */
const ASSIGNED = /(?:[ \t\f\r\n\\]|#[^\r\n]*(?=[\r\n]|$))*(?:=(?!=)|:)/y;
const TEXT_SOURCE = new RegExp(String.raw`["']|\b(?:${TEXT_BUILTINS.join('|')})\b`);
/** A line that ends inside brackets or with a continuation: the value goes on past it. */
const CONTINUED = /\\[ \t]*$/;

/** Per document: the answers by scope (node id, `module`, or `attribute` for any object's) and name. */
const knownByDocument = new WeakMap<DocumentFacts, Map<string, boolean>>();

/**
 * False when no assignment in `scope` (a function's or class's node, or the
 * module's) can give `name` a str or bytes value: the rest of the line after
 * each place its text assigns to the name holds no quote, no name of a
 * builtin that makes text (and the document no import of `builtins`, which
 * could rename one), and the value ends on that line.
 */
export function mayBeAssignedText(facts: DocumentFacts, name: string, scope: Node): boolean {
  const isModule = facts.module.isRoot(scope);
  // At module level, the answer reads every spelling of the name; a function's text is its own.
  if (isModule) facts.readsSpellingsOf(name);
  return known(facts, `${isModule ? 'module' : scope.id} ${name}`, () => {
    const { text, textStart } = facts.module;
    return findsTextAssignment(
      isModule ? text : text.slice(scope.startIndex - textStart, scope.endIndex - textStart),
      name,
    );
  });
}

/**
 * The same for an attribute `name` of any object (`o.name = …`), anywhere in
 * the document: only the places where `name` follows a `.` count. Counters
 * share their names with keyword arguments and locals given text
 * (`offset='…'`); their attributes are seldom given text.
 */
export function mayBeAssignedTextAsAttribute(facts: DocumentFacts, name: string): boolean {
  facts.readsSpellingsOf(name);
  const { text, textStart } = facts.module;
  return known(facts, `attribute ${name}`, () =>
    findsTextAssignment(text, name, (at) => mayFollowDot(text, at) && !inStringOrComment(facts, textStart + at, name)),
  );
}

/** True when the document may rename a builtin; else the answer under `key`, found once per document. */
function known(facts: DocumentFacts, key: string, find: () => boolean): boolean {
  if (facts.mayRenameBuiltins(TEXT_BUILTINS)) return true;
  let answers = knownByDocument.get(facts);
  if (!answers) knownByDocument.set(facts, (answers = new Map()));
  let answer = answers.get(key);
  if (answer === undefined) answers.set(key, (answer = find()));
  return answer;
}

/**
 * Whether the name at `at` may be an attribute's: a `.` before it, across
 * spaces, line breaks and backslash continuations. (A comment between the two
 * can only stand inside brackets, where the attribute is no assignment's
 * whole target, and no value is stored in it.)
 */
function mayFollowDot(text: string, at: number): boolean {
  let index = at - 1;
  while (index >= 0 && GAPS.has(text.charCodeAt(index))) index--;
  return text.charCodeAt(index) === DOT;
}

const GAPS: ReadonlySet<number> = new Set([SPACE, TAB, FORM_FEED, LINE_FEED, CARRIAGE_RETURN, BACKSLASH]);

/** Whether the tree reads `name` at `offset` as part of a string or a comment (`br"GNU.sparse.offset=(\d+)"`). */
function inStringOrComment(facts: DocumentFacts, offset: number, name: string): boolean {
  const type = facts.module.nodeAt(offset, offset + name.length)?.type;
  return type === 'string_content' || type === 'comment';
}

/** Whether some place the text assigns to `name` may give it text; `counts` says which places of `name` count, asked last. */
function findsTextAssignment(text: string, name: string, counts: (at: number) => boolean = () => true): boolean {
  for (const at of wholeWordOffsets(text, name)) {
    ASSIGNED.lastIndex = at + name.length;
    if (!ASSIGNED.test(text)) continue;
    const end = lineEnd(text, ASSIGNED.lastIndex);
    // A value longer than that is not read through (each assignment would pay for a whole long line): it may be text.
    if (end === undefined) {
      if (counts(at)) return true;
      continue;
    }
    const value = text.slice(ASSIGNED.lastIndex, end);
    if ((TEXT_SOURCE.test(value) || CONTINUED.test(value) || opensBrackets(value)) && counts(at)) return true;
  }
  return false;
}

/** How much of a line after an assignment is read. */
const MAX_VALUE_LENGTH = 1_000;

/** Where the line holding `from` ends (before its \n or \r), if within MAX_VALUE_LENGTH of `from`. */
function lineEnd(text: string, from: number): number | undefined {
  const limit = Math.min(text.length, from + MAX_VALUE_LENGTH);
  for (let at = from; at < limit; at++) if (text[at] === '\n' || text[at] === '\r') return at;
  return limit === text.length ? limit : undefined;
}

/** Whether more brackets open than close in the line (one with a quote never gets here). */
function opensBrackets(line: string): boolean {
  let depth = 0;
  for (const char of line) {
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
  }
  return depth > 0;
}
