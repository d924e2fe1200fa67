// (e) whether the server's memory stays flat: its RSS and WASM memory after
// opening many files, and again after many edits that leave the text as it was.
import type { ServerStats } from '../server/src/features/stats';
import type { Corpus } from './corpus';
import { keystrokes } from './editing';
import { BenchClient } from './lspClient';

interface MemorySnapshot {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Memory outside the JS heap: mostly web-tree-sitter's WASM memory, which holds the trees. */
  readonly wasmBytes: number;
  readonly openTrees: number;
}

export interface MemoryResult {
  readonly openedFiles: number;
  readonly edits: number;
  readonly afterOpening: MemorySnapshot;
  /** Half-way through the edits: growth from here on, unlike a first rise to the allocators' high-water mark, is a leak. */
  readonly halfway: MemorySnapshot;
  readonly afterEditing: MemorySnapshot;
  readonly rssGrowthPercent: number;
  readonly wasmGrowthPercent: number;
  readonly secondHalfRssGrowthPercent: number;
  readonly secondHalfWasmGrowthPercent: number;
}

/**
 * Memory is read once the server has been idle, as between a user's bursts of
 * typing: V8's memory reducer then compacts the heap and gives back what the
 * last burst's garbage took (tens of MB after thousands of edits), which forced
 * collections alone do not. It acts some seconds into the idle time, at a time
 * of its own, which a forced collection may put off: the RSS is watched from
 * outside (/proc) until it has not fallen for a while, and only then are the
 * figures asked for.
 */
export const FULL_IDLE_MS = 15_000;
const WATCH_MS = 2_000;
/** How long the RSS must stay where it is to count as settled. */
const SETTLED_MS = 10_000;
const LONGEST_WATCH_MS = 60_000;
/** A fall smaller than this fraction of the RSS counts as none. */
const NO_FALL = 0.005;

export async function memoryGrowth(
  repoRoot: string,
  corpus: Corpus,
  files: number,
  edits: number,
  idleMs: number,
): Promise<MemoryResult> {
  const client = await BenchClient.start(repoRoot);
  try {
    const opened = corpus.files
      .slice(0, files)
      .map((file, index) => ({ uri: `file:///bench/open/${index}.py`, text: file.text, version: 1 }));
    for (const document of opened) await client.didOpen(document.uri, document.text);
    const afterOpening = await snapshot(client, idleMs);

    // Round-robin over the open files, each getting its own alternating insert/delete keystrokes.
    const changes = opened.map((document, index) =>
      keystrokes(document.text, Math.ceil(edits / opened.length) + 1, index + 1),
    );
    let halfway: MemorySnapshot | undefined;
    for (let done = 0; done < edits; done++) {
      if (done === Math.floor(edits / 2)) halfway = await snapshot(client, idleMs);
      const index = done % opened.length;
      const document = opened[index]!;
      const change = changes[index]!.next();
      if (change.done) throw new Error('ran out of keystrokes');
      await client.didChange(document.uri, ++document.version, [change.value]);
    }
    const afterEditing = await snapshot(client, idleMs);
    halfway ??= afterEditing;
    return {
      openedFiles: opened.length,
      edits,
      afterOpening,
      halfway,
      afterEditing,
      rssGrowthPercent: growth(afterOpening.rssBytes, afterEditing.rssBytes),
      wasmGrowthPercent: growth(afterOpening.wasmBytes, afterEditing.wasmBytes),
      secondHalfRssGrowthPercent: growth(halfway.rssBytes, afterEditing.rssBytes),
      secondHalfWasmGrowthPercent: growth(halfway.wasmBytes, afterEditing.wasmBytes),
    };
  } finally {
    await client.stop();
  }
}

/** The server's memory after `idleMs` idle and, when `idleMs` is not 0, once its RSS has settled. */
async function snapshot(client: BenchClient, idleMs: number): Promise<MemorySnapshot> {
  await sleep(idleMs);
  let lowest = client.rssBytes();
  let settledFor = 0;
  for (let watched = 0; idleMs > 0 && settledFor < SETTLED_MS && watched < LONGEST_WATCH_MS; watched += WATCH_MS) {
    await sleep(WATCH_MS);
    const rss = client.rssBytes();
    settledFor = rss < lowest * (1 - NO_FALL) ? 0 : settledFor + WATCH_MS;
    lowest = Math.min(lowest, rss);
  }
  return readMemory(client);
}

async function readMemory(client: BenchClient): Promise<MemorySnapshot> {
  const stats: ServerStats = await client.stats();
  return {
    rssBytes: client.rssBytes(),
    heapUsedBytes: stats.memory.heapUsed,
    wasmBytes: stats.memory.external,
    openTrees: stats.openTrees,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function growth(before: number, after: number): number {
  return ((after - before) / before) * 100;
}
