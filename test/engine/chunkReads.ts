// What the analysis of a chunk of a class reads of the other chunks of its
// class, or of another class cut into chunks, watched node by node: each read
// must be one its recorded dependencies answer for, or an edit of the chunk
// read would leave the reader's findings stale. (A member reads its class's
// header freely: the header is part of its key.)
import type { Node } from 'web-tree-sitter';
import { analyseChunk } from '../../server/src/engine/chunkAnalysis';
import { ChunkGroups } from '../../server/src/engine/chunkGroups';
import { topLevelChunks, type Chunk } from '../../server/src/engine/topLevelChunks';
import { ModuleParts } from '../../server/src/document/moduleParts';
import { parse, pythonParser } from '../../server/src/document/parser';
import { wordsOf, type Dependencies } from '../../server/src/semantics/dependencies';
import { DocumentFacts } from '../../server/src/semantics/facts';
import { Scopes } from '../../server/src/semantics/scopes';
import { classLevelNames } from '../../server/src/semantics/moduleLevelNames';
import { DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { endOf, STRUCTURE_READS, watchingNodeReads } from '../support/nodeReads';
import { OPTIONS } from './incrementalSweeps';

/** A read the reader's dependencies do not answer for. */
export interface UnrecordedRead {
  readonly file: string;
  /** The first line of the chunk that read, and of the chunk read. */
  readonly reader: string;
  readonly read: string;
  /** The operation, and the stack of the first such read. */
  readonly operation: string;
  readonly stack: string;
}

/**
 * Functions that read other chunks for what their answers need not record:
 * each reason says why an edit of the chunk read still reaches the reader.
 */
const ANSWERED_OTHERWISE: ReadonlyMap<string, string> = new Map([
  // MEM301 asks whether a node it found by its name's spellings lies in a loop: a loop
  // around the node lies in the chunk that holds the node, which spells the name.
  ['repetitionExtents', 'loops of the module, found once for all the questions'],
  // Whether a statement between a binding and its use defines the name again: a definition
  // of it spells it, and the question records its spellings (valueChanges.MutationQuestion).
  ['definesName', 'definitions of a name among statements'],
  // A method named `iterrows` anywhere in the file: MEM402 records its spellings first.
  ['definesIterrows', 'definitions of iterrows'],
]);

const firstLine = (source: string, chunk: Chunk) => source.slice(chunk.start, chunk.end).trimStart().split('\n')[0]!;

/** Every chunk of `source` that stands in a class cut into chunks, or reads one, analysed alone with its reads watched. */
export async function unrecordedReads(file: string, source: string): Promise<UnrecordedRead[]> {
  const tree = parse(await pythonParser(), source);
  try {
    const module = ModuleParts.from(tree);
    const chunks = topLevelChunks(module, source);
    const { cutClasses } = new ChunkGroups(chunks);
    if (cutClasses.length === 0) return [];
    const inClasses = chunks.filter((chunk) => chunk.inClass !== undefined);
    const found: UnrecordedRead[] = [];
    for (const reader of chunks) {
      // Found before the watch: the engine knows its chunks' nodes before it analyses them.
      void reader.nodes;
      const facts = new DocumentFacts(module);
      // The aliases are read once per analysis, before any chunk (see anchorAliases).
      facts.names.aliasesOf('');
      const context = { source, facts, pythonVersion: DEFAULT_PYTHON_VERSION };
      const reads = new Map<Chunk, { operation: string; stack: string }>();
      const note = (node: Node, operation: string) => {
        // The text of a root is the document's, read by offset as the rules read `context.source`:
        // out of the watch's sight (the keys hold the lines such reads look at, around a chunk).
        if (operation === 'text' && node.parent === null) return;
        const start = node.startIndex;
        const end = endOf(node);
        if (reader.start <= start && end <= reader.end) return;
        const holders = inClasses.filter((chunk) =>
          chunk.start <= start && end <= chunk.end
            ? true
            : // A node around chunks (a class, its body) tells of them only through its text.
              (operation === 'text' || operation === 'toString') && start <= chunk.start && chunk.end <= end,
        );
        for (const holder of holders) {
          if (holder === reader || reads.has(holder)) continue;
          const ownHeader =
            reader.inClass?.role === 'member' &&
            holder.inClass?.role === 'header' &&
            holder.inClass.start === reader.inClass.start;
          if (ownHeader) continue;
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = 60;
          const stack = new Error().stack ?? '';
          Error.stackTraceLimit = limit;
          if (![...ANSWERED_OTHERWISE.keys()].some((name) => stack.includes(` ${name} (`)))
            reads.set(holder, { operation, stack });
        }
      };
      const { dependencies } = watchingNodeReads(
        [Scopes],
        (node, operation, returned) => {
          if (!STRUCTURE_READS.has(operation) || !isAround(node, reader)) note(node, operation);
          for (const handed of returned) if (!isAround(handed, reader)) note(handed, `${operation} (handed back)`);
        },
        () => analyseChunk(reader, OPTIONS.rules, context, cutClasses),
      );
      for (const [read, { operation, stack }] of reads) {
        if (answersFor(dependencies, reader, read, source)) continue;
        found.push({
          file,
          reader: firstLine(source, reader),
          read: firstLine(source, read),
          operation,
          stack: stack.split('\n').slice(3, 40).join('\n'),
        });
      }
    }
    return found;
  } finally {
    tree.delete();
  }
}

/** Whether the node holds the chunk: an ancestor of its nodes, whose type and place any of them may read. */
function isAround(node: Node, chunk: Chunk): boolean {
  return node.startIndex <= chunk.start && chunk.end <= endOf(node);
}

/** Whether an edit of `read` would have `reader` analysed again, by what its analysis recorded. */
function answersFor(dependencies: Dependencies, reader: Chunk, read: Chunk, source: string): boolean {
  if (dependencies.wholeDocument) return true;
  const place = read.inClass!;
  if (dependencies.enclosingClass && reader.inClass?.start === place.start) return true;
  if (dependencies.definitions.has(place.name)) return true;
  // A header binds its class's name: the readers of its bindings are told of its edits.
  if (place.role === 'header' && dependencies.bindings.has(place.name)) return true;
  const words = wordsOf(read.key.slice(0, read.ownKeyLength));
  for (const name of dependencies.spellings) if (words.has(name)) return true;
  // A statement of a class's body that binds a name there changes what lookups of it in the class find.
  if (place.role === 'member') {
    const bound = classLevelNames(read.nodes, source.slice(read.start, read.end));
    for (const name of dependencies.classBindings) if (bound.has(name)) return true;
  }
  return false;
}
