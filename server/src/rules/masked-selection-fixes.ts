// What the fixes of MEM406 and MEM407 share: the mask as an operand of
// `.sum()` or `.loc[…]`, their safety, and the comments they would lose.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { descendants } from '../semantics/syntax';
import type { MaskedRows } from './boolean-masks';
import { isUnchangedSinceMask } from './mask-unchanged';
import type { FixSafety } from './types';
import { hasUniqueColumnLabels } from './unique-column-labels';

/** Masks that `.sum()` can follow as written: a call (`df["a"].isna()`) or a name; anything else is parenthesized. */
const OPERAND_TYPES: ReadonlySet<string> = new Set(['call', 'identifier']);

/** The mask as written, in parentheses unless it is a call or a name: what `.sum()` can follow. */
export function maskOperand(rows: MaskedRows): string {
  return OPERAND_TYPES.has(rows.mask.type) ? rows.mask.text : `(${rows.mask.text})`;
}

/**
 * Safe when the mask is surely a Series: the frame's labels are unique and
 * of one level (`df["a"]` is one column), and nothing else in the mask could
 * be a frame. See unique-column-labels.ts. A named mask must also be of the
 * frame's rows as they are at the selection (see mask-unchanged.ts).
 */
export function selectionSafety(rows: MaskedRows, facts: DocumentFacts): FixSafety {
  if (!rows.literalOperands || !hasUniqueColumnLabels(rows.frame, facts)) return 'unsafe';
  const binding = rows.maskBinding;
  return binding === undefined || isUnchangedSinceMask(rows.frame, rows.mask, binding, rows.selection, facts)
    ? 'safe'
    : 'unsafe';
}

/** Whether no comment stands in `node` outside `kept`: a fix that rewrites `node` around `kept` loses none. */
export function hasNoCommentOutside(node: Node, kept: Node): boolean {
  for (const part of descendants(node, (inner) => inner.id !== kept.id)) if (part.type === 'comment') return false;
  return true;
}
