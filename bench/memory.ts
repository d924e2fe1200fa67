// (e) whether the server's memory stays flat: its RSS and WASM memory after
// opening many files, and again after many edits that leave the text as it was.
import type { ServerStats } from '../server/src/features/stats';
import type { Corpus } from './corpus';
import { keystrokes } from './editing';
import { BenchClient } from './lspClient';

export interface MemorySnapshot {
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

export async function memoryGrowth(repoRoot: string, corpus: Corpus, files: number, edits: number): Promise<MemoryResult> {
  const client = await BenchClient.start(repoRoot);
  try {
    const opened = corpus.files.slice(0, files).map((file, index) => ({ uri: `file:///bench/open/${index}.py`, text: file.text, version: 1 }));
    for (const document of opened) await client.didOpen(document.uri, document.text);
    const afterOpening = await snapshot(client);

    // Round-robin over the open files, each getting its own alternating insert/delete keystrokes.
    const changes = opened.map((document, index) => keystrokes(document.text, Math.ceil(edits / opened.length) + 1, index + 1));
    let halfway: MemorySnapshot | undefined;
    for (let done = 0; done < edits; done++) {
      if (done === Math.floor(edits / 2)) halfway = await snapshot(client);
      const index = done % opened.length;
      const document = opened[index]!;
      const change = changes[index]!.next();
      if (change.done) throw new Error('ran out of keystrokes');
      await client.didChange(document.uri, ++document.version, [change.value]);
    }
    const afterEditing = await snapshot(client);
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

async function snapshot(client: BenchClient): Promise<MemorySnapshot> {
  const stats: ServerStats = await client.stats();
  return { rssBytes: client.rssBytes(), heapUsedBytes: stats.memory.heapUsed, wasmBytes: stats.memory.external, openTrees: stats.openTrees };
}

function growth(before: number, after: number): number {
  return ((after - before) / before) * 100;
}
