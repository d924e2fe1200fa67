// `memhints/stats`: what the server holds, for benchmarks and bug reports.
// Trees live in web-tree-sitter's WASM memory, which counts under `external`, not the JS heap.
import type { OpenDocuments } from '../documents';

export const STATS_REQUEST = 'memhints/stats';

export interface ServerStats {
  readonly memory: NodeJS.MemoryUsage;
  readonly openDocuments: number;
  /** The tree-sitter trees the open documents hold: one per region of each. */
  readonly openTrees: number;
}

/**
 * Full collections before the figures. After one, the heap still holds pages that
 * the next ones give back (tens of MB after many edits), as V8's memory reducer
 * does by itself a few seconds after the server goes idle.
 */
const IDLE_COLLECTIONS = 3;

export function serverStats(documents: OpenDocuments | undefined): ServerStats {
  // Started with --expose-gc (as the benchmark starts it), the figures are what the
  // server keeps, not garbage that has yet to be collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let collection = 0; gc && collection < IDLE_COLLECTIONS; collection++) gc();
  return { memory: process.memoryUsage(), openDocuments: documents?.count ?? 0, openTrees: documents?.treeCount ?? 0 };
}
