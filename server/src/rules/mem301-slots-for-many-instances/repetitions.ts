// The document's loops and comprehensions as text extents, found once from
// their `for` and `while` tokens: asking whether a node runs inside one then
// costs no climb from the node to the root, each step a call into WASM. In the
// editor each part's extents are kept with its tree: a keystroke searches
// only the part it changed, not the whole module.
import type { Node } from 'web-tree-sitter';
import type { ModulePart } from '../../document/moduleParts';
import { PartCache } from '../../document/partCache';
import type { DocumentFacts } from '../../semantics/facts';
import { LOOP_TYPES } from '../../semantics/loops';
import { COMPREHENSION_TYPES } from '../../semantics/syntax';

interface Extent {
  readonly start: number;
  readonly end: number;
}

const extentsByDocument = new WeakMap<DocumentFacts, readonly Extent[]>();
/** By part: its extents, at offsets from the part's start. */
const extentsOfParts = new PartCache<readonly Extent[]>();

/** Whether a loop or comprehension contains the node (its header included, as for any node inside it). */
export function isInsideRepetition(node: Node, facts: DocumentFacts): boolean {
  let extents = extentsByDocument.get(facts);
  if (!extents) extentsByDocument.set(facts, (extents = repetitionExtents(facts)));
  // A node's end is a call into WASM: read once, not once per extent.
  const start = node.startIndex;
  const end = node.endIndex;
  return extents.some((extent) => extent.start <= start && end <= extent.end);
}

/** The extents of every part, at document offsets. */
export function repetitionExtents(facts: DocumentFacts): Extent[] {
  const { module } = facts;
  if (!module.keptAcrossEdits) return module.parts.flatMap((part) => partExtents(part, facts, 0));
  const { text, textStart } = module;
  return module.parts.flatMap((part) =>
    extentsOfParts
      .get(part, text.slice(part.start - textStart, part.end - textStart), () => partExtents(part, facts, part.start))
      .map((extent) => ({ start: part.start + extent.start, end: part.start + extent.end })),
  );
}

/** The part's extents, at offsets from `origin`. */
function partExtents(part: ModulePart, facts: DocumentFacts, origin: number): Extent[] {
  const extents: Extent[] = [];
  // The CLI's one part is the module, whose tokens other rules search for too.
  const within = facts.module.keptAcrossEdits ? { startIndex: part.start, endIndex: part.end } : part.root;
  for (const keyword of ['for', 'while']) {
    for (const token of facts.names.tokens(keyword, keyword, within)) {
      // A `for` heads a loop, or a comprehension's `for … in` clause.
      const clause = token.parent;
      const repeated = clause?.type === 'for_in_clause' ? clause.parent : clause;
      if (repeated && (LOOP_TYPES.has(repeated.type) || COMPREHENSION_TYPES.has(repeated.type))) {
        extents.push({ start: repeated.startIndex - origin, end: repeated.endIndex - origin });
      }
    }
  }
  return extents;
}
