// What a value kept once per pass of nested loops adds up to: the bytes per
// item times the passes of every loop, `4 × 40 B` for `range(4)`, or a count
// in the loops' own terms (`40·n B, n = len(rows)·len(cols)`, `n = passes of
// `while queue``).
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { knownPassCount } from '../../semantics/loops';
import { perCountSize, type Size } from '../../sizes/size';
import { perPassHolds } from '../../scale/holds';

/**
 * `perItem` bytes kept on each pass of every loop (innermost first); undefined
 * when a loop is neither a `for` nor a `while`.
 */
export function holdsOverLoops(perItem: number, loops: readonly Node[], facts: DocumentFacts): Size | undefined {
  let holds: Size | undefined = { bytes: perItem, approximate: true };
  for (const loop of loops) {
    if (!holds) return undefined;
    holds = timesPasses(holds, loop, facts);
  }
  return holds;
}

function timesPasses(size: Size, loop: Node, facts: DocumentFacts): Size | undefined {
  // A display's passes are its items (`for part in (a, b, c)`), which perPassHolds would count as `len((a, b, c))`.
  const known = knownPassCount(loop, facts);
  const passes =
    known !== undefined ? { bytes: known, approximate: true } : (perPassHolds(1, loop, facts) ?? whilePasses(loop));
  if (!passes) return undefined;
  if (!passes.perCount) return scaled(size, passes.bytes);
  if (!size.perCount) return perCountSize(0, size.bytes * passes.perCount.bytes, passes.perCount.count, true);
  return perCountSize(0, size.perCount.bytes, `${size.perCount.count}·${passes.perCount.count}`, true);
}

/** A `while` loop's passes are known by its condition alone: `n = passes of while queue`. */
function whilePasses(loop: Node): Size | undefined {
  const condition = loop.type === 'while_statement' ? loop.childForFieldName('condition')?.text : undefined;
  if (condition === undefined) return undefined;
  const shown =
    condition.length <= MAX_CONDITION && !/\s{2,}|\n/.test(condition) ? `\`while ${condition}\`` : 'the `while` loop';
  return perCountSize(0, 1, `passes of ${shown}`, true);
}

/** Longer conditions would crowd the message that names them. */
const MAX_CONDITION = 24;

function scaled(size: Size, factor: number): Size {
  return size.perCount
    ? perCountSize(size.bytes * factor, size.perCount.bytes * factor, size.perCount.count, true)
    : { bytes: size.bytes * factor, approximate: true };
}
