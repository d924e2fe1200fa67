// Where each name is spelled in a document, found once: asking "where is `rows`
// read?" then costs a lookup instead of a walk over the whole scope, which on
// a large module made the analysis quadratic.
import type { Node } from 'web-tree-sitter';
import { INNER_BINDERS } from './bindings';

/** Names of the builtins that can reach a scope's variables without spelling them. */
const DYNAMIC_ACCESS_NAMES: ReadonlySet<string> = new Set(['eval', 'exec', 'globals', 'locals', 'vars']);

export class NameIndex {
  private readonly identifiers = new Map<string, Node[]>();
  /** Calls whose callee ends in one of DYNAMIC_ACCESS_NAMES (`eval(…)`, `builtins.eval(…)`). */
  private readonly dynamicCalls: Node[] = [];
  /** Parameters of functions and lambdas: they bind inside, though they stand outside the body. */
  private readonly parameterIds = new Set<number>();

  /** `readsModule` hears of questions about the whole module: their answers depend on all of it. */
  constructor(
    private readonly root: Node,
    private readonly readsModule: (name: string) => void = () => undefined,
  ) {
    // descendantsOfType runs inside tree-sitter: one call instead of one per node.
    for (const node of root.descendantsOfType(['identifier', ...Object.keys(INNER_BINDERS)])) {
      if (node.type !== 'identifier') {
        for (const parameter of INNER_BINDERS[node.type]?.targets(node) ?? []) this.parameterIds.add(parameter.id);
        continue;
      }
      const name = node.text;
      const list = this.identifiers.get(name);
      if (list) list.push(node);
      else this.identifiers.set(name, [node]);
      if (DYNAMIC_ACCESS_NAMES.has(name)) {
        const call = calleeCall(node);
        if (call) this.dynamicCalls.push(call);
      }
    }
  }

  /** Identifiers spelled `name` inside `within`, in document order. */
  spellings(name: string, within: Node): readonly Node[] {
    if (within.id === this.root.id) this.readsModule(name);
    return (this.identifiers.get(name) ?? []).filter((node) => contains(within, node));
  }

  /** Calls inside `within` that may be eval/exec/globals/locals/vars. */
  dynamicCallsIn(within: Node): readonly Node[] {
    if (within.id === this.root.id) for (const name of DYNAMIC_ACCESS_NAMES) this.readsModule(name);
    return this.dynamicCalls.filter((call) => contains(within, call));
  }

  isParameter(identifier: Node): boolean {
    return this.parameterIds.has(identifier.id);
  }
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** The call whose callee is this identifier, directly or as an attribute's name. */
function calleeCall(identifier: Node): Node | undefined {
  let callee = identifier;
  const parent = identifier.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === identifier.id) callee = parent;
  const call = callee.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === callee.id ? call : undefined;
}
