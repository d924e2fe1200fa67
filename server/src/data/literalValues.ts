// The values a read's arguments hold when the code spells them with literals:
// a path (`"data/x.csv"`, a module-level constant, `Path("data") / "x.csv"`,
// `os.path.join("data", "x.csv")`), a list of column names, a dict of dtypes.
// Anything computed at run time (f-strings, parameters, loop variables) is
// undefined: the estimate is then not made rather than guessed.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf } from '../semantics/initialValues';
import { integerLiteral, stringLiteral } from '../semantics/literals';
import { callArguments, unparenthesized } from '../semantics/syntax';

/** How many names deep a constant is followed. */
const MAX_DEPTH = 4;

const PATH_CONSTRUCTORS: ReadonlySet<string> = new Set([
  'pathlib.Path',
  'pathlib.PurePath',
  'pathlib.PosixPath',
  'pathlib.WindowsPath',
]);
const PATH_JOINERS: ReadonlySet<string> = new Set(['os.path.join', 'posixpath.join']);

/** The path a file argument spells, joined with '/', or undefined when the code computes it. */
export function literalPath(node: Node, facts: DocumentFacts, depth = 0): string | undefined {
  const expression = unparenthesized(node);
  if (depth > MAX_DEPTH) return undefined;
  const text = stringLiteral(expression);
  if (text) return text.bytes ? undefined : text.value;
  if (expression.type === 'identifier') {
    const value = constantValue(expression, facts);
    return value ? literalPath(value, facts, depth + 1) : undefined;
  }
  if (expression.type === 'binary_operator') {
    const operator = expression.childForFieldName('operator')?.type;
    const left = expression.childForFieldName('left');
    const right = expression.childForFieldName('right');
    if (!left || !right || (operator !== '/' && operator !== '+')) return undefined;
    const [head, tail] = [literalPath(left, facts, depth + 1), literalPath(right, facts, depth + 1)];
    if (head === undefined || tail === undefined) return undefined;
    return operator === '+' ? head + tail : joinPath([head, tail]);
  }
  if (expression.type === 'call') {
    const callee = expression.childForFieldName('function');
    const name = callee ? facts.qualifiedName(callee) : undefined;
    if (name === undefined || !(PATH_CONSTRUCTORS.has(name) || PATH_JOINERS.has(name))) return undefined;
    const parts = callArguments(expression).map((argument) =>
      argument.type === 'keyword_argument' ? undefined : literalPath(argument, facts, depth + 1),
    );
    if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
    return joinPath(parts as string[]);
  }
  return undefined;
}

/** Joins path parts as Python does: an absolute part starts over. */
function joinPath(parts: readonly string[]): string {
  return parts.reduce(
    (joined, part) => (part.startsWith('/') || joined === '' ? part : `${joined.replace(/\/+$/, '')}/${part}`),
    '',
  );
}

/** The value a name is bound to, when it is bound exactly once, by a plain assignment. */
function constantValue(name: Node, facts: DocumentFacts): Node | undefined {
  const found = bindingsOf(facts, name.text, name);
  const only = found?.bindings.length === 1 ? found.bindings[0] : undefined;
  return only?.kind === 'value' ? only.value : undefined;
}

/** `["a", "b"]`, `("a", 1)`: each item a string or an integer literal. */
export function literalList(node: Node, facts: DocumentFacts): (string | number)[] | undefined {
  const expression = resolved(node, facts);
  if (!['list', 'tuple', 'set'].includes(expression.type)) return undefined;
  const items: (string | number)[] = [];
  for (const item of expression.namedChildren) {
    if (!item || item.type === 'comment') continue;
    const value = literalScalar(item);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}

/** `{"a": "category", "b": "int32"}`: string keys and string values (or dtype spellings such as `np.int32`, `str`). */
export function literalDtypes(node: Node, facts: DocumentFacts): string | Record<string, string> | undefined {
  const expression = resolved(node, facts);
  if (expression.type !== 'dictionary') return dtypeName(expression, facts);
  const dtypes: Record<string, string> = {};
  for (const pair of expression.namedChildren) {
    if (!pair || pair.type === 'comment') continue;
    if (pair.type !== 'pair') return undefined;
    const key = stringLiteral(pair.childForFieldName('key')!);
    const value = dtypeName(pair.childForFieldName('value')!, facts);
    if (!key || value === undefined) return undefined;
    dtypes[key.value] = value;
  }
  return dtypes;
}

/** A dtype as the code names it: `"int32"`, `np.float32`, `str`, `"category"`. */
function dtypeName(node: Node, facts: DocumentFacts): string | undefined {
  const text = stringLiteral(node);
  if (text) return text.value;
  const name = facts.qualifiedName(node);
  if (name === undefined) return undefined;
  if (name.startsWith('numpy.')) return name.slice('numpy.'.length);
  if (name.startsWith('builtins.'))
    return { str: 'object', object: 'object', int: 'int64', float: 'float64', bool: 'bool' }[
      name.slice('builtins.'.length)
    ];
  return undefined;
}

/** An integer argument (`nrows=1000`, `chunksize=10**5` is not folded here: a literal only). */
export function literalInteger(node: Node, facts: DocumentFacts): number | undefined {
  return integerLiteral(resolved(node, facts));
}

export function literalString(node: Node, facts: DocumentFacts): string | undefined {
  const text = stringLiteral(resolved(node, facts));
  return text && !text.bytes ? text.value : undefined;
}

function literalScalar(node: Node): string | number | undefined {
  const text = stringLiteral(node);
  if (text) return text.bytes ? undefined : text.value;
  return integerLiteral(node);
}

/** A name bound once to a value stands for that value. */
function resolved(node: Node, facts: DocumentFacts): Node {
  let expression = unparenthesized(node);
  for (let depth = 0; expression.type === 'identifier' && depth < MAX_DEPTH; depth++) {
    const value = constantValue(expression, facts);
    if (!value) break;
    expression = unparenthesized(value);
  }
  return expression;
}

/** `True` / `False` (or a name bound once to one). */
export function literalBoolean(node: Node, facts: DocumentFacts): boolean | undefined {
  const expression = resolved(node, facts);
  if (expression.type === 'true') return true;
  if (expression.type === 'false') return false;
  return undefined;
}

/** `None`. */
export function isNoneLiteral(node: Node, facts: DocumentFacts): boolean {
  return resolved(node, facts).type === 'none';
}

/** A string or integer, or a list of them: `"date"`, `0`, `["a", 1]`. */
export function literalScalarOrList(
  node: Node,
  facts: DocumentFacts,
): string | number | (string | number)[] | undefined {
  return literalScalar(resolved(node, facts)) ?? literalList(node, facts);
}

/** A string, or a list of strings only: `"?"`, `["-", "n/a"]`. */
export function literalStrings(node: Node, facts: DocumentFacts): string[] | undefined {
  const single = literalString(node, facts);
  if (single !== undefined) return [single];
  const items = literalList(node, facts);
  return items?.every((item) => typeof item === 'string') ? (items as string[]) : undefined;
}
