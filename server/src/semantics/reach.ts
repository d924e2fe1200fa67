// Who else may change a value while some code runs, besides that code: the
// same value spelled another way (an import of the same path, a local
// assigned it), code that runs at a `yield` or `await`, and functions the
// code calls that can reach a module's values without being given them.
import type { Node } from 'web-tree-sitter';
import { mayBeAliased } from './aliasing';
import { isMaximalChain, related, type Chain } from './chains';
import type { DocumentFacts } from './facts';
import { assignedSpellings, rootOf, spellingAt, spellingOf, type Home } from './spellings';
import { holdsBuiltinContainer } from './values';
import {
  changesThrough,
  ITERATING_BUILTINS,
  LOOKING_BUILTINS,
  LOOKING_METHODS,
  runningNodes,
  type MutationQuestion,
} from './valueChanges';

/** What a source is wherever it is spelled, and what may reach it besides the code that names it. */
export interface Reach {
  /** Its chain as the regions spell it, and with an imported root resolved (`sys.modules` for `modules`). */
  readonly spelled: Chain;
  readonly resolved: Chain;
  readonly home: Home;
  /** Other spellings of the source in its scope: `node.children` for `tree.children` after `tree = node`. */
  readonly assigned: readonly Chain[];
  readonly from: Node;
  /** Whether code outside the regions may hold it (asked when a yield or await is met). */
  isShared(): boolean;
}

export function reachOf(source: Chain, from: Node, facts: DocumentFacts): Reach | undefined {
  // A function or class of this file named in the copied expression is code, not data: only rebinding it changes it.
  if (source.length === 1 && isDefinedHere(source[0]!, from, facts)) return undefined;
  const { chain: resolved, home } = spellingOf(source, from, facts);
  return {
    spelled: source,
    resolved,
    home,
    assigned: home === 'local' ? assignedSpellings(source, from, facts) : [],
    from,
    isShared: () =>
      home !== 'builtin' && (home !== 'local' || source.length > 1 || !isPrivateLocal(source[0]!, from, facts)),
  };
}

function isDefinedHere(name: string, from: Node, facts: DocumentFacts): boolean {
  const found = facts.lookup(name, from);
  return found !== undefined && found !== 'unknown' && found.sites.every((site) => site.kind === 'definition');
}

/**
 * Values the interpreter changes as a side effect of code that never names them:
 * any import, even one a codec lookup makes, adds to `sys.modules` (the sys
 * documentation asks for a copy to iterate it, bpo-45353).
 */
const CHANGED_BEHIND_THE_CODE: readonly Chain[] = [['sys', 'modules']];

export function isChangedBehindTheCode(reach: Reach): boolean {
  return reach.home === 'import' && CHANGED_BEHIND_THE_CODE.some((chain) => related(chain, reach.resolved));
}

/** A function-local name whose every binding makes a builtin container on the spot, and that nothing else can reach. */
function isPrivateLocal(name: string, from: Node, facts: DocumentFacts): boolean {
  const found = facts.lookup(name, from);
  if (found === undefined || found === 'unknown') return false;
  const site = found.sites[0]?.node;
  return site?.type === 'identifier' && holdsBuiltinContainer(site, facts, 'container') && !mayBeAliased(site, facts);
}

/** Statements and expressions after which code elsewhere runs before the rest of the region. */
const SUSPENDING: ReadonlySet<string> = new Set(['yield', 'await']);

/** Whether the node runs code that may reach the source without being given it. */
export function runsOtherCode(node: Node, reach: Reach, facts: DocumentFacts): boolean {
  if (SUSPENDING.has(node.type)) return reach.isShared();
  if (node.type !== 'call' || (reach.home !== 'module' && reach.home !== 'import')) return false;
  return callMayChange(node, reach, facts, new Set(), 0);
}

/** Builtins whose call runs no code that could reach a module's values. */
const INERT_BUILTINS: ReadonlySet<string> = new Set([
  ...LOOKING_BUILTINS,
  ...ITERATING_BUILTINS,
  ...['range', 'slice', 'bytes', 'bytearray', 'open', 'object'].map((name) => `builtins.${name}`),
]);

/** How deep the functions a call leads to are read before the answer is "it may". */
const CALL_DEPTH = 4;

/**
 * Whether a call may change a module-level or imported value it is not given:
 * a builtin other than those that only look or iterate; a method other than
 * those that only look, of an object whose code the analysis cannot see (a
 * local builtin container's methods are CPython's); a
 * function of another module, for another module's value (importing may add
 * to `sys.modules`, a module's function changes its own state); a function of
 * this file whose body, read up to CALL_DEPTH calls deep, may change it.
 */
function callMayChange(call: Node, reach: Reach, facts: DocumentFacts, reading: Set<number>, depth: number): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return true;
  const name = facts.qualifiedName(callee);
  if (name?.startsWith('builtins.')) return !INERT_BUILTINS.has(name);
  if (callee.type === 'attribute' && isBuiltinMethod(callee, facts)) return false;
  if (name !== undefined) return reach.home === 'import';
  const definition = functionDefinedAs(callee, facts);
  return definition ? functionMayChange(definition, reach, facts, reading, depth) : true;
}

/** A method known to only look, or any method of a local builtin container (`seen.add`, `parts.append`): CPython's own code. */
function isBuiltinMethod(callee: Node, facts: DocumentFacts): boolean {
  if (LOOKING_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) return true;
  const object = callee.childForFieldName('object');
  return object !== null && holdsBuiltinContainer(object, facts, 'container');
}

/** The function a called name is bound to by its only binding, a `def` of this file. */
function functionDefinedAs(callee: Node, facts: DocumentFacts): Node | undefined {
  if (callee.type !== 'identifier') return undefined;
  const found = facts.lookup(callee.text, callee);
  if (found === undefined || found === 'unknown' || found.sites.length !== 1) return undefined;
  const definition = found.sites[0]!.node.parent;
  // A decorator may wrap it in code the analysis cannot see.
  if (found.sites[0]!.kind !== 'definition' || definition?.type !== 'function_definition') return undefined;
  return definition.parent?.type === 'decorated_definition' ? undefined : definition;
}

function functionMayChange(
  definition: Node,
  reach: Reach,
  facts: DocumentFacts,
  reading: Set<number>,
  depth: number,
): boolean {
  // A function being read already is answered where it was first met.
  if (reading.has(definition.id)) return false;
  if (depth >= CALL_DEPTH) return true;
  reading.add(definition.id);
  // The answer now depends on a body elsewhere in the file, which an edit there may change.
  facts.readsWholeDocument();
  const body = definition.childForFieldName('body');
  if (!body) return true;
  const question = { facts, iteratingConsumes: false };
  for (const node of runningNodes(body)) {
    if (node.type === 'call' && callMayChange(node, reach, facts, reading, depth + 1)) return true;
    if (!isMaximalChain(node)) continue;
    const spelled = spellingAt(node, facts);
    // The function's own locals are other values, whatever their names.
    if (!spelled || spelled.home !== reach.home) continue;
    if (changesThrough(node, spelled.chain, reach.resolved, question)) return true;
  }
  return false;
}

/**
 * Whether the chain, spelled another way than the source (its imported path,
 * or through a local assigned it), changes the source.
 */
export function changesThroughOtherSpelling(
  node: Node,
  chain: Chain,
  reach: Reach,
  question: MutationQuestion,
): boolean {
  const { facts } = question;
  const root = rootOf(node);
  if (reach.home === 'import') {
    const spelled = spellingOf(chain, root, facts);
    if (spelled.home === 'import' && changesThrough(node, spelled.chain, reach.resolved, question)) return true;
  }
  // The same root is the same local: changesThrough has answered.
  if (reach.home !== 'local' || root.type !== 'identifier' || chain[0] === reach.spelled[0]) return false;
  const sources = [reach.spelled, ...reach.assigned];
  const spellings = [chain, ...assignedSpellings(chain, reach.from, facts)];
  return spellings.some((spelling) => sources.some((source) => changesThrough(node, spelling, source, question)));
}
