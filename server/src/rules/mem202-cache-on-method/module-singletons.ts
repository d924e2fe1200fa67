// Classes with a single instance that lives as long as the module: a cache on
// their methods keeps nothing alive that would otherwise be freed.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { enclosingLoops } from '../../semantics/loops';
import { calleeCall, closestAncestor, descendants, SCOPE_TYPES } from '../../semantics/syntax';
import { usesOfName } from '../../semantics/uses';

/** Private by convention (`_Registry`, not `__dunder__`): other modules do not instantiate it. */
const PRIVATE_NAME = /^_(?!_.*__$)/;
/** Methods through which copy and pickle make further instances. */
const COPY_HOOKS: ReadonlySet<string> = new Set([
  '__copy__',
  '__deepcopy__',
  '__reduce__',
  '__reduce_ex__',
  '__getnewargs__',
  '__getnewargs_ex__',
]);
/** Calls that make a new instance from an existing one, without naming its class. */
const COPYING_CALLS: ReadonlySet<string> = new Set([
  'copy.copy',
  'copy.deepcopy',
  'copy.replace',
  'dataclasses.replace',
]);
/** Words an import or a call of COPYING_CALLS (or pickle, which makes instances on load) spells. */
const COPYING_WORDS: readonly string[] = ['copy', 'deepcopy', 'replace', 'pickle'];
const IMPORT_TYPES: ReadonlySet<string> = new Set(['import_statement', 'import_from_statement']);

/**
 * Whether the class is instantiated exactly once, for the life of the process,
 * as far as can be told: a private class (the leading underscore says other
 * modules leave it alone) defined at module level, whose name the file reads
 * exactly once, to call it in module-level code outside any loop; its body
 * makes no instance of its own class by another name (`cls(…)`,
 * `type(self)(…)`, `__class__`, copy and pickle hooks), and the file neither
 * imports nor calls `copy`, `deepcopy`, `replace` or `pickle`.
 */
export function isModuleSingleton(classNode: Node, facts: DocumentFacts): boolean {
  const name = classNode.childForFieldName('name');
  if (!name || !PRIVATE_NAME.test(name.text)) return false;
  if (closestAncestor(classNode, SCOPE_TYPES)?.type !== 'module') return false;
  const uses = usesOfName(facts, name);
  if (uses?.sites.length !== 1 || uses.reads.length !== 1) return false;
  const call = calleeCall(uses.reads[0]!);
  if (!call || call.childForFieldName('function')?.id !== uses.reads[0]!.id) return false;
  if (closestAncestor(call, SCOPE_TYPES)?.type !== 'module' || enclosingLoops(call).length > 0) return false;
  return !instantiatesItself(classNode) && !copiesObjects(facts);
}

/** Whether the class body can make instances without spelling the class's name. */
function instantiatesItself(classNode: Node): boolean {
  const body = classNode.childForFieldName('body');
  if (!body) return true;
  for (const node of descendants(body)) {
    if (node.type === 'identifier' && node.text === '__class__') return true;
    if (node.type === 'function_definition' && COPY_HOOKS.has(node.childForFieldName('name')?.text ?? '')) return true;
    if (node.type !== 'call') continue;
    const callee = node.childForFieldName('function');
    // `cls(…)` in a class method, `type(self)(…)` anywhere.
    if (callee?.type === 'call' || (callee?.type === 'identifier' && callee.text === 'cls')) return true;
  }
  return false;
}

/** Whether the file may copy an object: it imports a copying function or module (under any alias), or calls one. */
function copiesObjects(facts: DocumentFacts): boolean {
  for (const word of COPYING_WORDS) {
    for (const spelling of facts.names.spellings(word, facts.module.main)) {
      if (closestAncestor(spelling, IMPORT_TYPES)) return true;
      const callee = calleeCall(spelling)?.childForFieldName('function');
      const qualified = callee ? facts.qualifiedName(callee) : undefined;
      if (qualified !== undefined && COPYING_CALLS.has(qualified)) return true;
    }
  }
  return false;
}
