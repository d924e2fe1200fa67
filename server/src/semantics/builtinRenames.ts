// Whether a document can bind another name to a builtin, told from its text.
// Only an import from `builtins` can (`from builtins import str as text`):
// qualifiedName follows imports, not assignments. Answers read from the text
// that rely on a builtin keeping its name (a call of `str` makes text) hold
// while no statement that spells `builtins` names that builtin.
import { isAsciiWordCharAt, wholeWordOffsets } from '../text/asciiWords';

/** How much of a statement after `builtins` is read; a longer one may name anything. */
const MAX_STATEMENT_LENGTH = 10_000;

/**
 * False when no statement that spells `builtins` names one of `names` as a
 * whole word after it: the rest of its line, its continuations, and what its
 * open brackets hold. Comments and strings count too (more is only "may").
 */
export function mayRenameBuiltin(text: string, names: readonly string[]): boolean {
  for (const at of wholeWordOffsets(text, 'builtins')) {
    const from = at + 'builtins'.length;
    const end = statementEnd(text, from);
    if (end === undefined) return true;
    const rest = text.slice(from, end);
    if (names.some((name) => spellsWord(rest, name))) return true;
  }
  return false;
}

/** Where the statement that goes on at `from` ends: a line break outside brackets and not after a backslash, or a `;`. */
function statementEnd(text: string, from: number): number | undefined {
  const limit = Math.min(text.length, from + MAX_STATEMENT_LENGTH);
  let depth = 0;
  for (let index = from; index < limit; index++) {
    const char = text[index];
    if (char === '(' || char === '[' || char === '{') depth++;
    else if ((char === ')' || char === ']' || char === '}') && depth > 0) depth--;
    else if (char === '\\') index++;
    else if (depth === 0 && (char === '\n' || char === '\r' || char === ';')) return index;
  }
  return limit === text.length ? limit : undefined;
}

function spellsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1))
    if (!isAsciiWordCharAt(text, at - 1) && !isAsciiWordCharAt(text, at + word.length)) return true;
  return false;
}
