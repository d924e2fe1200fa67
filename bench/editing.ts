// (d) the editor's wait: keystroke → publishDiagnostics over a stdio LSP
// connection, and the first diagnostics after opening a file.
import { performance } from 'node:perf_hooks';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { BenchClient } from './lspClient';
import { percentile } from './measure';

export interface EditingResult {
  readonly firstDiagnosticsMs: number;
  readonly keystrokes: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly ruffCheckP50Ms: number;
}

/**
 * Single-character edits that alternate: insert a character at a place picked
 * along the file, then delete it again, so the text stays realistic throughout.
 */
export function* keystrokes(text: string, count: number, seed = 7): Generator<TextDocumentContentChangeEvent> {
  const lines = text.split('\n');
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < count; i += 2) {
    const line = next() % lines.length;
    const at: Position = { line, character: next() % (lines[line]!.length + 1) };
    yield { range: { start: at, end: at }, text: 'x' };
    if (i + 1 < count) yield { range: { start: at, end: { line, character: at.character + 1 } }, text: '' };
  }
}

export async function editingLatency(
  repoRoot: string,
  text: string,
  edits: number,
  ruff: Workspace,
  ruffRuns: number,
): Promise<EditingResult> {
  const client = await BenchClient.start(repoRoot);
  try {
    const uri = 'file:///bench/generated.py';
    const opened = performance.now();
    await client.didOpen(uri, text);
    const firstDiagnosticsMs = performance.now() - opened;

    const latencies: number[] = [];
    let version = 1;
    for (const change of keystrokes(text, edits)) {
      const start = performance.now();
      await client.didChange(uri, ++version, [change]);
      latencies.push(performance.now() - start);
    }
    const ruffDurations: number[] = [];
    for (let i = 0; i < ruffRuns; i++) {
      const start = performance.now();
      ruff.check(text);
      ruffDurations.push(performance.now() - start);
    }
    return {
      firstDiagnosticsMs,
      keystrokes: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      ruffCheckP50Ms: percentile(ruffDurations, 50),
    };
  } finally {
    await client.stop();
  }
}
