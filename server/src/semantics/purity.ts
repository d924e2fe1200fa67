// Is an expression free of side effects, so that evaluating it lazily (in a
// generator) instead of eagerly (in a list) cannot change what a program does?
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';
import { callArguments, isSideEffectFree } from './syntax';

/**
 * Builtins that compute a value from their arguments and change nothing: a
 * call to one is as free of side effects as the arithmetic it stands for.
 * Builtins that iterate (sum, sorted…) are left out: they may use up an iterator.
 */
const PURE_BUILTINS: ReadonlySet<string> = new Set(
  [
    'abs',
    'len',
    'str',
    'repr',
    'ascii',
    'int',
    'float',
    'complex',
    'bool',
    'round',
    'ord',
    'chr',
    'hex',
    'oct',
    'bin',
    'divmod',
    'pow',
    'hash',
    'isinstance',
    'issubclass',
    'callable',
    'type',
    'format',
  ].map((name) => `builtins.${name}`),
);

function isPureCall(call: Node, facts: DocumentFacts): boolean {
  const callee = call.childForFieldName('function');
  if (!callee || !PURE_BUILTINS.has(facts.qualifiedName(callee) ?? '')) return false;
  return callArguments(call).every(
    (argument) => argument.type !== 'list_splat' && argument.type !== 'dictionary_splat',
  );
}

/**
 * True when every expression of a comprehension but its first iterable (which
 * a generator evaluates eagerly too) is free of side effects.
 */
export function isSideEffectFreeComprehension(comprehension: Node, facts: DocumentFacts): boolean {
  const firstClause = comprehension.namedChildren.find((child) => child?.type === 'for_in_clause');
  const firstIterable = firstClause?.childForFieldName('right') ?? undefined;
  const pureCall = (call: Node) => isPureCall(call, facts);
  return comprehension.namedChildren.every(
    (child) => child === null || isSideEffectFree(child, firstIterable, pureCall),
  );
}
