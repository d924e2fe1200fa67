// Whether a name holds a file object opened in the code we can see:
// `with open(…) as f` or `f = open(…)` (and the gzip, bz2, lzma, codecs, io
// and pathlib openers), in the scope where the name is used.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { stringLiteral } from '../../semantics/literals';
import { callArguments, unparenthesized } from '../../semantics/syntax';
import { runningScope } from '../../semantics/uses';

/** What reading the file yields: str lines, bytes lines, or unknown. */
type FileMode = 'text' | 'binary' | 'unknown';

export interface FileOpening {
  /** The call that opened the file. */
  readonly call: Node;
  readonly mode: FileMode;
}

interface Opener {
  /** Where the mode argument goes when passed positionally. */
  readonly modePosition: number;
  readonly defaultMode: string;
  readonly modeOf: (mode: string) => FileMode;
}

const builtinMode = (mode: string): FileMode => (mode.includes('b') ? 'binary' : 'text');
// The compression modules open binary unless the mode asks for text.
const compressedMode = (mode: string): FileMode => (mode.includes('t') ? 'text' : 'binary');

const BUILTIN_OPEN: Opener = { modePosition: 1, defaultMode: 'r', modeOf: builtinMode };
const COMPRESSED_OPEN: Opener = { modePosition: 1, defaultMode: 'rb', modeOf: compressedMode };

const OPENERS: ReadonlyMap<string, Opener> = new Map([
  ['builtins.open', BUILTIN_OPEN],
  ['io.open', BUILTIN_OPEN],
  ['gzip.open', COMPRESSED_OPEN],
  ['bz2.open', COMPRESSED_OPEN],
  ['lzma.open', COMPRESSED_OPEN],
  // A StreamReaderWriter splits lines like str.splitlines, not at "\n" only.
  ['codecs.open', { modePosition: 1, defaultMode: 'r', modeOf: () => 'unknown' }],
]);

/** `Path(…).open(mode)`: mode is the first argument. */
const PATH_OPEN: Opener = { modePosition: 0, defaultMode: 'r', modeOf: builtinMode };
const PATH_TYPES: ReadonlySet<string> = new Set(['pathlib.Path', 'pathlib.PosixPath', 'pathlib.WindowsPath']);

/**
 * The openings of the file `identifier` names, one per binding, when every
 * binding of the name is an opening in the scope where the identifier is used
 * (comprehensions count as that scope); undefined otherwise.
 */
export function openFileBindings(facts: DocumentFacts, identifier: Node): FileOpening[] | undefined {
  const found = facts.lookup(identifier.text, identifier);
  if (found === undefined || found === 'unknown') return undefined;
  if (runningScope(facts, identifier) !== found.scope) return undefined;
  const openings: FileOpening[] = [];
  for (const site of found.sites) {
    const value = boundValue(site.node);
    const opening = value ? fileOpening(facts, value) : undefined;
    if (!opening) return undefined;
    openings.push(opening);
  }
  return openings;
}

/** The opening a call performs, if it is one of the known openers. */
export function fileOpening(facts: DocumentFacts, call: Node): FileOpening | undefined {
  if (call.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  const name = facts.qualifiedName(callee);
  const opener = name ? OPENERS.get(name) : isPathOpen(facts, callee) ? PATH_OPEN : undefined;
  return opener ? { call, mode: modeOf(call, opener) } : undefined;
}

function isPathOpen(facts: DocumentFacts, callee: Node): boolean {
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'open') return false;
  const object = callee.childForFieldName('object');
  if (object?.type !== 'call') return false;
  const type = object.childForFieldName('function');
  const name = type ? facts.qualifiedName(type) : undefined;
  return name !== undefined && PATH_TYPES.has(name);
}

function modeOf(call: Node, opener: Opener): FileMode {
  const args = callArguments(call);
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return 'unknown';
  const keyword = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'mode');
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const argument = keyword?.childForFieldName('value') ?? positional[opener.modePosition];
  if (!argument) return opener.modeOf(opener.defaultMode);
  const literal = stringLiteral(argument);
  return literal && !literal.bytes ? opener.modeOf(literal.value) : 'unknown';
}

/** The value a binding site binds the name to: `with <value> as name`, `name = <value>`. */
function boundValue(site: Node): Node | undefined {
  const parent = site.parent;
  if (parent?.type === 'as_pattern_target') {
    const pattern = parent.parent;
    if (pattern?.type !== 'as_pattern' || !isWithItem(pattern)) return undefined;
    const value = pattern.namedChild(0);
    return value ? unparenthesized(value) : undefined;
  }
  if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === site.id) {
    const value = parent.childForFieldName('right');
    return value ? unparenthesized(value) : undefined;
  }
  return undefined;
}

/** `with x as f` (the pattern may sit in parentheses: `with (x as f):`). */
function isWithItem(pattern: Node): boolean {
  let parent = pattern.parent;
  while (parent?.type === 'parenthesized_expression') parent = parent.parent;
  return parent?.type === 'with_item';
}
