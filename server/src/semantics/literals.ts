// The values of simple string and integer literals, for rules that look at
// arguments such as a file mode ("rb"), a separator ("\n") or a count.
import type { Node } from 'web-tree-sitter';

export interface StringLiteral {
  readonly value: string;
  /** A `b"…"` literal. */
  readonly bytes: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/**
 * The value of a string literal, adjacent literals joined (`"r" "b"`); undefined
 * for f-strings, unknown prefixes and escapes other than \n \t \r \\ \' \",
 * which no caller needs.
 */
export function stringLiteral(node: Node): StringLiteral | undefined {
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren
      .filter((child): child is Node => child !== null && child.type === 'string')
      .map(stringLiteral);
    if (parts.length === 0 || parts.some((part) => part === undefined || part.bytes !== parts[0]!.bytes))
      return undefined;
    return { value: parts.map((part) => part!.value).join(''), bytes: parts[0]!.bytes };
  }
  if (node.type !== 'string') return undefined;
  const start = node.namedChildren.find((child) => child?.type === 'string_start');
  const prefix = start ? /^[a-zA-Z]*/.exec(start.text)![0].toLowerCase() : '';
  if (!/^(|u|r|b|br|rb)$/.test(prefix)) return undefined;
  const raw = prefix.includes('r');
  let value = '';
  for (const child of node.namedChildren) {
    if (!child || child.type === 'string_start' || child.type === 'string_end') continue;
    if (child.type !== 'string_content') return undefined;
    const text = contentText(child, raw);
    if (text === undefined) return undefined;
    value += text;
  }
  return { value, bytes: prefix.includes('b') };
}

/** A string_content node's value: its text with the simple escapes decoded. */
function contentText(content: Node, raw: boolean): string | undefined {
  if (raw) return content.text;
  let text = '';
  let at = content.startIndex;
  for (const sequence of content.namedChildren) {
    if (!sequence) continue;
    if (sequence.type !== 'escape_sequence') return undefined;
    const decoded = SIMPLE_ESCAPES[sequence.text.slice(1)];
    if (decoded === undefined) return undefined;
    text += content.text.slice(at - content.startIndex, sequence.startIndex - content.startIndex) + decoded;
    at = sequence.endIndex;
  }
  return text + content.text.slice(at - content.startIndex);
}

/** The value of `12`, `-3`, `1_000`, `0x10`; undefined for anything else. */
export function integerLiteral(node: Node): number | undefined {
  if (node.type === 'unary_operator' && node.childForFieldName('operator')?.type === '-') {
    const operand = node.childForFieldName('argument');
    const value = operand ? integerLiteral(operand) : undefined;
    return value === undefined ? undefined : -value;
  }
  if (node.type !== 'integer' || /[jJ]$/.test(node.text)) return undefined;
  const value = Number(node.text.replace(/_/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}
