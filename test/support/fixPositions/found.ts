// Findings and their fixes as offsets of the text they were found in, read
// from the CLI's JSON report (1-based lines, code-point columns, after any
// byte order mark) or from LSP diagnostics and code actions (UTF-16), with
// this folder's own position code (../lineStarts.ts, ../textEdits.ts).
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol';
import type { JsonFinding } from '../cli';
import { offsetOfCodePoint } from '../lineStarts';
import { editsFor, offsetAt } from '../textEdits';
import type { OffsetEdit } from './variants';

export interface FoundFinding {
  readonly code: string;
  readonly start: number;
  readonly end: number;
  readonly fix?: {
    readonly safety: 'safe' | 'unsafe';
    readonly edits: readonly OffsetEdit[];
    /** Other documents the fix's workspace edit changes: none is right. */
    readonly elsewhere?: readonly string[];
  };
}

/** In document order (ties by end, then code): the order no variant changes. */
function inOrder(findings: readonly FoundFinding[]): FoundFinding[] {
  return [...findings].sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

/** The CLI's findings of one file (or cell) whose text is `text`, a byte order mark included. */
export function fromCli(findings: readonly JsonFinding[], text: string): FoundFinding[] {
  const bom = text.startsWith('\ufeff') ? 1 : 0;
  const body = text.slice(bom);
  const offset = (line: number, column: number) => bom + offsetOfCodePoint(body, line, column);
  return inOrder(
    findings.map((finding) => ({
      code: finding.code,
      start: offset(finding.line, finding.column),
      end: offset(finding.endLine, finding.endColumn),
      ...(finding.fix
        ? {
            fix: {
              safety: finding.fix.safety,
              edits: finding.fix.edits.map((edit) => ({
                start: offset(edit.line, edit.column),
                end: offset(edit.endLine, edit.endColumn),
                text: edit.text,
              })),
            },
          }
        : {}),
    })),
  );
}

const UNSAFE_TITLE = ' (unsafe: may change behaviour)';

/** Whether a code action is the fix of this diagnostic (not its noqa comment, nor fix-all). */
function isFixOf(action: CodeAction | Command, diagnostic: Diagnostic): action is CodeAction {
  if (!('kind' in action) || action.kind !== 'quickfix' || !action.edit) return false;
  if (action.title.startsWith('Ignore ') || action.title.startsWith('Fix all ')) return false;
  const [of, ...others] = action.diagnostics ?? [];
  return (
    others.length === 0 &&
    of !== undefined &&
    of.code === diagnostic.code &&
    of.message === diagnostic.message &&
    JSON.stringify(of.range) === JSON.stringify(diagnostic.range)
  );
}

/** The server's diagnostics of a document whose text is `text`, each with its fix among `actions` (those for the whole document). */
export function fromLsp(
  text: string,
  uri: string,
  diagnostics: readonly Diagnostic[],
  actions: readonly (CodeAction | Command)[],
): FoundFinding[] {
  const taken = new Set<CodeAction>();
  return inOrder(
    diagnostics.map((diagnostic) => {
      const fix = actions.find((action) => !taken.has(action as CodeAction) && isFixOf(action, diagnostic)) as
        | CodeAction
        | undefined;
      if (fix) taken.add(fix);
      const toEdit = (edit: { range: Diagnostic['range']; newText: string }) => ({
        start: offsetAt(text, edit.range.start),
        end: offsetAt(text, edit.range.end),
        text: edit.newText,
      });
      return {
        code: String(diagnostic.code),
        start: offsetAt(text, diagnostic.range.start),
        end: offsetAt(text, diagnostic.range.end),
        ...(fix
          ? {
              fix: {
                safety: fix.title.endsWith(UNSAFE_TITLE) ? ('unsafe' as const) : ('safe' as const),
                edits: editsFor(fix.edit, uri).map(toEdit),
                elsewhere: [
                  ...Object.keys(fix.edit?.changes ?? {}),
                  ...(fix.edit?.documentChanges ?? []).flatMap((change) =>
                    'textDocument' in change ? [change.textDocument.uri] : [],
                  ),
                ].filter((other) => other !== uri),
              },
            }
          : {}),
      };
    }),
  );
}
