// The built-in type an expression evaluates to, when the tree alone proves it:
// literals, displays, calls of unshadowed builtins, and a few operators and
// methods whose result type follows from their operands. Anything else is
// unknown (undefined): a rule that needs a type must not guess.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';
import { unparenthesized } from './syntax';

export type ValueKind =
  | 'str'
  | 'bytes'
  | 'bytearray'
  | 'int'
  | 'float'
  | 'complex'
  | 'bool'
  | 'none'
  | 'list'
  | 'tuple'
  | 'dict'
  | 'set';

/** Kinds a name or an attribute is assumed to have (e.g. "s is a str" while checking `s = s + "x"`). */
export type AssumedKind = (nameOrAttribute: Node) => ValueKind | undefined;

const KIND_OF_NODE_TYPE: Readonly<Record<string, ValueKind>> = {
  true: 'bool',
  false: 'bool',
  none: 'none',
  float: 'float',
  list: 'list',
  list_comprehension: 'list',
  tuple: 'tuple',
  dictionary: 'dict',
  dictionary_comprehension: 'dict',
  set: 'set',
  set_comprehension: 'set',
};

const BUILTIN_RESULTS: Readonly<Record<string, ValueKind>> = {
  'builtins.str': 'str',
  'builtins.repr': 'str',
  'builtins.ascii': 'str',
  'builtins.format': 'str',
  'builtins.chr': 'str',
  'builtins.hex': 'str',
  'builtins.oct': 'str',
  'builtins.bin': 'str',
  'builtins.input': 'str',
  'builtins.bytes': 'bytes',
  'builtins.bytearray': 'bytearray',
  'builtins.int': 'int',
  'builtins.len': 'int',
  'builtins.ord': 'int',
  'builtins.float': 'float',
  'builtins.complex': 'complex',
  'builtins.bool': 'bool',
  'builtins.list': 'list',
  'builtins.sorted': 'list',
  'builtins.tuple': 'tuple',
  'builtins.dict': 'dict',
  'builtins.set': 'set',
};

/** The builtins whose call gives a str or bytes (`str`, `repr`, `bytes`…): with a literal, the only sources of either. */
export const TEXT_BUILTINS: readonly string[] = Object.entries(BUILTIN_RESULTS)
  .filter(([, kind]) => kind === 'str' || kind === 'bytes')
  .map(([name]) => name.slice('builtins.'.length));

/** Methods of str and bytes that return the same type as their receiver. */
const SAME_KIND_METHODS: ReadonlySet<string> = new Set([
  'capitalize',
  'center',
  'expandtabs',
  'join',
  'ljust',
  'lower',
  'lstrip',
  'removeprefix',
  'removesuffix',
  'replace',
  'rjust',
  'rstrip',
  'strip',
  'swapcase',
  'title',
  'translate',
  'upper',
  'zfill',
]);
const STR_ONLY_METHODS: ReadonlySet<string> = new Set(['casefold', 'format', 'format_map']);

const TEXT_KINDS: ReadonlySet<ValueKind | undefined> = new Set(['str', 'bytes']);
const SEQUENCE_KINDS: ReadonlySet<ValueKind | undefined> = new Set(['str', 'bytes', 'list', 'tuple']);

type KindOf = (child: Node | null) => ValueKind | undefined;

interface KindContext {
  readonly facts: DocumentFacts;
  readonly assumed: AssumedKind | undefined;
  /** The kind of a sub-expression, under the same assumptions. */
  readonly kindOf: KindOf;
}

/** Node types whose kind depends on their parts. */
const KIND_BY_NODE_TYPE: Readonly<Record<string, (node: Node, context: KindContext) => ValueKind | undefined>> = {
  string: stringLiteralKind,
  concatenated_string: (node, { kindOf }) => kindOf(node.namedChild(0)),
  integer: (node) => (/[jJ]$/.test(node.text) ? 'complex' : 'int'),
  identifier: (node, { assumed }) => assumed?.(node),
  attribute: (node, { assumed }) => assumed?.(node),
  conditional_expression: (node, { kindOf }) => {
    const [whenTrue, , whenFalse] = node.namedChildren;
    const kind = kindOf(whenTrue ?? null);
    return kind !== undefined && kind === kindOf(whenFalse ?? null) ? kind : undefined;
  },
  binary_operator: (node, { kindOf }) => binaryKind(node, kindOf),
  subscript: (node, { kindOf }) => subscriptKind(node, kindOf),
  call: (node, { facts, kindOf }) => callKind(node, facts, kindOf),
};

/** The built-in type `expression` evaluates to, or undefined when the tree does not prove one. */
export function valueKind(expression: Node, facts: DocumentFacts, assumed?: AssumedKind): ValueKind | undefined {
  const node = unparenthesized(expression);
  const fixed = KIND_OF_NODE_TYPE[node.type];
  if (fixed) return fixed;
  const kindOf: KindOf = (child) => (child ? valueKind(child, facts, assumed) : undefined);
  return KIND_BY_NODE_TYPE[node.type]?.(node, { facts, assumed, kindOf });
}

/** `b"…"`, `rb'…'` are bytes; every other string literal (f-strings included) is a str. */
function stringLiteralKind(node: Node): ValueKind {
  const start = node.namedChildren.find((child) => child?.type === 'string_start')?.text ?? node.text;
  const prefix = start.slice(0, start.search(/["']/));
  return /b/i.test(prefix) ? 'bytes' : 'str';
}

function binaryKind(node: Node, kindOf: KindOf): ValueKind | undefined {
  const operator = node.childForFieldName('operator')?.text;
  const left = kindOf(node.childForFieldName('left'));
  const right = kindOf(node.childForFieldName('right'));
  switch (operator) {
    case '+':
      if (left !== undefined && left === right) return left === 'bool' ? 'int' : left;
      // A str (bytes) operand makes `+` either a str (bytes) or a TypeError.
      if (left === undefined && TEXT_KINDS.has(right)) return right;
      if (right === undefined && TEXT_KINDS.has(left)) return left;
      return undefined;
    case '%':
      return TEXT_KINDS.has(left) ? left : undefined;
    case '*':
      if (SEQUENCE_KINDS.has(left) && (right === 'int' || right === undefined)) return left;
      if (SEQUENCE_KINDS.has(right) && (left === 'int' || left === undefined)) return right;
      return undefined;
    default:
      return undefined;
  }
}

function subscriptKind(node: Node, kindOf: KindOf): ValueKind | undefined {
  const container = kindOf(node.childForFieldName('value'));
  const index = node.childForFieldName('subscript');
  if (index?.type === 'slice')
    return SEQUENCE_KINDS.has(container) || container === 'bytearray' ? container : undefined;
  if (container === 'str') return 'str';
  return container === 'bytes' || container === 'bytearray' ? 'int' : undefined;
}

function callKind(node: Node, facts: DocumentFacts, kindOf: KindOf): ValueKind | undefined {
  const callee = node.childForFieldName('function');
  if (!callee) return undefined;
  if (callee.type === 'attribute') {
    const receiver = kindOf(callee.childForFieldName('object'));
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (TEXT_KINDS.has(receiver) && SAME_KIND_METHODS.has(method)) return receiver;
    if (receiver === 'str' && STR_ONLY_METHODS.has(method)) return 'str';
    if (receiver === 'str' && method === 'encode') return 'bytes';
    if (receiver === 'bytes' && (method === 'decode' || method === 'hex')) return 'str';
  }
  const name = facts.qualifiedName(callee);
  return name === undefined ? undefined : BUILTIN_RESULTS[name];
}
