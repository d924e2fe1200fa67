// Analysis of a document that is edited again and again: after an edit, only
// the top-level statements that changed, or that read something that changed,
// are analysed again; the others keep their findings, moved with their text.
// The result is always what analyze() gives for the whole new text.
import type { Tree } from 'web-tree-sitter';
import type { Finding, RuleContext } from '../rules/types';
import { analyze, checkSubtree, finishFindings, rulesByNodeType, type AnalysisOptions, type RulesByType, type SuppressionAt } from './analyze';
import { unchangedChunks } from './chunkMatching';
import { Dependencies, wordsOf } from './dependencies';
import { DocumentFacts } from './facts';
import { topLevelChunks, type Chunk } from './topLevelChunks';

/** One chunk's findings and noqa comments, at offsets from its start. */
interface ChunkResult {
  readonly key: string;
  readonly words: ReadonlySet<string>;
  readonly dependencies: Dependencies;
  readonly findings: readonly Finding[];
  readonly suppressions: readonly SuppressionAt[];
}

export class IncrementalAnalysis {
  private previous: readonly ChunkResult[] = [];
  private readonly rules: RulesByType;
  /** Chunks analysed again by the last call, for tests and the benchmark. */
  lastAnalysedChunks = 0;

  constructor(private readonly options: AnalysisOptions) {
    this.rules = rulesByNodeType(options.rules);
  }

  analyze(tree: Tree, source: string): Finding[] {
    const root = tree.rootNode;
    // Broken text can make the root an ERROR node: its children are not statements.
    if (root.type !== 'module') {
      this.previous = [];
      this.lastAnalysedChunks = 1;
      return analyze(tree, source, this.options);
    }
    const chunks = topLevelChunks(root, source);
    const kept = unchangedChunks(this.previous.map((result) => result.key), chunks.map((chunk) => chunk.key));
    const changedWords = this.wordsOfChangedChunks(chunks, kept);
    // A star import added or removed changes what every module-level name may be.
    const starImportChanged = changedWords.words.has('import') && changedWords.texts.some((text) => text.includes('*'));
    let facts: DocumentFacts | undefined;
    const results: ChunkResult[] = [];
    this.lastAnalysedChunks = 0;
    chunks.forEach((chunk, index) => {
      const old = kept[index] === undefined ? undefined : this.previous[kept[index]!];
      if (old && !starImportChanged && stillHolds(old.dependencies, changedWords.words)) {
        results.push(old);
        return;
      }
      facts ??= new DocumentFacts(root);
      results.push(this.analyseChunk(chunk, { source, facts }, old?.words));
      this.lastAnalysedChunks++;
    });
    this.previous = results;
    return this.assemble(chunks, results, source);
  }

  /** The words of chunks that appeared or disappeared, and their texts. */
  private wordsOfChangedChunks(chunks: readonly Chunk[], kept: readonly (number | undefined)[]): { words: Set<string>; texts: string[] } {
    const words = new Set<string>();
    const texts: string[] = [];
    const stillThere = new Set(kept.filter((index): index is number => index !== undefined));
    this.previous.forEach((result, index) => {
      if (stillThere.has(index)) return;
      for (const word of result.words) words.add(word);
      texts.push(result.key);
    });
    chunks.forEach((chunk, index) => {
      if (kept[index] !== undefined) return;
      for (const word of wordsOf(chunk.key)) words.add(word);
      texts.push(chunk.key);
    });
    return { words, texts };
  }

  private analyseChunk(chunk: Chunk, context: RuleContext & { readonly facts: DocumentFacts }, knownWords: ReadonlySet<string> | undefined): ChunkResult {
    const dependencies = new Dependencies();
    context.facts.recordInto(dependencies);
    const findings: Finding[] = [];
    const suppressions: SuppressionAt[] = [];
    try {
      for (const node of chunk.nodes) {
        const checked = checkSubtree(node, this.rules, context);
        findings.push(...checked.findings);
        suppressions.push(...checked.suppressions);
      }
    } finally {
      context.facts.recordInto(undefined);
    }
    // A finding or fix outside the chunk would not move with it: never reuse such a chunk.
    if (!findings.every((finding) => withinChunk(finding, chunk))) dependencies.readsWholeDocument();
    return {
      key: chunk.key,
      words: knownWords ?? wordsOf(chunk.key),
      dependencies,
      findings: findings.map((finding) => moved(finding, -chunk.start)),
      suppressions: suppressions.map(({ offset, suppression }) => ({ offset: offset - chunk.start, suppression })),
    };
  }

  private assemble(chunks: readonly Chunk[], results: readonly ChunkResult[], source: string): Finding[] {
    const findings: Finding[] = [];
    const suppressions: SuppressionAt[] = [];
    results.forEach((result, index) => {
      const start = chunks[index]!.start;
      for (const finding of result.findings) findings.push(moved(finding, start));
      for (const { offset, suppression } of result.suppressions) suppressions.push({ offset: offset + start, suppression });
    });
    return finishFindings(findings, suppressions, source, this.options);
  }
}

function stillHolds(dependencies: Dependencies, changedWords: ReadonlySet<string>): boolean {
  if (dependencies.wholeDocument) return false;
  for (const name of dependencies.names) if (changedWords.has(name)) return false;
  return true;
}

function withinChunk(finding: Finding, chunk: Chunk): boolean {
  const inside = (start: number, end: number) => chunk.start <= start && end <= chunk.end;
  return inside(finding.start, finding.end) && (finding.fix?.edits.every((edit) => inside(edit.start, edit.end)) ?? true);
}

function moved(finding: Finding, by: number): Finding {
  const { fix } = finding;
  return {
    ...finding,
    start: finding.start + by,
    end: finding.end + by,
    ...(fix ? { fix: { ...fix, edits: fix.edits.map((edit) => ({ ...edit, start: edit.start + by, end: edit.end + by })) } } : {}),
  };
}
