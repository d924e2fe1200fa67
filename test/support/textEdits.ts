// Applies LSP text edits (UTF-16 positions) the way an editor does, so that
// tests check what a user ends up with, not the shape of the edits. Lines are
// read as LSP defines them (lineStarts.ts), not with the server's code.
import type {
  CodeAction,
  Position,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { lineAt, lineContentEnd, lineStartsOf } from './lineStarts';

/** The UTF-16 offset of an LSP position; positions past a line's end clamp to it, as LSP says. */
export function offsetAt(text: string, position: Position): number {
  const starts = lineStartsOf(text);
  if (position.line >= starts.length) return text.length;
  return Math.min(starts[position.line]! + position.character, lineContentEnd(text, starts, position.line));
}

/** The LSP position of a UTF-16 offset. */
export function positionAt(text: string, offset: number): Position {
  const starts = lineStartsOf(text);
  const line = lineAt(starts, offset);
  return { line, character: offset - starts[line]! };
}

/** Applies edits that all refer to the original text; overlapping edits are an error, as in LSP. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((edit, order) => ({
      start: offsetAt(text, edit.range.start),
      end: offsetAt(text, edit.range.end),
      newText: edit.newText,
      order,
    }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  let result = '';
  let copied = 0;
  for (const edit of resolved) {
    if (edit.start < copied) throw new Error(`overlapping text edits at offset ${edit.start}`);
    result += text.slice(copied, edit.start) + edit.newText;
    copied = edit.end;
  }
  return result + text.slice(copied);
}

/** The edits a workspace edit makes to one document, from `changes` or `documentChanges`. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) =>
    'textDocument' in change && change.textDocument.uri === uri
      ? change.edits.filter((e): e is TextEdit => 'range' in e)
      : [],
  );
  return [...fromChanges, ...fromDocumentChanges];
}

/** The text of `uri` after applying a code action's edit. */
export function applyCodeAction(text: string, uri: string, action: CodeAction): string {
  return applyTextEdits(text, editsFor(action.edit, uri));
}

/**
 * The same edits as a didChange would carry them: each change is relative to
 * the text after the previous one, so they go last-first.
 */
export function asContentChanges(text: string, edits: readonly TextEdit[]): TextDocumentContentChangeEvent[] {
  return [...edits]
    .sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start))
    .map((edit) => ({ range: edit.range, text: edit.newText }));
}

/** Applies didChange events in order, each to the result of the previous one. */
export function applyContentChanges(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  return changes.reduce(
    (current, change) =>
      'range' in change ? applyTextEdits(current, [{ range: change.range, newText: change.text }]) : change.text,
    text,
  );
}

/** The range of the `occurrence`-th appearance of `needle` in text. */
export function rangeOfText(text: string, needle: string, occurrence = 0): Range {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not in the text`);
  }
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}
