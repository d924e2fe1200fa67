// Whether CPython's compiler turns an expression into one constant object
// (Python/ast_opt.c): literals, and operators on them within size limits.
// Such a value is one shared object however often the code runs, and a list
// display made only of constants is built from one constant tuple.
import type { Node } from 'web-tree-sitter';
import { expressionChildren } from '../semantics/syntax';
import type { CPythonLayout } from '../sizes/cpython';
import type { Folder } from '../semantics/fold';
import { bitLength } from '../sizes/operators';
import { asInteger, type PyValue } from '../sizes/values';

type Check = (node: Node, folder: Folder, layout: CPythonLayout) => boolean;

const always: Check = () => true;

function noInterpolation(node: Node): boolean {
  return !node.descendantsOfType('interpolation').some((found) => found !== null);
}

/** ast_opt.c safe_multiply / safe_power / safe_lshift / safe_mod: operations whose result would be too big stay unfolded. */
function withinLimits(operator: string, a: PyValue, b: PyValue, layout: CPythonLayout): boolean {
  const { foldMaxIntBits, foldMaxStrLength, foldMaxCollection } = layout.compiler;
  const x = asInteger(a);
  const y = asInteger(b);
  const length = (value: PyValue): number | undefined =>
    value.type === 'str' || value.type === 'bytes'
      ? value.value.length
      : value.type === 'tuple'
        ? value.items.length
        : undefined;
  if (operator === '*') {
    if (x !== undefined && y !== undefined)
      return x === 0n || y === 0n || bitLength(x) + bitLength(y) <= foldMaxIntBits;
    const [count, sequence] = x !== undefined ? [x, b] : [y, a];
    const size = length(sequence);
    if (count === undefined || !size) return true;
    const limit = sequence.type === 'tuple' ? foldMaxCollection : foldMaxStrLength;
    return count >= 0n && count <= BigInt(Math.floor(limit / size));
  }
  if (operator === '**' && x !== undefined && y !== undefined && x !== 0n && y > 0n) {
    return BigInt(bitLength(x)) <= BigInt(foldMaxIntBits) / y;
  }
  if (operator === '<<' && x !== undefined && y !== undefined && x !== 0n && y !== 0n) {
    return y <= BigInt(foldMaxIntBits) && BigInt(bitLength(x)) <= BigInt(foldMaxIntBits) - y;
  }
  if (operator === '%') return a.type !== 'str' && a.type !== 'bytes';
  return true;
}

const CHECKS: Readonly<Record<string, Check>> = {
  integer: always,
  float: always,
  true: always,
  false: always,
  none: always,
  ellipsis: always,
  string: noInterpolation,
  concatenated_string: noInterpolation,
  parenthesized_expression: (node, folder, layout) => {
    const inner = expressionChildren(node);
    return inner.length === 1 && foldsAtCompileTime(inner[0]!, folder, layout);
  },
  unary_operator: (node, folder, layout) =>
    foldsAtCompileTime(node.childForFieldName('argument')!, folder, layout) && folder.constant(node) !== undefined,
  not_operator: (node, folder, layout) =>
    foldsAtCompileTime(node.childForFieldName('argument')!, folder, layout) && folder.constant(node) !== undefined,
  tuple: (node, folder, layout) => expressionChildren(node).every((item) => foldsAtCompileTime(item, folder, layout)),
  binary_operator: (node, folder, layout) => {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = node.childForFieldName('operator')?.text;
    if (!left || !right || !operator) return false;
    if (!foldsAtCompileTime(left, folder, layout) || !foldsAtCompileTime(right, folder, layout)) return false;
    const a = folder.constant(left);
    const b = folder.constant(right);
    // Raising at compile time (1/0) leaves the expression for run time.
    return (
      a !== undefined && b !== undefined && withinLimits(operator, a, b, layout) && folder.constant(node) !== undefined
    );
  },
};

export function foldsAtCompileTime(node: Node, folder: Folder, layout: CPythonLayout): boolean {
  return CHECKS[node.type]?.(node, folder, layout) ?? false;
}
