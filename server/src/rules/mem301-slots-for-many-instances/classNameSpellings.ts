// Where a module's text spells the names of the classes it defines. A rule
// that asks about each class in turn searches the whole text once per class,
// and a module of many classes costs their number times its length: past a
// few questions, every defined name is searched for at once. One search of
// many names (a regular expression of alternatives) costs as much as 3 to 40
// searches of one with indexOf, as the names look alike or not, so the first
// questions go one by one.
import { wholeWordOffsets } from '../../text/asciiWords';
import type { DocumentFacts } from '../../semantics/facts';

/** `class Name`: the names searched for together. Others (a non-ASCII name, a line continuation after `class`) are searched for on their own. */
const CLASS_DEFINITION = /\bclass[ \t]+([A-Za-z_][A-Za-z0-9_]*)/g;
/** Questions answered one by one before all names are searched for together. */
const SEARCHES_ONE_BY_ONE = 24;

interface DocumentSpellings {
  asked: number;
  together: ReadonlyMap<string, readonly number[]> | undefined;
}

const spellingsByDocument = new WeakMap<DocumentFacts, DocumentSpellings>();

/** The offsets in `facts.module.text` where it spells `name` as a whole word, as wholeWordOffsets finds them. */
export function classNameOffsets(facts: DocumentFacts, name: string): readonly number[] {
  const { text } = facts.module;
  let spellings = spellingsByDocument.get(facts);
  if (!spellings) spellingsByDocument.set(facts, (spellings = { asked: 0, together: undefined }));
  if (!spellings.together && ++spellings.asked > SEARCHES_ONE_BY_ONE) spellings.together = definedNameOffsets(text);
  return spellings.together?.get(name) ?? [...wholeWordOffsets(text, name)];
}

function definedNameOffsets(text: string): Map<string, number[]> {
  const offsets = new Map<string, number[]>();
  for (const match of text.matchAll(CLASS_DEFINITION)) offsets.set(match[1]!, []);
  if (offsets.size === 0) return offsets;
  // `\b` reads ASCII word characters only, as wholeWordOffsets does; two whole words never overlap.
  const anyName = new RegExp(String.raw`\b(?:${[...offsets.keys()].join('|')})\b`, 'g');
  for (const match of text.matchAll(anyName)) offsets.get(match[0])!.push(match.index);
  return offsets;
}
