// (i) edits as a user makes them in a real file, which accumulate so that the
// text drifts from the original: a new line of code typed character by
// character in a function body (Enter at the end of a statement, then the
// characters, brackets and quotes closed by the editor as VS Code does), a
// function of 10-30 lines cut in one edit, and that function pasted in one
// edit before another function, indented to fit: a function moved, then two
// lines typed, and again. Each place is picked, seeded,
// from the tree of the text as it stands.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node, Parser } from 'web-tree-sitter';
import { parse } from '../server/src/document/parser';
import { seeded } from './seeded';

export type EditKind = 'keystroke' | 'cut' | 'paste';

export interface UserEdit {
  readonly kind: EditKind;
  readonly change: TextDocumentContentChangeEvent;
  /** The whole text once the edit is made. */
  readonly text: string;
}

/** Lines a user types into a function body: calls, comprehensions, a lambda, a string, a read of a whole file. */
const TYPED_LINES = [
  'total = sum(x * 2 for x in items)',
  'names = [str(name).strip() for name in names if name]',
  'lookup = {key: value for key, value in zip(keys, values)}',
  "lines = open(path, encoding='utf-8').read().splitlines()",
  'squares = list(map(lambda n: n * n, range(1000000)))',
  'if not lookup: return None',
];

/** What the editor inserts after an opening bracket or quote typed; typing the closer over it moves past it. */
const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', "'": "'", '"': '"' };

/** A cut function is this many lines long, decorators included. */
const CUT_LINES = { min: 10, max: 30 };

/** Steps of a round, repeated until the edits run out. */
const ROUND = ['cut', 'paste', 'type', 'type'] as const;

interface Cut {
  readonly text: string;
  readonly indent: string;
}

/** `count` edits of `text`, the same ones for the same seed. */
export function* userEdits(parser: Parser, text: string, count: number, seed = 1): Generator<UserEdit> {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  let document = TextDocument.create('file:///bench/edited.py', 'python', 0, text);
  let clipboard: Cut | undefined;
  let made = 0;
  let madeByRound = 0;
  for (let step = 0; made < count; step++) {
    if (step % ROUND.length === 0) {
      if (step > 0 && made === madeByRound) throw new Error('a round of edits found no place to edit the text');
      madeByRound = made;
    }
    const kind = ROUND[step % ROUND.length]!;
    const lines = document.getText().split('\n');
    const tree = parse(parser, document.getText());
    let changes: TextDocumentContentChangeEvent[];
    try {
      if (kind === 'type') changes = typedLine(tree.rootNode, lines, pick);
      else if (kind === 'cut') {
        const cut = cutFunction(tree.rootNode, lines, pick);
        changes = cut ? [cut.change] : [];
        clipboard = cut?.clipboard ?? clipboard;
      } else {
        clipboard ??= copiedFunction(tree.rootNode, lines, pick);
        changes = clipboard ? pasted(tree.rootNode, lines, clipboard, pick) : [];
      }
    } finally {
      tree.delete();
    }
    for (const change of changes) {
      if (made++ >= count) return;
      document = TextDocument.update(document, [change], document.version + 1);
      yield { kind: kind === 'type' ? 'keystroke' : kind, change, text: document.getText() };
    }
  }
}

type Pick = <T>(items: readonly T[]) => T | undefined;

/** Enter at the end of a statement in a function body, then a line typed there, a key at a time. */
function typedLine(root: Node, lines: readonly string[], pick: Pick): TextDocumentContentChangeEvent[] {
  const statement = pick(bodyStatements(root));
  const code = pick(TYPED_LINES);
  if (!statement || !code) return [];
  const line = statement.endPosition.row;
  const indent = indentOf(lines[statement.startPosition.row]!);
  const changes = [insertion(line, lines[line]!.length, `\n${indent}`)];
  let character = indent.length;
  const pending: string[] = [];
  for (const key of code) {
    if (pending.at(-1) === key) {
      // The editor closed it already: the key moves past the closer, and no change is sent.
      pending.pop();
      character++;
      continue;
    }
    const closer = CLOSERS[key];
    changes.push(insertion(line + 1, character, closer === undefined ? key : key + closer));
    if (closer !== undefined) pending.push(closer);
    character++;
  }
  return changes;
}

/** The statements of every function body that start on a line of their own. */
function bodyStatements(root: Node): Node[] {
  const statements: Node[] = [];
  for (const definition of root.descendantsOfType('function_definition')) {
    const body = definition.childForFieldName('body');
    for (const statement of body?.namedChildren ?? []) {
      if (statement && statement.type !== 'comment' && statement.startPosition.row > definition.startPosition.row)
        statements.push(statement);
    }
  }
  return statements;
}

/** A function of CUT_LINES lines, with its decorators, that is not alone in its block: its lines removed in one edit. */
function cutFunction(
  root: Node,
  lines: readonly string[],
  pick: Pick,
): { change: TextDocumentContentChangeEvent; clipboard: Cut } | undefined {
  const unit = pick(functionUnits(root).filter((node) => fits(node) && hasSiblings(node)));
  if (!unit) return undefined;
  const { first, last } = rows(unit);
  return {
    change: { range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, text: '' },
    clipboard: { text: `${lines.slice(first, last + 1).join('\n')}\n`, indent: indentOf(lines[first]!) },
  };
}

/** When nothing was cut yet: a function of CUT_LINES lines, copied. */
function copiedFunction(root: Node, lines: readonly string[], pick: Pick): Cut | undefined {
  const unit = pick(functionUnits(root).filter(fits));
  if (!unit) return undefined;
  const { first, last } = rows(unit);
  return { text: `${lines.slice(first, last + 1).join('\n')}\n`, indent: indentOf(lines[first]!) };
}

/** The clipboard pasted in one edit before a function, indented as it is, with a blank line after. */
function pasted(root: Node, lines: readonly string[], clipboard: Cut, pick: Pick): TextDocumentContentChangeEvent[] {
  const unit = pick(functionUnits(root));
  if (!unit) return [];
  const { first } = rows(unit);
  return [insertion(first, 0, `${reindented(clipboard, indentOf(lines[first]!))}\n`)];
}

/** Each function definition, or its decorated definition when it has decorators. */
function functionUnits(root: Node): Node[] {
  return root
    .descendantsOfType('function_definition')
    .map((node) => (node.parent?.type === 'decorated_definition' ? node.parent : node));
}

function rows(node: Node): { first: number; last: number } {
  return { first: node.startPosition.row, last: node.endPosition.row };
}

function fits(node: Node): boolean {
  const { first, last } = rows(node);
  return last - first + 1 >= CUT_LINES.min && last - first + 1 <= CUT_LINES.max;
}

/** Whether its block keeps a statement once it is cut. */
function hasSiblings(node: Node): boolean {
  return (node.parent?.namedChildren ?? []).filter((child) => child && child.type !== 'comment').length > 1;
}

/** The cut lines moved from their indentation to `indent`; lines indented less (inside a string) stay as they are. */
function reindented(clipboard: Cut, indent: string): string {
  return clipboard.text
    .split('\n')
    .map((line) =>
      line.startsWith(clipboard.indent) && line.trim() !== '' ? indent + line.slice(clipboard.indent.length) : line,
    )
    .join('\n');
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

function insertion(line: number, character: number, text: string): TextDocumentContentChangeEvent {
  const at = { line, character };
  return { range: { start: at, end: at }, text };
}
