// The list a combining call (`np.vstack(rows)`, `np.stack([…])`) copies, when
// each of its items is a row of its own: a new array (`np.array(parts)`,
// `x * 2` on an array) or a tuple of numbers, made once per pass and held by
// nothing but the list. Written in the call (`[… for …]`, `list(… for …)`),
// bound to a name the call alone reads, or `rows = []` filled by
// `rows.append(row)` on every pass of one loop. The count of rows is then
// known before the loop: what preallocation needs.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { bindingsOf } from '../../semantics/initialValues';
import { contains, enclosingLoops, LOOP_TYPES, statementOf } from '../../semantics/loops';
import {
  callArguments,
  descendants,
  isAsyncComprehension,
  methodCallOn,
  SCOPE_TYPES,
  unparenthesized,
} from '../../semantics/syntax';
import { singleAssignment } from '../../semantics/uses';
import { itemKind } from '../array-items';

export type ListedRows =
  | {
      readonly kind: 'generated';
      /** The list comprehension, or the generator expression inside `list(…)`. */
      readonly generator: Node;
      /** The list's name where it is bound, when the call reads it through one. */
      readonly name?: Node;
      readonly arrays: boolean;
    }
  | {
      readonly kind: 'appended';
      readonly name: Node;
      /** The loop whose every pass appends a row. */
      readonly loop: Node;
      readonly arrays: boolean;
    };

/** The rows of the list `argument` is (or names), when each is a fresh row; undefined otherwise. */
export function listedRows(argument: Node, call: Node, facts: DocumentFacts): ListedRows | undefined {
  const node = unparenthesized(argument);
  const generated = generatedRows(node, facts);
  if (generated) return generated;
  if (node.type !== 'identifier') return undefined;
  const assigned = singleAssignment(facts, node);
  if (!assigned || assigned.name.startIndex > call.startIndex) return undefined;
  const { name, value: made, otherReads: others } = assigned;
  const bound = generatedRows(made, facts);
  if (bound) return others.length === 0 ? { ...bound, name } : undefined;
  if (!isEmptyList(made, facts) || others.length === 0) return undefined;
  return appendedRows(name, others, call, facts);
}

/** `[row for …]` or `list(row for …)` (builtin list), without `if` (the count is then the iterables'). */
function generatedRows(node: Node, facts: DocumentFacts): ListedRows | undefined {
  let generator: Node | null = null;
  if (node.type === 'list_comprehension') generator = node;
  else if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    const inside = node.childForFieldName('arguments');
    if (callee && inside?.type === 'generator_expression' && facts.qualifiedName(callee) === 'builtins.list')
      generator = inside;
  }
  if (!generator || isAsyncComprehension(generator)) return undefined;
  if (generator.namedChildren.some((child) => child?.type === 'if_clause')) return undefined;
  const body = generator.childForFieldName('body');
  const row = body && rowKind(body, facts);
  return row ? { kind: 'generated', generator, arrays: row === 'array' } : undefined;
}

/** A row made by the expression: a new array, or a tuple or list of numbers. */
function rowKind(expression: Node, facts: DocumentFacts): 'array' | 'display' | undefined {
  const kind = itemKind(expression, facts);
  return kind === 'array' ? 'array' : kind === 'row' ? 'display' : undefined;
}

/** `[]` or `list()`. */
function isEmptyList(value: Node, facts: DocumentFacts): boolean {
  if (value.type === 'list') return value.namedChildCount === 0;
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  return callee !== null && facts.callArguments(value).length === 0 && facts.qualifiedName(callee) === 'builtins.list';
}

/**
 * Every read of the list but the call's is `list.append(row)` on every pass
 * of one loop, the only loop between the list's binding and the append, and
 * the call comes after that loop.
 */
function appendedRows(name: Node, reads: readonly Node[], call: Node, facts: DocumentFacts): ListedRows | undefined {
  let loop: Node | undefined;
  let arrays = true;
  for (const read of reads) {
    const append = appendCall(read);
    const row = append ? appendedRow(append, facts) : undefined;
    const loops = append ? enclosingLoops(append).filter((outer) => !contains(outer, name)) : [];
    if (!append || !row || loops.length !== 1 || (loop && loops[0]!.id !== loop.id)) return undefined;
    loop = loops[0]!;
    if (!runsEveryPass(append, loop)) return undefined;
    arrays &&= row === 'array';
  }
  if (!loop || contains(loop, call) || call.startIndex < loop.endIndex) return undefined;
  return { kind: 'appended', name, loop, arrays };
}

/** The call `list.append(x)`, as a statement of its own, whose receiver is this read of the list. */
function appendCall(read: Node): Node | undefined {
  const call = methodCallOn(read, 'append');
  if (!call) return undefined;
  return callArguments(call).length === 1 && statementOf(call)?.namedChild(0)?.id === call.id ? call : undefined;
}

/** What `list.append(x)` adds, when it is a row: x itself, or a name bound to a row once in the loop, before. */
function appendedRow(append: Node, facts: DocumentFacts): 'array' | 'display' | undefined {
  const value = unparenthesized(callArguments(append)[0]!);
  const loop = enclosingLoops(append)[0];
  if (!loop) return undefined;
  const row = value.type === 'identifier' ? boundRow(value, append, loop, facts) : value;
  return row && !isListOfThePass(row, loop, facts) ? rowKind(row, facts) : undefined;
}

/** The value of the name's one binding in the loop, before the append and on every pass. */
function boundRow(name: Node, append: Node, loop: Node, facts: DocumentFacts): Node | undefined {
  const inLoop = (bindingsOf(facts, name.text, name)?.bindings ?? []).filter((binding) =>
    contains(loop, binding.site.node),
  );
  const binding = inLoop.length === 1 ? inLoop[0]! : undefined;
  if (binding?.kind !== 'value' || binding.site.node.startIndex > append.startIndex) return undefined;
  const statement = statementOf(binding.site.node);
  return statement && runsEveryPass(statement, loop) ? binding.value : undefined;
}

/**
 * `np.array(tokens)` of a list the pass starts empty and fills: as long as
 * that pass made it, so rows of different lengths, which `np.array` does not
 * copy into one array (before numpy 1.24 it makes an object array holding
 * them; later versions raise).
 */
function isListOfThePass(row: Node, loop: Node, facts: DocumentFacts): boolean {
  const call = unparenthesized(row);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  const listed = callee && CONVERTING_CALLS.has(facts.qualifiedName(callee) ?? '') ? callArguments(call)[0] : undefined;
  if (listed?.type !== 'identifier') return false;
  return (bindingsOf(facts, listed.text, listed)?.bindings ?? []).some(
    (binding) =>
      binding.kind === 'value' &&
      contains(loop, binding.site.node) &&
      isEmptyList(unparenthesized(binding.value), facts),
  );
}

const CONVERTING_CALLS: ReadonlySet<string> = new Set(['numpy.array', 'numpy.asarray']);

/** Blocks that run whenever the statement around them does. */
const UNCONDITIONAL: ReadonlySet<string> = new Set(['block', 'with_statement', 'expression_statement']);

/**
 * Whether the node runs on every pass of the loop: it sits in the loop's body
 * outside any `if`, `try` or nested loop, and nothing in the body ends a pass
 * early (`continue`, `break`).
 */
function runsEveryPass(node: Node, loop: Node): boolean {
  const body = loop.childForFieldName('body');
  if (!body) return false;
  for (let current = statementOf(node)?.parent; current && current.id !== body.id; current = current.parent) {
    if (!UNCONDITIONAL.has(current.type)) return false;
  }
  return !endsPassEarly(body);
}

const PASS_ENDINGS: ReadonlySet<string> = new Set(['continue_statement', 'break_statement']);

/** A `continue` or `break` of this loop: not one of a nested loop, function or class. */
function endsPassEarly(body: Node): boolean {
  const nested = (node: Node) => node.id === body.id || (!LOOP_TYPES.has(node.type) && !SCOPE_TYPES.has(node.type));
  for (const node of descendants(body, nested)) if (PASS_ENDINGS.has(node.type)) return true;
  return false;
}
