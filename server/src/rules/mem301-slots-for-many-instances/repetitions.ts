// The document's loops and comprehensions as text extents, found once from
// their `for` and `while` tokens: asking whether a node runs inside one then
// costs no climb from the node to the root, each step a call into WASM.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { LOOP_TYPES } from '../../semantics/loops';
import { COMPREHENSION_TYPES } from '../../semantics/syntax';

interface Extent {
  readonly start: number;
  readonly end: number;
}

const extentsByDocument = new WeakMap<DocumentFacts, readonly Extent[]>();

/** Whether a loop or comprehension contains the node (its header included, as for any node inside it). */
export function isInsideRepetition(node: Node, facts: DocumentFacts): boolean {
  let extents = extentsByDocument.get(facts);
  if (!extents) extentsByDocument.set(facts, (extents = repetitionExtents(facts)));
  // A node's end is a call into WASM: read once, not once per extent.
  const start = node.startIndex;
  const end = node.endIndex;
  return extents.some((extent) => extent.start <= start && end <= extent.end);
}

function repetitionExtents(facts: DocumentFacts): Extent[] {
  const extents: Extent[] = [];
  for (const part of facts.module.parts) {
    for (const keyword of ['for', 'while']) {
      for (const token of facts.names.tokens(keyword, keyword, part.root)) {
        // A `for` heads a loop, or a comprehension's `for … in` clause.
        const clause = token.parent;
        const repeated = clause?.type === 'for_in_clause' ? clause.parent : clause;
        if (repeated && (LOOP_TYPES.has(repeated.type) || COMPREHENSION_TYPES.has(repeated.type))) {
          extents.push({ start: repeated.startIndex, end: repeated.endIndex });
        }
      }
    }
  }
  return extents;
}
