// Does an expression hand back an object that exists already, rather than one
// it builds? A list of such items costs only its pointers: the items outlive
// it (a name's value), or are shared by every item (constants, True, False).
import type { Node } from 'web-tree-sitter';

/** Values that evaluate to an object the code already holds or CPython shares. */
const EXISTING: ReadonlySet<string> = new Set(['identifier', 'true', 'false', 'none', 'integer', 'float', 'ellipsis']);

/**
 * Whether every evaluation of the expression returns an existing object: a
 * name, a constant (a string without interpolation included), a comparison or
 * `not` (True or False), and `and`/`or`/`x if c else y` of those, which return
 * one of their operands. Anything else may build an object each time.
 */
export function returnsExistingObject(expression: Node): boolean {
  if (EXISTING.has(expression.type) || expression.type === 'comparison_operator' || expression.type === 'not_operator')
    return true;
  if (expression.type === 'string') return !expression.namedChildren.some((child) => child?.type === 'interpolation');
  if (expression.type === 'parenthesized_expression') return operandsExist(expression.namedChildren);
  if (expression.type === 'boolean_operator')
    return operandsExist([expression.childForFieldName('left'), expression.childForFieldName('right')]);
  // The condition's value is not returned.
  if (expression.type === 'conditional_expression')
    return operandsExist([expression.namedChild(0), expression.namedChild(2)]);
  return false;
}

function operandsExist(operands: readonly (Node | null)[]): boolean {
  return (
    operands.length > 0 &&
    operands.every((operand) => operand !== null && operand.type !== 'comment' && returnsExistingObject(operand))
  );
}

/** The expression a list comprehension or generator expression makes each item from. */
export function comprehensionElement(comprehension: Node): Node | undefined {
  return comprehension.childForFieldName('body') ?? comprehension.namedChild(0) ?? undefined;
}
