// The fix that turns a list comprehension into a generator expression by
// swapping its brackets for parentheses; shared by the rules that offer it.
import type { Node } from 'web-tree-sitter';
import type { Fix, FixSafety } from './types';

export function generatorExpressionFix(comprehension: Node, safety: FixSafety): Fix {
  const open = comprehension.startIndex;
  const close = comprehension.endIndex - 1;
  return {
    title: 'Use a generator expression',
    safety,
    edits: [
      { start: open, end: open + 1, text: '(' },
      { start: close, end: close + 1, text: ')' },
    ],
  };
}
