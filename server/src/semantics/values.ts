// What kind of value a local name holds, when every binding shows it.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';

/** A builtin container of any kind, one known to be a mapping (has keys, values, items), or a list or tuple. */
export type ContainerKind = 'container' | 'mapping' | 'list or tuple';

const MAPPING_DISPLAYS: ReadonlySet<string> = new Set(['dictionary', 'dictionary_comprehension']);
const LIST_OR_TUPLE_DISPLAYS: ReadonlySet<string> = new Set(['list', 'tuple', 'list_comprehension']);
const CONTAINER_DISPLAYS: ReadonlySet<string> = new Set([
  ...MAPPING_DISPLAYS,
  'list',
  'tuple',
  'set',
  'list_comprehension',
  'set_comprehension',
  'string',
  'concatenated_string',
]);

// defaultdict is left out on purpose: reading a missing key inserts it.
const MAPPING_CALLS: ReadonlySet<string> = new Set(['builtins.dict', 'collections.Counter', 'collections.OrderedDict']);
const LIST_OR_TUPLE_CALLS: ReadonlySet<string> = new Set(['builtins.list', 'builtins.tuple', 'builtins.sorted']);
const CONTAINER_CALLS: ReadonlySet<string> = new Set([
  ...MAPPING_CALLS,
  ...['list', 'tuple', 'set', 'frozenset', 'sorted', 'str', 'bytes', 'bytearray'].map((name) => `builtins.${name}`),
  'collections.deque',
]);

/**
 * Whether the name, as seen from `name`'s position, is local to the scope it is
 * used in and every binding of it there assigns a builtin container made on the
 * spot (`xs = []`, `d = dict(...)`, `xs += more`), so iterating it cannot run
 * user code or use it up.
 */
export function holdsBuiltinContainer(name: Node, facts: DocumentFacts, kind: ContainerKind): boolean {
  if (name.type !== 'identifier') return false;
  const found = facts.lookup(name.text, name);
  if (found === undefined || found === 'unknown' || found.scope !== facts.scopes.scopeOf(name)) return false;
  const assigned = found.sites.some((site) => site.node.parent?.type === 'assignment');
  return (
    assigned &&
    found.sites.every((site) => {
      const statement = site.node.parent;
      if (site.kind !== 'assignment' || !statement || !statement.childForFieldName('left')?.equals(site.node))
        return false;
      // In-place operators keep a builtin container's type.
      if (statement.type === 'augmented_assignment') return true;
      const value = statement.type === 'assignment' ? statement.childForFieldName('right') : null;
      return value !== null && isContainerValue(value, facts, kind);
    })
  );
}

const DISPLAYS: Readonly<Record<ContainerKind, ReadonlySet<string>>> = {
  container: CONTAINER_DISPLAYS,
  mapping: MAPPING_DISPLAYS,
  'list or tuple': LIST_OR_TUPLE_DISPLAYS,
};
const CALLS: Readonly<Record<ContainerKind, ReadonlySet<string>>> = {
  container: CONTAINER_CALLS,
  mapping: MAPPING_CALLS,
  'list or tuple': LIST_OR_TUPLE_CALLS,
};

function isContainerValue(value: Node, facts: DocumentFacts, kind: ContainerKind): boolean {
  if (DISPLAYS[kind].has(value.type)) return true;
  if (value.type !== 'call') return false;
  const callee = value.childForFieldName('function');
  const qualified = callee ? facts.qualifiedName(callee) : undefined;
  return qualified !== undefined && CALLS[kind].has(qualified);
}
