// `memhints/stats`: what the server holds, for benchmarks and bug reports.
// Trees live in web-tree-sitter's WASM memory, which counts under `external`, not the JS heap.
import { getHeapSpaceStatistics, type HeapSpaceInfo } from 'node:v8';
import type { OpenDocuments } from '../document/documents';

export const STATS_REQUEST = 'memhints/stats';

export interface ServerStats {
  readonly memory: NodeJS.MemoryUsage;
  /** The JS heap's spaces: which one grows, when `heapTotal` does. */
  readonly heapSpaces: readonly HeapSpaceInfo[];
  readonly openDocuments: number;
  /** The tree-sitter trees the open documents hold: one per region of each. */
  readonly openTrees: number;
}

/**
 * Full collections before the figures, so that the heap's used size is what the
 * server keeps. The heap's total and the RSS shrink only once V8's memory reducer
 * has compacted the heap, a few seconds after the server goes idle.
 */
const IDLE_COLLECTIONS = 3;

export function serverStats(documents: OpenDocuments | undefined): ServerStats {
  // Started with --expose-gc (as the benchmark starts it), the figures are what the
  // server keeps, not garbage that has yet to be collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let collection = 0; gc && collection < IDLE_COLLECTIONS; collection++) gc();
  return {
    memory: process.memoryUsage(),
    heapSpaces: getHeapSpaceStatistics(),
    openDocuments: documents?.count ?? 0,
    openTrees: documents?.treeCount ?? 0,
  };
}
