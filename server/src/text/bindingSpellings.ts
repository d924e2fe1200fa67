// Whether a definition's text may bind a name anywhere inside it, read from
// the text alone: most names looked up inside a function (`len`, `np`, a class)
// are only called or read there, and telling so from the text spares a walk
// over the function's every binding node.
import { wholeWordOffsets, wordBefore } from './asciiWords';

/** What follows a name that is called or subscripted (`len(`, `rows[`): never a binding of the name itself. */
const CALLED_OR_SUBSCRIPTED = /[ \t]*[([]/y;
/** What follows a name whose attribute is read (`np.array`): no binding either, outside an import (`import os.path` binds `os`). */
const ATTRIBUTE_READ = /[ \t]*\./y;
/** `def name(` and `class name(` bind the name they seem to call. */
const DEFINING_KEYWORDS: ReadonlySet<string> = new Set(['def', 'class']);
const IMPORT = /\bimport\b/;
/** `from m import *` binds any name (Python 3 refuses it inside a definition, but the tree may still hold one). */
const STAR_IMPORT = /\bimport[ \t(]*\*/;

/**
 * False when `text` spells `name` only where it cannot bind it: as a call, a
 * subscript or an attribute's object, inside a longer word or after a dot; true
 * for any other spelling (a target, a parameter, `global name`, `as name`…),
 * or a star import. Strings and comments count as spellings: the answer may
 * say "may bind" where nothing does, never the other way round.
 */
export function mayBindName(text: string, name: string): boolean {
  const imports = IMPORT.test(text);
  if (imports && STAR_IMPORT.test(text)) return true;
  for (const at of wholeWordOffsets(text, name)) if (spellingMayBind(text, at, name, imports)) return true;
  return false;
}

/**
 * Whether the spelling of `name` at `at` in `text` may bind it (see
 * mayBindName); `imports`: whether the code around it holds an import, where
 * `name.` may bind `name`.
 */
export function spellingMayBind(text: string, at: number, name: string, imports: boolean): boolean {
  if (text[at - 1] === '.') return false;
  const end = at + name.length;
  CALLED_OR_SUBSCRIPTED.lastIndex = end;
  ATTRIBUTE_READ.lastIndex = end;
  const notBinding = CALLED_OR_SUBSCRIPTED.test(text) || (!imports && ATTRIBUTE_READ.test(text));
  return !notBinding || DEFINING_KEYWORDS.has(wordBefore(text, at));
}

/** Whether the text holds the keyword `import` (or the word in a string or comment). */
export function mayImport(text: string): boolean {
  return IMPORT.test(text);
}
