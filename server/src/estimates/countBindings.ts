// What a size's free count stands for: over `[0] * n` after `n = len(rows)`,
// "56 + 8·n B" alone leaves the reader to find n, so the hover says
// "n = len(rows)". Only names bound once are followed; the others have no one
// expression to show.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { descendants } from '../semantics/syntax';
import { singleAssignmentValue } from '../semantics/names';
import type { Size } from '../sizes/size';

export interface CountBinding {
  readonly name: string;
  readonly expression: string;
}

// A name standing as a term of the count: `n`, `n` in `n + 1`, not `rows` in
// `len(rows)` (the count already shows what is counted) nor `size` in `self.size`.
const CALL = /[\w.]+\([^()]*\)/g;
const NAME = /(?<![\w.])[A-Za-z_]\w*(?![\w.(])/g;

/** The names of the count in `size` that `expression` reads, each with the one expression it is bound to. */
export function countBindings(expression: Node, size: Size, facts: DocumentFacts): CountBinding[] {
  const count = size.perCount?.count;
  if (!count) return [];
  const names = new Set(count.replace(CALL, '').match(NAME) ?? []);
  const bindings = new Map<string, string>();
  for (const node of descendants(expression)) {
    if (node.type !== 'identifier' || !names.has(node.text) || bindings.has(node.text)) continue;
    const value = singleAssignmentValue(facts, node);
    if (value && !value.text.includes('\n')) bindings.set(node.text, value.text);
  }
  return [...bindings].map(([name, bound]) => ({ name, expression: bound }));
}
