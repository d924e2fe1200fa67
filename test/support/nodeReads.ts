// Watches what code reads of a syntax tree: every property and method of
// web-tree-sitter's Node, and every node handed back, reported to a listener
// while one runs. Tests use it to see what the analysis of one chunk reads of
// the rest of the document. Calls made inside `exempt` classes' methods are not
// reported (the facts' own bookkeeping, whose answers are checked elsewhere).
import { Node } from 'web-tree-sitter';

/** A read of `node`: `operation` is the property or method, `returned` the nodes it handed back. */
export type NodeRead = (node: Node, operation: string, returned: readonly Node[]) => void;

/** Reads of a node's place in the tree, which tell nothing of its text or its children. */
export const STRUCTURE_READS: ReadonlySet<string> = new Set([
  'type',
  'typeId',
  'grammarType',
  'grammarId',
  'isNamed',
  'isError',
  'isMissing',
  'isExtra',
  'hasError',
  'hasChanges',
  'endIndex',
  'endPosition',
  'parent',
  'equals',
]);

const GETTERS = [
  ...STRUCTURE_READS,
  'text',
  'childCount',
  'namedChildCount',
  'firstChild',
  'lastChild',
  'firstNamedChild',
  'lastNamedChild',
  'children',
  'namedChildren',
  'nextSibling',
  'previousSibling',
  'nextNamedSibling',
  'previousNamedSibling',
  'descendantCount',
].filter((name) => name !== 'equals');

const METHODS = [
  'equals',
  'child',
  'namedChild',
  'childForFieldId',
  'childForFieldName',
  'fieldNameForChild',
  'fieldNameForNamedChild',
  'childrenForFieldName',
  'childrenForFieldId',
  'firstChildForIndex',
  'firstNamedChildForIndex',
  'descendantsOfType',
  'childWithDescendant',
  'descendantForIndex',
  'namedDescendantForIndex',
  'descendantForPosition',
  'namedDescendantForPosition',
  'walk',
  'toString',
];

let listener: NodeRead | undefined;
let exemptDepth = 0;
let installed = false;
const endIndexGetter = Object.getOwnPropertyDescriptor(Node.prototype, 'endIndex')!.get!;

/** Where a node ends, read without being reported. */
export function endOf(node: Node): number {
  return endIndexGetter.call(node) as number;
}

function returnedNodes(value: unknown): Node[] {
  if (value instanceof Node) return [value];
  if (Array.isArray(value)) return value.filter((item): item is Node => item instanceof Node);
  return [];
}

function report(node: Node, operation: string, value: unknown): void {
  const current = listener;
  if (!current || exemptDepth > 0) return;
  listener = undefined;
  try {
    current(node, operation, returnedNodes(value));
  } finally {
    listener = current;
  }
}

function install(exempt: readonly (abstract new (...args: never[]) => unknown)[]): void {
  if (installed) return;
  installed = true;
  const prototype = Node.prototype as unknown as Record<string, unknown>;
  for (const name of GETTERS) {
    const descriptor = Object.getOwnPropertyDescriptor(Node.prototype, name);
    if (!descriptor?.get) throw new Error(`web-tree-sitter's Node has no getter ${name}`);
    const get = descriptor.get;
    Object.defineProperty(Node.prototype, name, {
      ...descriptor,
      get(this: Node) {
        const value = get.call(this);
        report(this, name, value);
        return value;
      },
    });
  }
  for (const name of METHODS) {
    const method = prototype[name];
    if (typeof method !== 'function') throw new Error(`web-tree-sitter's Node has no method ${name}`);
    prototype[name] = function (this: Node, ...args: unknown[]) {
      const value = (method as (...args: unknown[]) => unknown).apply(this, args);
      report(this, name, value);
      return value;
    };
  }
  for (const type of exempt) {
    const methods = type.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(methods)) {
      const descriptor = Object.getOwnPropertyDescriptor(methods, name);
      if (name === 'constructor' || typeof descriptor?.value !== 'function') continue;
      const method = descriptor.value as (...args: unknown[]) => unknown;
      methods[name] = function (this: unknown, ...args: unknown[]) {
        exemptDepth++;
        try {
          return method.apply(this, args);
        } finally {
          exemptDepth--;
        }
      };
    }
  }
}

/** Runs `run` with every read of a node reported to `onRead`, except inside the methods of the `exempt` classes. */
export function watchingNodeReads<T>(
  exempt: readonly (abstract new (...args: never[]) => unknown)[],
  onRead: NodeRead,
  run: () => T,
): T {
  install(exempt);
  listener = onRead;
  try {
    return run();
  } finally {
    listener = undefined;
  }
}
