// Whether a name holds a file object opened in the code we can see:
// `with open(…) as f` or `f = open(…)` (and the gzip, bz2, lzma, codecs, io
// and pathlib openers, and the gzip, bz2 and lzma file classes), in the scope
// where the name is used. Shared by the
// rules on whole files read (MEM106), copied (MEM107) and downloaded (MEM108).
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { describeBinding } from '../semantics/initialValues';
import { stringLiteral } from '../semantics/literals';
import { callArguments, unparenthesized } from '../semantics/syntax';
import { runningScope } from '../semantics/uses';

/** What reading the file yields: str lines, bytes lines, or unknown. */
type FileMode = 'text' | 'binary' | 'unknown';

/**
 * What object the opener makes: a buffered file of the io module (`open`,
 * `io.open`, `Path.open`), a file that (de)compresses as it goes, or a
 * codecs StreamReaderWriter.
 */
type OpenerKind = 'io' | 'compressed' | 'codecs';

export interface FileOpening {
  /** The call that opened the file. */
  readonly call: Node;
  readonly mode: FileMode;
  readonly opener: OpenerKind;
  /** The mode as the code spells it (`"rb"`), the opener's default when none is given; undefined when not a literal. */
  readonly modeText: string | undefined;
  /** Whether the call passes nothing but the file and its mode (no buffering, encoding or opener arguments). */
  readonly fileAndModeOnly: boolean;
}

interface Opener {
  readonly kind: OpenerKind;
  /** Where the mode argument goes when passed positionally. */
  readonly modePosition: number;
  readonly defaultMode: string;
  readonly modeOf: (mode: string) => FileMode;
}

const builtinMode = (mode: string): FileMode => (mode.includes('b') ? 'binary' : 'text');
// The compression modules open binary unless the mode asks for text.
const compressedMode = (mode: string): FileMode => (mode.includes('t') ? 'text' : 'binary');

const BUILTIN_OPEN: Opener = { kind: 'io', modePosition: 1, defaultMode: 'r', modeOf: builtinMode };
const COMPRESSED_OPEN: Opener = { kind: 'compressed', modePosition: 1, defaultMode: 'rb', modeOf: compressedMode };

const OPENERS: ReadonlyMap<string, Opener> = new Map([
  ['builtins.open', BUILTIN_OPEN],
  ['io.open', BUILTIN_OPEN],
  ['gzip.open', COMPRESSED_OPEN],
  ['bz2.open', COMPRESSED_OPEN],
  ['lzma.open', COMPRESSED_OPEN],
  // The file classes those functions make: binary, the mode second.
  ['gzip.GzipFile', COMPRESSED_OPEN],
  ['bz2.BZ2File', COMPRESSED_OPEN],
  ['lzma.LZMAFile', COMPRESSED_OPEN],
  // A StreamReaderWriter splits lines like str.splitlines, not at "\n" only.
  ['codecs.open', { kind: 'codecs', modePosition: 1, defaultMode: 'r', modeOf: () => 'unknown' }],
]);

/** `Path(…).open(mode)`: mode is the first argument. */
const PATH_OPEN: Opener = { kind: 'io', modePosition: 0, defaultMode: 'r', modeOf: builtinMode };
const PATH_TYPES: ReadonlySet<string> = new Set(['pathlib.Path', 'pathlib.PosixPath', 'pathlib.WindowsPath']);

/**
 * The openings of the file `identifier` names, one per binding, when every
 * binding of the name is an opening in the scope where the identifier is used
 * (comprehensions count as that scope); undefined otherwise.
 */
export function openFileBindings(facts: DocumentFacts, identifier: Node): FileOpening[] | undefined {
  const values = boundValues(facts, identifier);
  const openings = values?.map((value) => fileOpening(facts, value));
  return openings?.every((opening) => opening !== undefined) ? openings : undefined;
}

/** The openings behind a file expression: a name bound to opened files, or an opener call itself. */
export function openingsOf(facts: DocumentFacts, file: Node): readonly FileOpening[] | undefined {
  if (file.type === 'identifier') return openFileBindings(facts, file);
  const opening = fileOpening(facts, file);
  return opening ? [opening] : undefined;
}

/** The file classes and protocols a parameter's annotation may name (`f: io.BytesIO`, `f: IO[str]`): each reads lines as a file does. */
const FILE_TYPES: ReadonlySet<string> = new Set([
  'io.IOBase',
  'io.RawIOBase',
  'io.BufferedIOBase',
  'io.TextIOBase',
  'io.FileIO',
  'io.BufferedReader',
  'io.BufferedRandom',
  'io.BytesIO',
  'io.StringIO',
  'io.TextIOWrapper',
  'typing.IO',
  'typing.TextIO',
  'typing.BinaryIO',
]);

/**
 * Whether `identifier` names a parameter annotated as a file object
 * (`f: io.BytesIO`, `f: typing.TextIO`, `f: IO[bytes]`), bound nowhere else
 * in the scope where it is used: the caller opened it, the function reads it.
 */
export function isFileParameter(facts: DocumentFacts, identifier: Node): boolean {
  const found = facts.lookup(identifier.text, identifier);
  if (found === undefined || found === 'unknown' || found.sites.length !== 1) return false;
  if (runningScope(facts, identifier) !== found.scope) return false;
  const binding = describeBinding(found.sites[0]!);
  if (binding.kind !== 'parameter' || !binding.annotation) return false;
  // `IO[str]` is a generic_type of `IO`; `typing.IO[str]` a subscript of `typing.IO`.
  const annotation = binding.annotation;
  const named =
    annotation.type === 'generic_type'
      ? annotation.namedChild(0)
      : annotation.type === 'subscript'
        ? annotation.childForFieldName('value')
        : annotation;
  const type =
    named && (named.type === 'identifier' || named.type === 'attribute') ? facts.qualifiedName(named) : undefined;
  return type !== undefined && FILE_TYPES.has(type);
}

/**
 * What each binding of the name `identifier` stores, `with <value> as name`
 * or `name = <value>`, when every binding is one of those in the scope where
 * the identifier is used (comprehensions count as that scope); undefined
 * otherwise.
 */
export function boundValues(facts: DocumentFacts, identifier: Node): Node[] | undefined {
  const found = facts.lookup(identifier.text, identifier);
  if (found === undefined || found === 'unknown') return undefined;
  if (runningScope(facts, identifier) !== found.scope) return undefined;
  const values: Node[] = [];
  for (const site of found.sites) {
    const value = boundValue(site.node);
    if (!value) return undefined;
    values.push(value);
  }
  return values;
}

/** The opening a call performs, if it is one of the known openers. */
export function fileOpening(facts: DocumentFacts, call: Node): FileOpening | undefined {
  if (call.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  const name = facts.qualifiedName(callee);
  const opener = name ? OPENERS.get(name) : isPathOpen(facts, callee) ? PATH_OPEN : undefined;
  if (!opener) return undefined;
  const modeText = modeTextOf(call, opener);
  return {
    call,
    mode: modeText === undefined ? 'unknown' : opener.modeOf(modeText),
    opener: opener.kind,
    modeText,
    fileAndModeOnly: passesFileAndModeOnly(call, opener),
  };
}

function isPathOpen(facts: DocumentFacts, callee: Node): boolean {
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'open') return false;
  const object = callee.childForFieldName('object');
  if (object?.type !== 'call') return false;
  const type = object.childForFieldName('function');
  const name = type ? facts.qualifiedName(type) : undefined;
  return name !== undefined && PATH_TYPES.has(name);
}

/** The mode the call opens the file in, as a literal; undefined when the code does not spell it as one. */
function modeTextOf(call: Node, opener: Opener): string | undefined {
  const args = callArguments(call);
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  const argument = modeArgument(args, opener);
  if (!argument) return opener.defaultMode;
  const literal = stringLiteral(argument);
  return literal && !literal.bytes ? literal.value : undefined;
}

function modeArgument(args: readonly Node[], opener: Opener): Node | undefined {
  const keyword = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'mode');
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  return keyword?.childForFieldName('value') ?? positional[opener.modePosition];
}

/** Nothing but the file (none for `Path(…).open`) and its mode: no buffering, encoding, newline or opener arguments. */
function passesFileAndModeOnly(call: Node, opener: Opener): boolean {
  const named = opener.modePosition === 0 ? ['mode'] : ['file', 'filename', 'mode'];
  let positional = 0;
  for (const arg of callArguments(call)) {
    if (arg.type === 'keyword_argument') {
      if (!named.includes(arg.childForFieldName('name')?.text ?? '')) return false;
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || ++positional > opener.modePosition + 1)
      return false;
  }
  return true;
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
