// How many entries a functools cache decorator keeps, read off the decorator:
// `@cache` and `maxsize=None` keep every entry; `@lru_cache`, `@lru_cache()`
// and `maxsize=N` keep at most N (128 by default); `maxsize=0` keeps none.
import type { Node } from 'web-tree-sitter';
import { decoratorExpression } from '../../semantics/decorators';
import type { DocumentFacts } from '../../semantics/facts';
import { bindingsOf } from '../../semantics/initialValues';
import { integerLiteral } from '../../semantics/literals';
import { unparenthesized } from '../../semantics/syntax';
import { formatCount } from '../../sizes/format';

export type CacheSize =
  | { readonly kind: 'unbounded' }
  /** `limit` as the message spells it: a count (`128`), or the expression when it is not a literal (`CACHE_SIZE`). */
  | { readonly kind: 'bounded'; readonly limit: string }
  /** `maxsize=0` (or negative): functools calls the method every time and stores nothing. */
  | { readonly kind: 'storesNothing' };

/** functools.lru_cache's default `maxsize`. */
const DEFAULT_MAXSIZE = 128;

const UNBOUNDED: CacheSize = { kind: 'unbounded' };

/** The size of the cache `decorator` makes; `name` is its qualified name (`functools.cache`, `functools.lru_cache`). */
export function cacheSize(decorator: Node, name: string, facts: DocumentFacts): CacheSize {
  if (name === 'functools.cache') return UNBOUNDED;
  const expression = decoratorExpression(decorator);
  const maxsize = expression?.type === 'call' ? maxsizeArgument(expression, facts) : undefined;
  if (!maxsize) return bounded(DEFAULT_MAXSIZE);
  const value = unparenthesized(maxsize);
  if (value.type === 'none') return UNBOUNDED;
  const count = integerLiteral(value) ?? constantInteger(value, facts);
  if (count === undefined) return { kind: 'bounded', limit: `\`${value.text}\`` };
  // CPython treats a negative maxsize as 0.
  return count <= 0 ? { kind: 'storesNothing' } : bounded(count);
}

function bounded(count: number): CacheSize {
  return { kind: 'bounded', limit: formatCount(count) };
}

/** The `maxsize=` keyword's value, else the first positional argument (`lru_cache(64)`). */
function maxsizeArgument(call: Node, facts: DocumentFacts): Node | undefined {
  const args = facts.callArguments(call);
  const keyword = args.find(
    (arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'maxsize',
  );
  if (keyword) return keyword.childForFieldName('value') ?? undefined;
  const first = args[0];
  return first && first.type !== 'keyword_argument' && first.type !== 'list_splat' && first.type !== 'dictionary_splat'
    ? first
    : undefined;
}

/** A name bound once, to an integer literal (`CACHE_SIZE = 256`). */
function constantInteger(node: Node, facts: DocumentFacts): number | undefined {
  if (node.type !== 'identifier') return undefined;
  const bindings = bindingsOf(facts, node.text, node)?.bindings;
  const only = bindings?.length === 1 ? bindings[0] : undefined;
  return only?.kind === 'value' ? integerLiteral(unparenthesized(only.value)) : undefined;
}
