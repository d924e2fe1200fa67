// Analysis of a document that is edited again and again: after an edit, only
// the chunks (top-level statements, and the headers and body statements of
// top-level classes) that changed, or that read something that changed, are
// analysed again; the others keep their findings, moved with their text.
// The result is always what analyze() gives for the whole new text.
//
// Unless a deadline stops it: the statements it leaves are kept as *pending*
// results (no findings yet), which the next call analyses, after the
// statements that edit changed. Its findings are then those of the statements
// analysed, which is what analyze() gives for them. A call on the same text
// goes on where the last one stopped, with the same facts. The statements an
// edit changed and the *backlog* (the pending ones, and every statement of a
// first analysis) can be given deadlines of their own.
import type { Deadline } from '../document/deadline';
import { NO_DEADLINE } from '../document/deadline';
import type { Tree } from 'web-tree-sitter';
import type { Finding, RuleContext } from '../rules/types';
import { finishFindings, targetVersion, type AnalysisOptions, type SuppressionAt } from './analyze';
import { analyseChunk } from './chunkAnalysis';
import { anchorAliases, findAnchorsInModule } from './anchoredNodes';
import { unchangedChunks } from './chunkMatching';
import { wordsOf, type ChunkPlace, type Dependencies } from '../semantics/dependencies';
import { DocumentFacts } from '../semantics/facts';
import {
  classLevelNames,
  mayDeclareGlobal,
  mayStarImport,
  moduleLevelNames,
  partBindings,
} from '../semantics/moduleLevelNames';
import { ModuleParts } from '../document/moduleParts';
import { RetiredChunks } from './retiredChunks';
import { moduleLevelText, topLevelChunks, type Chunk } from './topLevelChunks';
import { ChunkGroups } from './chunkGroups';
import { ownedNames } from '../text/ownedStrings';

/** The words of a chunk: all of them, and the names it may bind at module level (moduleLevelNames). */
interface ChunkWords {
  readonly all: ReadonlySet<string>;
  readonly moduleLevel: ReadonlySet<string>;
  /** The names whose definitions it is part of: what it binds at module level, and a class member's class. */
  readonly defines: ReadonlySet<string>;
  /** What a statement of a class's body binds in the class body's scope (classLevelNames). */
  readonly classLevel: ReadonlySet<string>;
  /** Whether its module-level part may be a star import. */
  readonly starImport: boolean;
}

/** What the chunks that appeared or went away spell, and may bind at module level: how many of them do. */
interface ChangedWords {
  readonly all: ReadonlyMap<string, number>;
  readonly moduleLevel: ReadonlyMap<string, number>;
  readonly defines: ReadonlyMap<string, number>;
  readonly classLevel: ReadonlyMap<string, number>;
  /** A star import added or removed changes what every module-level name may be. */
  readonly starImport: boolean;
}

/** One chunk's findings and noqa comments, at offsets from its start. */
interface ChunkResult {
  readonly key: string;
  readonly words: ChunkWords;
  /** A copy: what was recorded while the chunk was analysed. */
  readonly dependencies: Read;
  readonly findings: readonly Finding[];
  readonly suppressions: readonly SuppressionAt[];
  /** Not analysed yet: a deadline stopped the call before it. */
  readonly pending?: true;
}

/** A chunk's findings and noqa comments at document offsets, for a chunk at `start`. */
interface Placed {
  readonly start: number;
  readonly findings: readonly Finding[];
  readonly suppressions: readonly SuppressionAt[];
}

/** What a chunk's findings read outside it (see Dependencies). */
type Read = Pick<
  Dependencies,
  'bindings' | 'spellings' | 'classBindings' | 'definitions' | 'enclosingClass' | 'wholeDocument'
>;

/** When the analysis of the statements an edit changed must stop, and when that of the backlog must. */
export interface AnalysisDeadlines {
  readonly edit: Deadline;
  readonly backlog: Deadline;
}

/** Where a call stopped at its deadline: what the next call on the same text goes on with. */
interface Stopped {
  readonly module: ModuleParts;
  readonly source: string;
  readonly chunks: readonly Chunk[];
  /** Every chunk's result, pending ones included. */
  readonly results: ChunkResult[];
  readonly context: RuleContext & { readonly facts: DocumentFacts };
  /** The classes cut into chunks, in document order. */
  readonly cutClasses: ChunkPlace['cutClasses'];
  /** The indices of the pending chunks, in the order they are to be analysed. */
  readonly queue: readonly number[];
  /** How many of the first in `queue` the edit changed: the others are the backlog. */
  readonly edited: number;
}

/** Results a call found gone, what changed in it, and the aliases they were found with. */
interface Retirement {
  readonly owner: IncrementalAnalysis;
  readonly chunks: RetiredChunks<ChunkResult>;
  readonly changed: ChangedWords;
  readonly aliases: string | undefined;
}

/**
 * One edit's worth, of the document edited last: with hundreds of files open,
 * each keeping the last edit's gone results would add up to megabytes.
 */
let retirement: Retirement | undefined;

export class IncrementalAnalysis {
  private previous: readonly ChunkResult[] = [];
  /** How the previous results' chunks stood in their classes. */
  private previousGroups = ChunkGroups.NONE;
  /** The import aliases of the rules' anchor names when the previous results were found (anchorAliases). */
  private aliases: string | undefined;
  /** Chunks analysed again by the last call, for tests and the benchmark. */
  lastAnalysedChunks = 0;
  /** Chunks the last call left pending (its deadline passed), of `lastChunks` in all. */
  lastPendingChunks = 0;
  /** Whether the last call left some of the chunks its edit changed (not only backlog). */
  lastLeftEdited = false;
  lastChunks = 0;
  /** Each result's findings where its chunk started at the last call. */
  private readonly placements = new WeakMap<ChunkResult, Placed>();
  /** Where the last call stopped, if its deadline stopped it. */
  private stopped: Stopped | undefined;

  constructor(private readonly options: AnalysisOptions) {}

  /**
   * The findings in a document parsed whole (a tree) or in parts; those of the
   * chunks analysed before `deadline`, when it passes (at least one is).
   */
  analyze(parsed: Tree | ModuleParts, source: string, deadline: Deadline | AnalysisDeadlines = NO_DEADLINE): Finding[] {
    const module = ModuleParts.from(parsed);
    const stopped = this.stopped;
    this.stopped = undefined;
    if (stopped?.module === module && stopped.source === source) return this.goOn(stopped, deadline);
    // Found as each part's tree comes, one part per keystroke, rather than for every part
    // edited since the last analysis that needed the scopes (which ask for all of them).
    for (const part of module.parts) partBindings(part, source);
    const chunks = topLevelChunks(module, source);
    const groups = new ChunkGroups(chunks);
    const kept = unchangedChunks(
      this.previous.map((result) => result.key),
      chunks.map((chunk) => chunk.key),
    );
    let gone: readonly ChunkResult[] = this.goneResults(kept);
    const facts = new DocumentFacts(module);
    // Results were found with the names that stood for the anchors then: an alias that came or went can change any of them.
    const aliases = anchorAliases(this.options.rules, facts);
    const aliasesBefore = this.aliases;
    if (aliases !== this.aliases) {
      kept.fill(undefined);
      gone = this.previous;
      this.aliases = aliases;
    }
    const newWords = new Map<number, ChunkWords>();
    chunks.forEach((chunk, index) => {
      if (kept[index] === undefined) newWords.set(index, wordsOfChunk(chunk, source));
    });
    // A first analysis keeps nothing that the words of its chunks could be weighed against.
    const changed = this.previous.length === 0 ? NOTHING_CHANGED : this.changedWords(gone, newWords);
    const classKept = groups.unchangedSince(this.previousGroups, kept);
    // Every statement to analyse (a document just opened, an import alias changed): one search for the anchors.
    if (chunks.length > 1 && newWords.size === chunks.length) findAnchorsInModule(this.options.rules, facts);
    const results = new Array<ChunkResult>(chunks.length);
    // The chunks this edit changed come first; those a deadline left pending before, after them.
    // A first analysis has no edit: all of it is backlog.
    const changedChunks: number[] = [];
    const pendingBefore: number[] = [];
    const first = this.previous.length === 0;
    chunks.forEach((chunk, index) => {
      const old = kept[index] === undefined ? undefined : this.previous[kept[index]!];
      if (
        old &&
        !old.pending &&
        stillHolds(old.dependencies, changed) &&
        (!old.dependencies.enclosingClass || classKept[index])
      ) {
        results[index] = old;
        return;
      }
      const back = old ? undefined : this.takeRetired(chunk.key, index, kept, changed, aliases);
      if (back) results[index] = back;
      else (old?.pending || first ? pendingBefore : changedChunks).push(index);
    });
    const context = {
      source,
      facts,
      pythonVersion: targetVersion(this.options),
      ...(this.options.dataReads ? { dataReads: this.options.dataReads } : {}),
    };
    const queue = [...changedChunks, ...pendingBefore];
    // Pending until analysed: what the deadline leaves stays so.
    for (const index of queue) {
      const chunk = chunks[index]!;
      const old = kept[index] === undefined ? undefined : this.previous[kept[index]!];
      const words = old?.words ?? newWords.get(index) ?? wordsOfChunk(chunk, source);
      results[index] = {
        key: chunk.key,
        words,
        dependencies: NOTHING_READ,
        findings: [],
        suppressions: [],
        pending: true,
      };
    }
    this.analyseQueue(
      { module, source, chunks, results, context, cutClasses: groups.cutClasses, queue, edited: changedChunks.length },
      deadline,
    );
    if (gone.length > 0)
      retirement = {
        owner: this,
        chunks: new RetiredChunks(this.previous, kept, chunks.length),
        changed,
        aliases: aliasesBefore,
      };
    else this.dispose();
    this.previous = results;
    this.previousGroups = groups;
    return this.assemble(chunks, results, source);
  }

  /** Goes on with the chunks the last call left pending, on the same text. */
  private goOn(stopped: Stopped, deadline: Deadline | AnalysisDeadlines): Finding[] {
    this.analyseQueue(stopped, deadline);
    return this.assemble(stopped.chunks, stopped.results, stopped.source);
  }

  /** Analyses the queued chunks until their deadline (one at least); notes where it stopped, if it did. */
  private analyseQueue(state: Stopped, deadline: Deadline | AnalysisDeadlines): void {
    const { chunks, results, context, cutClasses, queue, edited } = state;
    const { edit, backlog } = 'edit' in deadline ? deadline : { edit: deadline, backlog: deadline };
    this.lastAnalysedChunks = 0;
    this.lastChunks = chunks.length;
    let next = 0;
    const analysed: ChunkResult[] = [];
    for (; next < queue.length; next++) {
      if (this.lastAnalysedChunks > 0 && (next < edited ? edit : backlog).passed()) break;
      const index = queue[next]!;
      analysed.push(this.analyseChunk(chunks[index]!, context, cutClasses, results[index]!.words));
      this.lastAnalysedChunks++;
    }
    // Kept across edits, so copied: strings taken from the tree's text are slices that would keep each
    // version of the whole document alive. The names of words and dependencies are copied as they are
    // found (ownedStrings.ts); findings and noqa comments, which few chunks have, in one copy for all.
    const withFindings = analysed.filter((result) => result.findings.length > 0 || result.suppressions.length > 0);
    const copies = structuredClone(withFindings.map(({ findings, suppressions }) => ({ findings, suppressions })));
    const copied = new Map(withFindings.map((result, at) => [result, copies[at]!]));
    analysed.forEach((result, at) => {
      const copy = copied.get(result);
      results[queue[at]!] = copy ? { ...result, ...copy } : result;
    });
    this.lastPendingChunks = queue.length - next;
    this.lastLeftEdited = next < edited;
    if (next < queue.length) this.stopped = { ...state, queue: queue.slice(next), edited: Math.max(0, edited - next) };
  }

  /**
   * A result the last call found gone, for a chunk of the same key back in its
   * place, when nothing it read changed in either edit but its own going and
   * coming (which its words count once in each).
   */
  private takeRetired(
    key: string,
    index: number,
    kept: readonly (number | undefined)[],
    changed: ChangedWords,
    aliases: string,
  ): ChunkResult | undefined {
    const retired = retirement?.owner === this ? retirement : undefined;
    if (!retired || retired.aliases !== aliases || retired.changed.starImport || changed.starImport) return undefined;
    const result = retired.chunks.take(key, index, kept);
    // What the rest of its class held when it went cannot be told now.
    if (!result || result.pending || result.dependencies.enclosingClass) return undefined;
    return stillHolds(result.dependencies, retired.changed, result.words) &&
      stillHolds(result.dependencies, changed, result.words)
      ? result
      : undefined;
  }

  /** Lets go of the results kept for an undo, the document being closed. */
  dispose(): void {
    if (retirement?.owner === this) retirement = undefined;
  }

  /** The words of chunks that went away (`gone`) or appeared (`newWords`). */
  private changedWords(gone: readonly ChunkResult[], newWords: ReadonlyMap<number, ChunkWords>): ChangedWords {
    const all = new Map<string, number>();
    const moduleLevel = new Map<string, number>();
    const defines = new Map<string, number>();
    const classLevel = new Map<string, number>();
    let starImport = false;
    const count = (counts: Map<string, number>, words: ReadonlySet<string>) => {
      for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    };
    const add = (words: ChunkWords) => {
      count(all, words.all);
      count(moduleLevel, words.moduleLevel);
      count(defines, words.defines);
      count(classLevel, words.classLevel);
      starImport ||= words.starImport;
    };
    for (const result of gone) add(result.words);
    for (const words of newWords.values()) add(words);
    return { all, moduleLevel, defines, classLevel, starImport };
  }

  /** The previous results whose chunks are not among `kept` (by index into the previous results). */
  private goneResults(kept: readonly (number | undefined)[]): ChunkResult[] {
    // Flags, not a Set: this runs on every keystroke, over every chunk of the file.
    const stays = new Uint8Array(this.previous.length);
    for (const index of kept) if (index !== undefined) stays[index] = 1;
    return this.previous.filter((_, index) => stays[index] === 0);
  }

  private analyseChunk(
    chunk: Chunk,
    context: RuleContext & { readonly facts: DocumentFacts },
    cutClasses: ChunkPlace['cutClasses'],
    words: ChunkWords,
  ): ChunkResult {
    const { findings, suppressions, dependencies } = analyseChunk(chunk, this.options.rules, context, cutClasses);
    return {
      key: chunk.key,
      words,
      dependencies: {
        bindings: dependencies.bindings,
        spellings: dependencies.spellings,
        classBindings: dependencies.classBindings,
        definitions: dependencies.definitions,
        enclosingClass: dependencies.enclosingClass,
        wholeDocument: dependencies.wholeDocument,
      },
      findings: findings.map((finding) => moved(finding, -chunk.start)),
      suppressions: suppressions.map(({ offset, suppression }) => ({ offset: offset - chunk.start, suppression })),
    };
  }

  private assemble(chunks: readonly Chunk[], results: readonly ChunkResult[], source: string): Finding[] {
    const findings: Finding[] = [];
    const suppressions: SuppressionAt[] = [];
    results.forEach((result, index) => {
      if (result.findings.length === 0 && result.suppressions.length === 0) return;
      const placed = this.placed(result, chunks[index]!.start);
      for (const finding of placed.findings) findings.push(finding);
      for (const suppression of placed.suppressions) suppressions.push(suppression);
    });
    return finishFindings(findings, suppressions, source, this.options);
  }

  /** A result's findings at document offsets: those of the last call while its chunk has not moved (an edit below it). */
  private placed(result: ChunkResult, start: number): Placed {
    const known = this.placements.get(result);
    if (known?.start === start) return known;
    const placed: Placed = {
      start,
      findings: result.findings.map((finding) => moved(finding, start)),
      suppressions: result.suppressions.map(({ offset, suppression }) => ({ offset: offset + start, suppression })),
    };
    this.placements.set(result, placed);
    return placed;
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();

const NOTHING_CHANGED: ChangedWords = {
  all: new Map(),
  moduleLevel: new Map(),
  defines: new Map(),
  classLevel: new Map(),
  starImport: false,
};

/** What a pending result read: nothing yet. */
const NOTHING_READ: Read = {
  bindings: new Set(),
  spellings: new Set(),
  classBindings: new Set(),
  definitions: new Set(),
  enclosingClass: false,
  wholeDocument: false,
};

/** Whether a result still holds after the changes: none of the chunks that went or came, `own` (its own chunk's words) counted out once, spells what it read. */
function stillHolds(dependencies: Read, changed: ChangedWords, own?: ChunkWords): boolean {
  if (dependencies.wholeDocument) return false;
  if (changed.starImport && dependencies.bindings.size > 0) return false;
  for (const name of dependencies.spellings) if (changedBy(changed.all, own?.all, name)) return false;
  // Only module-level code binds module-level names (an edit inside a function body changes
  // none), and only its binding statements: a call of `len` there leaves `len` the builtin.
  for (const name of dependencies.bindings) if (changedBy(changed.moduleLevel, own?.moduleLevel, name)) return false;
  // A class's body changes with any of its chunks, which bind nothing at module level.
  for (const name of dependencies.definitions) if (changedBy(changed.defines, own?.defines, name)) return false;
  // A lookup in a class body's scope: only the statements that bind the name there (a method, a
  // class attribute) change it; the methods `@property` decorates do not bind `property`.
  for (const name of dependencies.classBindings) if (changedBy(changed.classLevel, own?.classLevel, name)) return false;
  return true;
}

/** Whether a chunk that went or came spells `name`, besides the one whose words are `own`. */
function changedBy(counts: ReadonlyMap<string, number>, own: ReadonlySet<string> | undefined, name: string): boolean {
  return (counts.get(name) ?? 0) - (own?.has(name) ? 1 : 0) > 0;
}

function wordsOfChunk(chunk: Chunk, source: string): ChunkWords {
  const role = chunk.inClass?.role;
  const ownKey = chunk.key.length === chunk.ownKeyLength ? chunk.key : chunk.key.slice(0, chunk.ownKeyLength);
  // A member binds at module level only what it declares global: its text tells first, cheaper than its tree.
  // Kept across edits: names read from the tree are copied (ownedStrings.ts); the key is the chunk cache's copy.
  const moduleLevel = ownedNames(
    role === 'member' && !mayDeclareGlobal(ownKey)
      ? NO_NAMES
      : moduleLevelNames(chunk.nodes, role === 'header' ? 'header' : (role ?? 'statements')),
  );
  return {
    all: wordsOf(ownKey),
    moduleLevel,
    defines: role === 'member' ? new Set([...moduleLevel, chunk.inClass!.name]) : moduleLevel,
    classLevel:
      role === 'member' ? ownedNames(classLevelNames(chunk.nodes, source.slice(chunk.start, chunk.end))) : NO_NAMES,
    starImport: mayStarImport(moduleLevelText(chunk, source)),
  };
}

function moved(finding: Finding, by: number): Finding {
  const { fix, related, reads } = finding;
  return {
    ...finding,
    start: finding.start + by,
    end: finding.end + by,
    ...(fix
      ? { fix: { ...fix, edits: fix.edits.map((edit) => ({ ...edit, start: edit.start + by, end: edit.end + by })) } }
      : {}),
    ...(related
      ? { related: related.map((place) => ({ ...place, start: place.start + by, end: place.end + by })) }
      : {}),
    ...(reads ? { reads: reads.map((place) => ({ start: place.start + by, end: place.end + by })) } : {}),
  };
}
