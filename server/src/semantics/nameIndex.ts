// Where each name is spelled in a document, found on first demand: asking
// "where is `rows` read?" costs a search of the text for `rows` and a node
// lookup per hit, instead of a walk over the whole scope (which on a large
// module made the analysis quadratic) or an index of every identifier built
// for each analysis (which made each keystroke pay for the whole document).
import type { Node } from 'web-tree-sitter';
import { firstNodeStartingAfter, firstStartingAfter } from '../document/sortedSearch';
import { ASCII_IDENTIFIER, isAsciiWordCharAt } from '../text/asciiWords';
import { INNER_BINDERS } from './bindings';
import { followsCommentStart } from '../text/commentLines';
import { lastPart } from '../text/dottedNames';
import { ModuleParts, type ModulePart } from '../document/moduleParts';
import { PartCache } from '../document/partCache';
import { calleeCall, insideOf } from './syntax';

/** Names of the builtins that can reach a scope's variables without spelling them. */
const DYNAMIC_ACCESS_NAMES: readonly string[] = ['eval', 'exec', 'globals', 'locals', 'vars'];
/** Where a parameter's name can sit below its parameter list: `x`, `x=1`, `x: int`, `*args: int`. */
const PARAMETER_DEPTH = 4;
const PARAMETER_LISTS: ReadonlySet<string> = new Set(['parameters', 'lambda_parameters']);
/**
 * How the caches name a token: by type and text (and the filter its hits
 * passed), and for a search inside a node, by the node too. Built once per
 * type and text in an analysis, which asks for every anchor's tokens in every
 * statement: a new string each time cost more than the lookup it was for.
 */
class TokenKeys {
  /** By filter (none for most), type and text. */
  private readonly byFilter = new Map<HitFilter | undefined, Map<string, Map<string, string>>>();

  of(type: string, text: string, filter?: HitFilter): string {
    let byType = this.byFilter.get(filter);
    if (!byType) this.byFilter.set(filter, (byType = new Map()));
    let byText = byType.get(type);
    if (!byText) byType.set(type, (byText = new Map()));
    let key = byText.get(text);
    if (key === undefined) byText.set(text, (key = filter ? `${type} ${text} ${filter.key}` : `${type} ${text}`));
    return key;
  }

  within(within: Within, type: string, text: string, filter?: HitFilter): string {
    const place = isNode(within) ? `${within.id}` : `${within.startIndex}-${within.endIndex}`;
    return `${place} ${this.of(type, text, filter)}`;
  }
}

/** A stretch of the module's text to search in: a class's header, whose statement runs on past it. */
export interface TextSpan {
  readonly startIndex: number;
  readonly endIndex: number;
}

/** Where a search looks: inside a node, or a stretch of text. */
export type Within = Node | TextSpan;

/**
 * A class's body: the language server analyses each of its statements as a
 * chunk of its own, so a search of all of it is reported as reading every
 * spelling, as one of the whole module is.
 */
function spansChunks(within: Node): boolean {
  return within.type === 'class_definition';
}

function isNode(within: Within): within is Node {
  return 'tree' in within;
}
/**
 * A test of the text around a hit of an anchor's token that rules out most
 * hits without asking the tree what they are (each question a call into WASM).
 */
export interface HitFilter {
  /** Names the test in the caches: the tokens found with it are not all the tokens. */
  readonly key: string;
  /** False when the hit at `offset` of the module's text cannot be a token the rule wants; true leaves it to the tree. */
  mayBeWanted(text: string, offset: number): boolean;
}

/** By the words they find: the same rules ask for the same words in every statement. */
const wordPatterns = new Map<string, RegExp>();
const MAX_WORD_PATTERNS = 64;
/** Augmented assignment operators: an operator spelled just before `=` is the first part of one (`+` of `+=`), never a token of its own. */
const AUGMENTED_OPERATORS: ReadonlySet<string> = new Set([
  '+=',
  '-=',
  '*=',
  '/=',
  '//=',
  '%=',
  '**=',
  '>>=',
  '<<=',
  '&=',
  '^=',
  '|=',
  '@=',
]);
/**
 * What follows `as` in an import (`import a as b`, `from m import (a as b,`):
 * a name and then the end of its clause. Most `as` in code (`with f() as b:`,
 * `except E as e:`) and prose fail it without a question to the tree. A name
 * here is any run of word or non-ASCII characters, which takes in every
 * identifier; a comment runs to its line's end, so no text matches two ways.
 */
const ALIAS_AFTER_AS = /(?:[ \t\f\r\n\\]|#[^\r\n]*(?=[\r\n]|$))+(?:\w|[\x80-\uFFFF])+[ \t\f]*(?:[,);#\\\r\n]|$)/y;
const IMPORT_ALIAS: HitFilter = {
  key: 'import alias',
  mayBeWanted(text, offset) {
    ALIAS_AFTER_AS.lastIndex = offset + 'as'.length;
    return ALIAS_AFTER_AS.test(text);
  },
};

/** A token a rule looks for: its text, and the type of node it is (`identifier` for a name, else the text itself). */
export interface TokenRequest {
  readonly text: string;
  readonly type: string;
}

/**
 * A search for any of `words` standing alone, not inside a longer ASCII word
 * (the tree says which hits are tokens). The words are ASCII identifiers, so
 * `\b` is that test on both sides, and runs faster than the lookarounds that
 * spell it out.
 */
function wordsPattern(words: readonly string[]): RegExp {
  const key = words.join(' ');
  let pattern = wordPatterns.get(key);
  if (!pattern) {
    if (wordPatterns.size >= MAX_WORD_PATTERNS) wordPatterns.clear();
    pattern = new RegExp(String.raw`\b(?:${words.join('|')})\b`, 'g');
    wordPatterns.set(key, pattern);
  }
  return pattern;
}

/**
 * Nodes whose text holds no token: a hit inside one (a word in a docstring or
 * a comment) says that every other hit inside it is no token either, without
 * asking the tree again. A string's content never holds an interpolation of an
 * f-string: those are its siblings.
 */
const TOKENLESS_TYPES: ReadonlySet<string> = new Set(['comment', 'string_content']);

/**
 * Where the text spells tokens: the node a hit is, found by asking the tree,
 * except after a comment's `#` on the same line, and inside comments and
 * strings' contents met before, which every search of the document shares (a
 * docstring holds `for`, `as`, `class` and names).
 */
class TokenHits {
  /** Comments and string contents found so far, by start; they never overlap. */
  private readonly tokenless: { readonly start: number; readonly end: number }[] = [];

  constructor(private readonly module: ModuleParts) {}

  /** The node that spans exactly `length` characters from `start`, if one does: a token there, or none (a hit in a string, a comment). */
  tokenAt(start: number, length: number): Node | undefined {
    const at = firstStartingAfter(this.tokenless, start);
    if (at > 0 && start < this.tokenless[at - 1]!.end) return undefined;
    if (followsCommentStart(this.module.text, start - this.module.textStart)) return undefined;
    const node = this.module.nodeAt(start, start + length);
    if (!node) return undefined;
    if (node.startIndex === start && node.endIndex === start + length) return node;
    if (TOKENLESS_TYPES.has(node.type)) this.tokenless.splice(at, 0, { start: node.startIndex, end: node.endIndex });
    return undefined;
  }
}

/** By part: the aliases its imports give, kept with its tree. */
const aliasesOfParts = new PartCache<ReadonlyMap<string, readonly string[]>>();

export class NameIndex {
  /** The module's text, which starts at the first part's first token rather than at offset 0. */
  private readonly source: string;
  private readonly sourceStart: number;
  /** By type and text: the tokens in the whole module. */
  private readonly tokensInModule = new Map<string, readonly Node[]>();
  /** By node id, type and text: the tokens inside that node, for tokens not yet searched module-wide. */
  private readonly tokensWithin = new Map<string, readonly Node[]>();
  private dynamicCalls: readonly Node[] | undefined;
  /** By alias: the last part of the name an `import … as alias` imports. */
  private aliases: ReadonlyMap<string, readonly string[]> | undefined;
  /** By the last part of an imported name: the aliases it is imported under. */
  private aliasesByImported: ReadonlyMap<string, readonly string[]> | undefined;
  /** By function or lambda node id: the ids of its parameters' names. */
  private readonly parameters = new Map<number, ReadonlySet<number>>();
  private readonly keys = new TokenKeys();
  /** Request lists the whole module has been searched for (searchTokens). */
  private readonly searchedModuleFor = new Set<readonly TokenRequest[]>();
  /** By node id: where the nodes asked about end. Each statement asks once per anchor, and a node's end is a call into WASM. */
  private readonly ends = new Map<number, number>();

  private readonly module: ModuleParts;
  private readonly hits: TokenHits;

  /**
   * `module`: a tree's root or a module parsed in parts. `readsModule` hears of
   * questions about every spelling of a name, in the whole module or a whole
   * class: their answers depend on all of it.
   */
  constructor(
    module: Node | ModuleParts,
    private readonly readsModule: (name: string) => void = () => undefined,
  ) {
    this.module = ModuleParts.from(module);
    this.source = this.module.text;
    this.sourceStart = this.module.textStart;
    this.hits = new TokenHits(this.module);
  }

  /** Identifiers spelled `name` inside `within` (a part's root: the whole module), in document order. */
  spellings(name: string, within: Node): readonly Node[] {
    if (this.module.isRoot(within)) {
      this.readsModule(name);
      return this.identifiersNamed(name);
    }
    if (spansChunks(within)) this.readsModule(name);
    return this.tokens(name, 'identifier', within);
  }

  /**
   * The tokens of `type` spelled `text` inside `within`, in document order:
   * identifiers (type `identifier`), or keywords and operators (whose type is
   * their text). Unlike spellings(), a search of the whole module is not
   * reported as reading it: callers ask about their own part of it. With
   * `filter`, only the hits that pass it (the others may be tokens too).
   */
  tokens(text: string, type: string, within: Within, filter?: HitFilter): readonly Node[] {
    const known = this.tokensInModule.get(this.keys.of(type, text, filter));
    if (isNode(within) && this.module.isRoot(within)) {
      const found = known ?? this.tokensOfModule(text, type, filter);
      return this.module.parts.length === 1 ? found : tokensInside(found, within.startIndex, this.endOf(within));
    }
    if (known) return known.length === 0 ? known : tokensInside(known, within.startIndex, this.endOf(within));
    // A token in a local scope or a statement is searched for in its text, not in the whole module.
    const key = this.keys.within(within, type, text, filter);
    let found = this.tokensWithin.get(key);
    if (!found) {
      found = this.nodesSpelling(text, type, within.startIndex, this.endOf(within), filter);
      this.tokensWithin.set(key, found);
    }
    return found;
  }

  /** The tokens of `type` spelled `text` in the whole module, as tokens() finds them for a part's root. */
  moduleTokens(text: string, type: string, filter?: HitFilter): readonly Node[] {
    return this.tokensInModule.get(this.keys.of(type, text, filter)) ?? this.tokensOfModule(text, type, filter);
  }

  /**
   * Finds where `within` spells each requested token, for tokens() to answer
   * from: one search of the text for all the words among them (keywords and
   * names), where a search per word would read the text once for each.
   */
  searchTokens(requests: readonly TokenRequest[], within: Within): void {
    // Once the module has been searched for a list, each statement asking again would check every request of it.
    if (this.searchedModuleFor.has(requests)) return;
    const isModule = isNode(within) && this.module.isRoot(within);
    if (isModule) this.searchedModuleFor.add(requests);
    const cacheKey = ({ type, text }: TokenRequest) =>
      isModule ? this.keys.of(type, text) : this.keys.within(within, type, text);
    const cache = isModule ? this.tokensInModule : this.tokensWithin;
    // Keywords and names (ASCII identifiers) are found in one search with the others.
    const missing = requests.filter(
      (request) =>
        ASCII_IDENTIFIER.test(request.text) &&
        !this.tokensInModule.has(this.keys.of(request.type, request.text)) &&
        !cache.has(cacheKey(request)),
    );
    if (missing.length < 2) return;
    const found = isModule
      ? this.wordsSpelling(missing, this.sourceStart, Infinity)
      : this.wordsSpelling(missing, within.startIndex, this.endOf(within));
    for (const request of missing) cache.set(cacheKey(request), found.get(this.keys.of(request.type, request.text))!);
  }

  /** The identifier exactly at [start, start + length), if the text spells one there (not a word in a string or comment). */
  identifierAt(start: number, length: number): Node | undefined {
    const node = this.hits.tokenAt(start, length);
    return node?.type === 'identifier' ? node : undefined;
  }

  /** The last parts of the names imported under `alias` anywhere in the document (`import a.b as alias`, `from m import b as alias`). */
  importedAs(alias: string): readonly string[] {
    this.aliases ??= this.importAliases();
    return this.aliases.get(alias) ?? [];
  }

  /** The aliases a name (the last part of an imported name) is imported under anywhere in the document. */
  aliasesOf(imported: string): readonly string[] {
    this.aliases ??= this.importAliases();
    this.aliasesByImported ??= byImported(this.aliases);
    return this.aliasesByImported.get(imported) ?? [];
  }

  private endOf(node: Within): number {
    if (!isNode(node)) return node.endIndex;
    let end = this.ends.get(node.id);
    if (end === undefined) {
      end = node.endIndex;
      this.ends.set(node.id, end);
    }
    return end;
  }

  /** Calls inside `within` that may be eval/exec/globals/locals/vars. */
  dynamicCallsIn(within: Node): readonly Node[] {
    this.dynamicCalls ??= DYNAMIC_ACCESS_NAMES.flatMap((name) =>
      this.identifiersNamed(name).flatMap((identifier) => calleeCall(identifier) ?? []),
    );
    if (this.module.isRoot(within)) {
      for (const name of DYNAMIC_ACCESS_NAMES) this.readsModule(name);
      return this.dynamicCalls;
    }
    if (spansChunks(within)) for (const name of DYNAMIC_ACCESS_NAMES) this.readsModule(name);
    return this.dynamicCalls.filter(insideOf(within));
  }

  /** Whether the identifier names a parameter of a function or lambda: it binds inside, though it stands outside the body. */
  isParameter(identifier: Node): boolean {
    // Each type read is a call into WASM: once per ancestor.
    let list: Node | null = identifier.parent;
    let isList = false;
    for (let depth = 1; list && !(isList = PARAMETER_LISTS.has(list.type)) && depth <= PARAMETER_DEPTH; depth++)
      list = list.parent;
    const owner = isList ? list!.parent : null;
    if (!owner) return false;
    let names = this.parameters.get(owner.id);
    if (!names) {
      names = new Set((INNER_BINDERS[owner.type]?.targets(owner) ?? []).map((parameter) => parameter.id));
      this.parameters.set(owner.id, names);
    }
    return names.has(identifier.id);
  }

  /** Every identifier node spelled `name`, in document order: the text is searched, and tree-sitter says which hits are identifiers. */
  private identifiersNamed(name: string): readonly Node[] {
    return this.tokensInModule.get(this.keys.of('identifier', name)) ?? this.tokensOfModule(name, 'identifier');
  }

  private tokensOfModule(text: string, type: string, filter?: HitFilter): readonly Node[] {
    const found = this.nodesSpelling(text, type, this.sourceStart, Infinity, filter);
    this.tokensInModule.set(this.keys.of(type, text, filter), found);
    return found;
  }

  /**
   * The nodes of `type` that are exactly where the text spells `word`, between
   * offsets `from` and `to`; with `filter`, only where the text passes it.
   */
  private nodesSpelling(
    word: string,
    type: string,
    from = this.sourceStart,
    to = Infinity,
    filter?: HitFilter,
  ): Node[] {
    const nodes: Node[] = [];
    if (word.length === 0) return nodes;
    const begin = Math.max(0, from - this.sourceStart);
    // Searched in the range's own text: a word the range lacks would send indexOf to the end of the module.
    const text = to === Infinity ? this.source : this.source.slice(0, to - this.sourceStart);
    const startsWordlike = isAsciiWordCharAt(word, 0);
    const endsWordlike = isAsciiWordCharAt(word, word.length - 1);
    const startsAugmented = AUGMENTED_OPERATORS.has(`${word}=`);
    for (let at = text.indexOf(word, begin); at !== -1; at = text.indexOf(word, at + 1)) {
      // A hit inside a longer ASCII word is no node of its own: skip it without asking the tree.
      if (startsWordlike && isAsciiWordCharAt(this.source, at - 1)) continue;
      if (endsWordlike && isAsciiWordCharAt(this.source, at + word.length)) continue;
      if (startsAugmented && this.source[at + word.length] === '=') continue;
      if (filter && !filter.mayBeWanted(text, at)) continue;
      const node = this.hits.tokenAt(this.sourceStart + at, word.length);
      if (node?.type === type) nodes.push(node);
    }
    return nodes;
  }

  /** For each requested word, by its key (TokenKeys): the nodes of its type exactly where the text spells it between `from` and `to`, as nodesSpelling finds them. */
  private wordsSpelling(requests: readonly TokenRequest[], from: number, to: number): Map<string, Node[]> {
    const typesOf = new Map<string, string[]>();
    const found = new Map<string, Node[]>();
    for (const { text, type } of requests) {
      typesOf.set(text, [...(typesOf.get(text) ?? []), type]);
      found.set(this.keys.of(type, text), []);
    }
    const begin = Math.max(0, from - this.sourceStart);
    const end = Math.min(this.source.length, to - this.sourceStart);
    // A character past the range, for the lookahead to see what follows a word that ends it;
    // no more: a search of the rest of the module would cost each statement analysed all of it.
    const text = this.source.slice(0, end + 1);
    const pattern = wordsPattern([...typesOf.keys()]);
    pattern.lastIndex = begin;
    for (let match = pattern.exec(text); match && match.index + match[0].length <= end; match = pattern.exec(text)) {
      const word = match[0];
      const node = this.hits.tokenAt(this.sourceStart + match.index, word.length);
      if (!node) continue;
      for (const type of typesOf.get(word)!) if (node.type === type) found.get(this.keys.of(type, word))!.push(node);
    }
    return found;
  }

  /** By alias, the last parts of the names imported under it, gathered from every part. */
  private importAliases(): ReadonlyMap<string, readonly string[]> {
    const aliases = new Map<string, string[]>();
    for (const part of this.module.parts) {
      // A tree that is not kept across edits (the CLI's) gains nothing from a copy kept with it.
      const found = this.module.keptAcrossEdits
        ? aliasesOfParts.get(part, this.source.slice(part.start - this.sourceStart, part.end - this.sourceStart), () =>
            this.aliasesIn(part),
          )
        : this.aliasesIn(part);
      for (const [alias, imported] of found) {
        const known = aliases.get(alias);
        if (known) known.push(...imported);
        else aliases.set(alias, [...imported]);
      }
    }
    return aliases;
  }

  /** The aliases one part's imports give: found from where its text spells the keyword `as`. */
  private aliasesIn(part: ModulePart): Map<string, string[]> {
    const aliases = new Map<string, string[]>();
    for (const keyword of this.nodesSpelling('as', 'as', part.start, part.end, IMPORT_ALIAS)) {
      const aliased = keyword.parent;
      if (aliased?.type !== 'aliased_import') continue;
      const alias = aliased.childForFieldName('alias')?.text;
      const name = aliased.childForFieldName('name')?.text;
      if (!alias || !name) continue;
      const imported = lastPart(name);
      const known = aliases.get(alias);
      if (known) known.push(imported);
      else aliases.set(alias, [imported]);
    }
    return aliases;
  }
}

/**
 * The tokens that lie inside a node from `start` to `end`. A token that starts
 * inside a node ends inside it, so its start tells, and its end (a call into
 * WASM) is not read.
 */
function tokensInside(tokens: readonly Node[], start: number, end: number): Node[] {
  // In document order: the first is found by a binary search, as each statement of a module asks.
  const first = firstNodeStartingAfter(tokens, start - 1);
  let last = first;
  while (last < tokens.length && tokens[last]!.startIndex < end) last++;
  return tokens.slice(first, last);
}

function byImported(aliases: ReadonlyMap<string, readonly string[]>): ReadonlyMap<string, readonly string[]> {
  const found = new Map<string, string[]>();
  for (const [alias, imported] of aliases) {
    for (const name of imported) {
      const known = found.get(name);
      if (known) known.push(alias);
      else found.set(name, [alias]);
    }
  }
  return found;
}
