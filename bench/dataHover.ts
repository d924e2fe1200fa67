// (f) the wait for a hover over a read of a workspace data file, over LSP:
// on a server that has not read the file yet, then again and again (the
// estimate is kept by path, size and mtime), then each time the file changes.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import type { DataDocument } from './dataWorkspace';
import { BenchClient } from './lspClient';
import { percentile } from './measure';

export interface DataHoverResult {
  readonly firstDiagnosticsMs: number;
  /** The first hover on a fresh server: the file is read and estimated while the editor waits. */
  readonly coldMs: number;
  readonly hovers: number;
  readonly cachedP50Ms: number;
  readonly cachedP99Ms: number;
  /** Hovers each right after the file's mtime moved: estimated again, by a server whose code is warm. */
  readonly changes: number;
  readonly changedP50Ms: number;
  readonly changedMaxMs: number;
  /** The hover's first line, which states the estimate. */
  readonly headline: string;
}

export async function dataHoverLatency(
  repoRoot: string,
  folder: string,
  document: DataDocument,
  hovers: number,
  changes: number,
): Promise<DataHoverResult> {
  const client = await BenchClient.start(repoRoot, folder);
  try {
    const uri = pathToFileURL(document.scriptPath).href;
    const opened = performance.now();
    await client.didOpen(uri, document.text);
    const firstDiagnosticsMs = performance.now() - opened;
    const timedHover = async (): Promise<{ ms: number; text: string }> => {
      const start = performance.now();
      const hover = await client.hover(uri, document.hoverAt);
      const ms = performance.now() - start;
      return { ms, text: estimateText(hover, document) };
    };

    const cold = await timedHover();
    const cached: number[] = [];
    for (let i = 0; i < hovers; i++) cached.push((await timedHover()).ms);
    const changed: number[] = [];
    const dataPath = join(folder, document.dataPath);
    for (let i = 1; i <= changes; i++) {
      // A new mtime, a second apart from the last, with the same bytes: the kept estimate no longer holds.
      const mtime = new Date(Date.now() + i * 1000);
      utimesSync(dataPath, mtime, mtime);
      changed.push((await timedHover()).ms);
    }
    return {
      firstDiagnosticsMs,
      coldMs: cold.ms,
      hovers,
      cachedP50Ms: percentile(cached, 50),
      cachedP99Ms: percentile(cached, 99),
      changes,
      changedP50Ms: percentile(changed, 50),
      changedMaxMs: Math.max(...changed),
      headline: cold.text.split('\n')[0]!,
    };
  } finally {
    await client.stop();
  }
}

/** The hover's Markdown, which must state an estimate: a hover with none times nothing worth timing. */
function estimateText(hover: Hover | null, document: DataDocument): string {
  const contents = hover?.contents;
  const text = typeof contents === 'object' && contents !== null && 'value' in contents ? contents.value : '';
  if (!text.includes('as loaded')) {
    throw new Error(`the hover over ${document.dataPath} states no estimate: ${JSON.stringify(hover)}`);
  }
  return text;
}
