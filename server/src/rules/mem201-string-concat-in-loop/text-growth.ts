// The statements MEM201 reads as growing a value: `t += part`, `t = t + part`,
// `t = t + a + b` and `t = part + t`, where t is a name or, for `+=`, an
// attribute of a name (`self.text += part`). Which of them CPython can run
// without copying t depends on the form as well as on where t lives.
import type { Node } from 'web-tree-sitter';
import { unparenthesized } from '../../semantics/syntax';

/**
 * append: `t += part`, `t = t + part`, which CPython may run in place;
 * chain: `t = t + a + b`, where `t + a` is a new object before `+ b` is added
 * to it; prepend: `t = part + t`, a new object on every pass.
 */
type GrowthForm = 'append' | 'chain' | 'prepend';

export interface Growth {
  /** The `augmented_assignment` or `assignment`. */
  readonly statement: Node;
  /** What grows: an identifier, or an attribute whose object is one. */
  readonly target: Node;
  readonly form: GrowthForm;
}

/** The growth `statement` is, if it is one. */
export function growthOf(statement: Node): Growth | undefined {
  const target = statement.childForFieldName('left');
  if (!target || !isGrowable(target)) return undefined;
  if (statement.type === 'augmented_assignment') {
    return statement.childForFieldName('operator')?.text === '+=' ? { statement, target, form: 'append' } : undefined;
  }
  // `self.text = self.text + part` is left out: its `+` follows an attribute, where MEM201's anchor does not look.
  const right =
    statement.type === 'assignment' && target.type === 'identifier' ? statement.childForFieldName('right') : null;
  if (!right) return undefined;
  const form = sumForm(right, target.text);
  return form ? { statement, target, form } : undefined;
}

/** How `expression`, a sum, grows the name: as its first addend or as its last. */
function sumForm(expression: Node, name: string): GrowthForm | undefined {
  const sum = unparenthesized(expression);
  if (!isPlus(sum)) return undefined;
  let first = sum;
  let pluses = 0;
  while (isPlus(first)) {
    pluses++;
    const left = first.childForFieldName('left');
    if (!left) return undefined;
    first = unparenthesized(left);
  }
  if (first.type === 'identifier' && first.text === name) return pluses === 1 ? 'append' : 'chain';
  const last = sum.childForFieldName('right');
  return last && isNamed(unparenthesized(last), name) ? 'prepend' : undefined;
}

/** `s`, or `self.text`: an attribute of a plain name. */
function isGrowable(target: Node): boolean {
  if (target.type === 'identifier') return true;
  return target.type === 'attribute' && target.childForFieldName('object')?.type === 'identifier';
}

function isPlus(node: Node): boolean {
  return node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+';
}

function isNamed(node: Node, name: string): boolean {
  return node.type === 'identifier' && node.text === name;
}

/** Whether two targets name the same value: `s` and `s`, `self.text` and `self.text`. */
export function sameTarget(a: Node, b: Node): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'identifier') return a.text === b.text;
  return (
    a.childForFieldName('object')?.text === b.childForFieldName('object')?.text &&
    a.childForFieldName('attribute')?.text === b.childForFieldName('attribute')?.text
  );
}

/** The name (or attribute) as the user wrote it, for messages: `s`, `self.text`. */
export function targetLabel(target: Node): string {
  if (target.type === 'identifier') return target.text;
  return `${target.childForFieldName('object')?.text ?? ''}.${target.childForFieldName('attribute')?.text ?? ''}`;
}

/** The operand of a growth's sum that reads the old value: `s` in `s = s + part` or `s = part + s` (none for `+=`). */
function oldValueOperand(growth: Growth): Node | undefined {
  if (growth.statement.type !== 'assignment') return undefined;
  let sum = unparenthesized(growth.statement.childForFieldName('right')!);
  if (growth.form === 'prepend') return unparenthesized(sum.childForFieldName('right')!);
  while (isPlus(sum)) sum = unparenthesized(sum.childForFieldName('left')!);
  return sum;
}

/** Whether `read` is the old-value operand of the growth it stands in (a read that is part of the growth itself). */
export function isOldValueOperand(read: Node): boolean {
  for (let node = read.parent; node; node = node.parent) {
    if (node.type === 'assignment') {
      const growth = growthOf(node);
      return growth !== undefined && oldValueOperand(growth)?.equals(read) === true;
    }
    if (node.type === 'expression_statement' || node.type === 'block') return false;
  }
  return false;
}
