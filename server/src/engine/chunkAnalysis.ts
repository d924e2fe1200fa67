// One chunk's findings and noqa comments, and what they read outside it: the
// facts record it while the rules check the nodes the chunk's anchors reach.
import type { Finding, Rule, RuleContext } from '../rules/types';
import { Dependencies, type ChunkPlace } from '../semantics/dependencies';
import type { DocumentFacts } from '../semantics/facts';
import type { TextSpan } from '../semantics/nameIndex';
import { definitionOf } from '../semantics/syntax';
import { checkSubtree, type SuppressionAt } from './analyze';
import type { Chunk } from './topLevelChunks';

export interface ChunkAnalysed {
  /** At document offsets. */
  readonly findings: readonly Finding[];
  readonly suppressions: readonly SuppressionAt[];
  readonly dependencies: Dependencies;
}

export function analyseChunk(
  chunk: Chunk,
  rules: readonly Rule[],
  context: RuleContext & { readonly facts: DocumentFacts },
  cutClasses: ChunkPlace['cutClasses'],
): ChunkAnalysed {
  const dependencies = new Dependencies({
    start: chunk.start,
    end: chunk.end,
    ...(chunk.inClass ? { inClass: classPlace(chunk, chunk.inClass) } : {}),
    cutClasses,
  });
  context.facts.recordInto(dependencies);
  const findings: Finding[] = [];
  const suppressions: SuppressionAt[] = [];
  try {
    for (const node of chunk.nodes) {
      // A class's header holds its class statement, whose body is in chunks of its own.
      const span = chunk.inClass?.role === 'header' && node.endIndex > chunk.end ? spanOf(chunk) : undefined;
      const checked = checkSubtree(node, rules, context, span);
      findings.push(...checked.findings);
      suppressions.push(...checked.suppressions);
    }
  } finally {
    context.facts.recordInto(undefined);
  }
  // A finding or fix outside the chunk would not move with it: never reuse such a chunk, unless
  // what lies between is its own class's, which moves with it while the class's chunks stay.
  if (!findings.every((finding) => within(finding, chunk))) {
    const inClass = chunk.inClass;
    if (inClass && findings.every((finding) => within(finding, inClass))) dependencies.enclosingClass = true;
    else dependencies.readsWholeDocument();
  }
  return { findings, suppressions, dependencies };
}

/** Where the chunk stands in its class; where it stops running in the class body's scope found when a lookup asks. */
function classPlace(chunk: Chunk, inClass: NonNullable<Chunk['inClass']>): NonNullable<ChunkPlace['inClass']> {
  let end: number | undefined;
  return {
    role: inClass.role,
    start: inClass.start,
    end: inClass.end,
    // Three calls into WASM, for each of hundreds of chunks a first analysis analyses: most look nothing up in class scope.
    get classScopeEnd() {
      end ??= classScopeEnd(chunk);
      return end;
    },
  };
}

/**
 * Where a class's chunk stops running in the class body's scope: a method's
 * decorators, defaults and annotations run there, not its body; a class-level
 * statement runs there whole, and a header not at all (in the module's).
 */
function classScopeEnd(chunk: Chunk): number {
  if (chunk.inClass?.role !== 'member') return chunk.start;
  const statement = [...chunk.nodes].reverse().find((node) => node.type !== 'comment');
  const body = statement ? definitionOf(statement)?.childForFieldName('body') : undefined;
  return body ? body.startIndex : chunk.end;
}

/** A class's header's extent, to which the analysis of its class statement keeps. */
function spanOf(chunk: Chunk): TextSpan {
  return { startIndex: chunk.start, endIndex: chunk.end };
}

/** Whether everything a finding points at lies in [extent.start, extent.end]. */
function within(finding: Finding, extent: { readonly start: number; readonly end: number }): boolean {
  const inside = (start: number, end: number) => extent.start <= start && end <= extent.end;
  return (
    inside(finding.start, finding.end) &&
    (finding.fix?.edits.every((edit) => inside(edit.start, edit.end)) ?? true) &&
    (finding.related?.every((place) => inside(place.start, place.end)) ?? true) &&
    (finding.reads?.every((place) => inside(place.start, place.end)) ?? true)
  );
}
