// Code actions: the fix for one finding, fix-all for its rule, a noqa comment,
// and source.fixAll.memhints for editor.codeActionsOnSave (safe fixes only).
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node } from 'web-tree-sitter';
import { addCodeToComment } from '../engine/noqa';
import type { OpenDocument } from '../document/documents';
import { combinedEdits, SAFE_ONLY } from '../rules/fixes';
import type { Finding, TextEdit } from '../rules/types';
import { rangeOf, toDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.memhints`;

export function codeActions(
  document: OpenDocument,
  findings: readonly Finding[],
  params: CodeActionParams,
): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) =>
    !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(FIX_ALL_KIND)) {
    const edits = combinedEdits(findings, SAFE_ONLY);
    if (edits.length > 0 || only)
      actions.push(editAction(document.text, 'memhints: fix all safe memory hints', FIX_ALL_KIND, edits));
  }
  if (!wants(CodeActionKind.QuickFix)) return actions;
  const offered = new Set<string>();
  for (const finding of findings.filter((f) => overlaps(document.text, f, params.range))) {
    const diagnostic = toDiagnostic(document.text, finding);
    if (finding.fix) {
      const label =
        finding.fix.safety === 'unsafe' ? `${finding.fix.title} (unsafe: may change behaviour)` : finding.fix.title;
      actions.push({
        ...editAction(document.text, label, CodeActionKind.QuickFix, finding.fix.edits),
        diagnostics: [diagnostic],
        isPreferred: finding.fix.safety === 'safe',
      });
    }
    if (offered.has(finding.code)) continue;
    offered.add(finding.code);
    const sameRule = findings.filter((f) => f.code === finding.code);
    const ruleEdits = combinedEdits(sameRule, SAFE_ONLY);
    if (sameRule.length > 1 && ruleEdits.length > 0) {
      actions.push({
        ...editAction(
          document.text,
          `Fix all ${finding.code} in file (safe fixes)`,
          CodeActionKind.QuickFix,
          ruleEdits,
        ),
        diagnostics: [diagnostic],
      });
    }
    const noqa = noqaEdit(document, finding);
    if (noqa)
      actions.push({
        ...editAction(document.text, `Ignore ${finding.code} for this line`, CodeActionKind.QuickFix, [noqa]),
        diagnostics: [diagnostic],
      });
  }
  return actions;
}

function editAction(text: TextDocument, title: string, kind: string, edits: readonly TextEdit[]): CodeAction {
  const lspEdits: LspTextEdit[] = edits.map((edit) => ({
    range: rangeOf(text, edit.start, edit.end),
    newText: edit.text,
  }));
  return { title, kind, edit: { changes: { [text.uri]: lspEdits } } };
}

function overlaps(text: TextDocument, finding: Finding, range: Range): boolean {
  return finding.start <= text.offsetAt(range.end) && finding.end >= text.offsetAt(range.start);
}

/** Adds the code to the noqa comment ending the finding's first line, or appends one. */
function noqaEdit(document: OpenDocument, finding: Finding): TextEdit | undefined {
  const text = document.text;
  const line = text.positionAt(finding.start).line;
  const lineStart = text.offsetAt({ line, character: 0 });
  const lineEnd = endOfLineContent(text.getText(), lineStart);
  const atEnd = lineEnd > lineStart ? document.module.nodeAt(lineEnd - 1) : null;
  const comment = atEnd?.type === 'comment' ? atEnd : undefined;
  if (comment) {
    // A comment token runs up to "\n", so on a CRLF line it holds the "\r": leave that out.
    const end = Math.min(comment.endIndex, lineEnd);
    return {
      start: comment.startIndex,
      end,
      text: addCodeToComment(text.getText().slice(comment.startIndex, end), finding.code),
    };
  }
  // A line that ends inside a string literal cannot take a comment.
  if (atEnd && insideMultilineToken(atEnd, lineEnd)) return undefined;
  // Nor can a line continued with a backslash.
  if (/\\\s*$/.test(text.getText().slice(lineStart, lineEnd))) return undefined;
  return { start: lineEnd, end: lineEnd, text: `  ${addCodeToComment(undefined, finding.code)}` };
}

function endOfLineContent(source: string, lineStart: number): number {
  let end = lineStart;
  while (end < source.length && source[end] !== '\n' && source[end] !== '\r') end++;
  return end;
}

function insideMultilineToken(node: Node, lineEnd: number): boolean {
  for (let current: Node | null = node; current; current = current.parent) {
    if ((current.type === 'string' || current.type === 'concatenated_string') && current.endIndex > lineEnd)
      return true;
  }
  return false;
}
