// Every fix a rule offers passes through here before it is reported, so that
// no rule has to remember the text around its edits: replacement text never
// runs into the tokens beside it (`f.readlines()if` would become `fif`,
// `f"{set([…])}"` would become the escaped brace `f"{{…}}"`), a fix labelled
// safe that deletes a comment becomes unsafe, as Ruff has it, and so does one
// that edits the text a `{expr=}` field prints.
import type { Node } from 'web-tree-sitter';
import { applyEdits } from './fixes';
import type { Fix, FixSafety, TextEdit } from './types';

/** `fix`, its edits kept apart from the tokens beside them and its safety lowered where it loses something. */
export function soundFix(fix: Fix, source: string, root: Node): Fix {
  const edits = separatedEdits(fix.edits, source);
  const safety: FixSafety =
    fix.safety === 'safe' && (dropsComment(edits, source, root) || editsEchoedText(edits, root))
      ? 'unsafe'
      : fix.safety;
  return edits === fix.edits && safety === fix.safety ? fix : { ...fix, safety, edits };
}

// ---- Tokens kept apart ----

/** Characters of a name or number: Python identifiers are letters, digits, marks and connectors. */
const WORD = /^[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]$/u;
/** Characters that join into longer operators (`**`, `==`, `:=`, `->`). */
const OPERATOR = /^[-+*/%@&|^~<>=!:]$/;

/**
 * Whether `left` followed by `right` would read as one token: two names (`fif`),
 * a name and a quote (a string prefix), two operator characters, or `{{`, an
 * escaped brace where it opens an f-string's replacement field.
 */
function joins(left: string, right: string): boolean {
  if (WORD.test(left)) return WORD.test(right) || right === '"' || right === "'";
  if (left === '{') return right === '{';
  return OPERATOR.test(left) && OPERATOR.test(right);
}

/**
 * The edits, with a space where a run of touching edits would join its text to
 * a token beside it. A run is replaced by one edit then: with no source text
 * between its edits, nothing is lost. A boundary where the source itself joins
 * (an edit inside a token) is left as it is.
 */
function separatedEdits(edits: readonly TextEdit[], source: string): readonly TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const result: TextEdit[] = [];
  let changed = false;
  for (let first = 0; first < sorted.length; ) {
    let last = first;
    while (last + 1 < sorted.length && sorted[last + 1]!.start <= sorted[last]!.end) last++;
    const run = sorted.slice(first, last + 1);
    const separated = separatedRun(run, source);
    if (separated) {
      result.push(separated);
      changed = true;
    } else result.push(...run);
    first = last + 1;
  }
  return changed ? result : edits;
}

/** One edit for the run, with the spaces it needs, or undefined when it needs none. */
function separatedRun(run: readonly TextEdit[], source: string): TextEdit | undefined {
  const start = run[0]!.start;
  const end = Math.max(...run.map((edit) => edit.end));
  const text = applyEdits(
    source.slice(start, end),
    run.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start })),
  );
  const before = source.charAt(start - 1);
  const after = source.charAt(end);
  // An edit inside a token (the source joins across its boundary) is the rule's own business.
  const leftOpen = !joins(before, source.charAt(start));
  const rightOpen = !joins(source.charAt(end - 1), after);
  if (text === '') return leftOpen && rightOpen && joins(before, after) ? { start, end, text: ' ' } : undefined;
  const spaceBefore = leftOpen && joins(before, text.charAt(0));
  const spaceAfter = rightOpen && joins(text.charAt(text.length - 1), after);
  if (!spaceBefore && !spaceAfter) return undefined;
  return { start, end, text: `${spaceBefore ? ' ' : ''}${text}${spaceAfter ? ' ' : ''}` };
}

// ---- What a fix loses ----

const HASH = '#'.charCodeAt(0);

/** Whether an edit deletes a comment that no edit's text brings back. */
function dropsComment(edits: readonly TextEdit[], source: string, root: Node): boolean {
  const written = edits.map((edit) => edit.text).join('\n');
  for (const edit of edits) {
    for (let hash = edit.start; hash < edit.end; hash++) {
      if (source.charCodeAt(hash) !== HASH) continue;
      const comment = root.descendantForIndex(hash, hash + 1);
      if (comment?.type !== 'comment' || comment.startIndex !== hash || comment.endIndex > edit.end) continue;
      if (!written.includes(comment.text)) return true;
    }
  }
  return false;
}

/** f-string fields whose expression text is printed: `{expr=}`. */
const FIELD_TYPES: ReadonlySet<string> = new Set(['interpolation', 'format_expression']);

/** Whether an edit changes the text of an f-string field that prints its own expression (`f"{x=}"`). */
function editsEchoedText(edits: readonly TextEdit[], root: Node): boolean {
  return edits.some((edit) => {
    for (let node = root.descendantForIndex(edit.start, edit.end); node; node = node.parent) {
      if (FIELD_TYPES.has(node.type) && node.children.some((child) => child?.type === '=')) return true;
    }
    return false;
  });
}
