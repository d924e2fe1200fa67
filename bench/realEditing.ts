// (i) the editor's wait on real code, over a stdio LSP connection: each edit
// of bench/userEdits.ts to its publishDiagnostics, with Ruff (WASM) checking
// the text of each edit right after, in this process; and the first
// diagnostics after didOpen, in a fresh server (cold) and in a server that has
// opened another document (warm), and when they are complete. The edits start
// once the file's diagnostics are complete, as a user starts typing in a file
// opened a moment before.
import { performance } from 'node:perf_hooks';
import type { Workspace } from '@astral-sh/ruff-wasm-nodejs';
import type { Parser } from 'web-tree-sitter';
import { BenchClient, isPartial } from './lspClient';
import { lineCount, percentile } from './measure';
import type { RealText } from './realTexts';
import { userEdits, type EditKind } from './userEdits';

export interface Latency {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface RealEditsOfFile {
  readonly name: string;
  readonly lines: number;
  /** Its lines once the edits are made: they drift from the original. */
  readonly linesAfter: number;
  /** Every edit → its publishDiagnostics. */
  readonly edits: Latency;
  /** The keys typed alone. */
  readonly keystrokes: Latency;
  /** The cuts and pastes of whole functions alone. */
  readonly blockEdits: Latency;
  /** Ruff's check of the text of each edit. */
  readonly ruffCheck: Latency;
  /** Edits whose text Ruff found a syntax error in (a line half typed): it then checks less of it. */
  readonly ruffSyntaxErrors: number;
  /**
   * The server's main thread per edit: its time on a CPU, and its time
   * waiting for one while ready to run, which is the machine's load, not
   * memhints' work.
   */
  readonly serverOnCpu: Latency;
  readonly serverWaiting: Latency;
  readonly p50ToRuff: number;
  /** Edits whose first diagnostics were marked partial (the analysis went past its budget). */
  readonly partial: number;
}

export interface OpenLatency {
  readonly name: string;
  readonly lines: number;
  /** didOpen → first publishDiagnostics, the first document of a fresh server: the median of `runs`. */
  readonly coldMs: number;
  /** didOpen → the first publishDiagnostics not marked partial, the same way. */
  readonly coldCompleteMs: number;
  /**
   * The fresh server's main thread from didOpen to its first diagnostics: its
   * time on a CPU (memhints' own work, which the machine's load moves little)
   * and waiting for one; and the time from the server's spawn, which the
   * user waits when opening a file starts the server.
   */
  readonly coldOnCpuMs: number;
  readonly coldWaitingMs: number;
  readonly coldFromSpawnMs: number;
  /** The same two, in a server that has opened another document before. */
  readonly warmMs: number;
  readonly warmCompleteMs: number;
  readonly runs: number;
  /** Opens whose first diagnostics were marked partial. */
  readonly partial: number;
}

/** A file's figures, and the samples behind them, to be pooled with other files'. */
export interface EditedFile {
  readonly result: RealEditsOfFile;
  readonly editMs: readonly number[];
  readonly ruffMs: readonly number[];
  readonly onCpuMs: readonly number[];
  readonly waitingMs: readonly number[];
}

/** The edits of one real file, each timed to its diagnostics, then Ruff's check of its text. */
export async function editRealFile(
  repoRoot: string,
  parser: Parser,
  file: RealText,
  edits: number,
  ruff: Workspace,
  serverArgs: readonly string[],
): Promise<EditedFile> {
  const client = await BenchClient.start(repoRoot, undefined, serverArgs);
  try {
    const uri = 'file:///bench/real.py';
    const complete = client.completeDiagnostics(uri, 1);
    await client.didOpen(uri, file.text);
    await complete;
    // The first check compiles Ruff's WASM code paths: not what a check costs.
    ruff.check(file.text);
    const timed: { kind: EditKind; ms: number }[] = [];
    const ruffMs: number[] = [];
    const onCpuMs: number[] = [];
    const waitingMs: number[] = [];
    let partial = 0;
    let ruffSyntaxErrors = 0;
    let version = 1;
    let text = file.text;
    for (const edit of userEdits(parser, file.text, edits)) {
      const before = client.mainThreadTimes();
      const start = performance.now();
      const published = await client.didChange(uri, ++version, [edit.change]);
      timed.push({ kind: edit.kind, ms: performance.now() - start });
      const after = client.mainThreadTimes();
      onCpuMs.push(after.onCpuMs - before.onCpuMs);
      waitingMs.push(after.waitingMs - before.waitingMs);
      if (isPartial(published)) partial++;
      const ruffStart = performance.now();
      const ruffFound = ruff.check(edit.text) as readonly { code?: string | null }[];
      ruffMs.push(performance.now() - ruffStart);
      if (ruffFound.some((diagnostic) => diagnostic.code === 'invalid-syntax')) ruffSyntaxErrors++;
      text = edit.text;
    }
    const editMs = timed.map((edit) => edit.ms);
    const all = latency(editMs);
    const ruffCheck = latency(ruffMs);
    const result = {
      name: file.name,
      lines: file.lines,
      linesAfter: lineCount(text),
      edits: all,
      keystrokes: latency(timed.filter((edit) => edit.kind === 'keystroke').map((edit) => edit.ms)),
      blockEdits: latency(timed.filter((edit) => edit.kind !== 'keystroke').map((edit) => edit.ms)),
      ruffCheck,
      ruffSyntaxErrors,
      serverOnCpu: latency(onCpuMs),
      serverWaiting: latency(waitingMs),
      p50ToRuff: all.p50Ms / ruffCheck.p50Ms,
      partial,
    };
    return { result, editMs, ruffMs, onCpuMs, waitingMs };
  } finally {
    await client.stop();
  }
}

/**
 * Each file's first diagnostics after didOpen: `runs` times as the first
 * document of a fresh server; and `runs` times in one server that opened a
 * document before, each open under a new URI and closed after.
 */
export async function openLatencies(
  repoRoot: string,
  files: readonly RealText[],
  runs: number,
): Promise<OpenLatency[]> {
  type Times = { first: number[]; complete: number[] };
  const cold: Times[] = files.map(() => ({ first: [], complete: [] }));
  const warm: Times[] = files.map(() => ({ first: [], complete: [] }));
  const coldThread = files.map(() => ({ onCpu: [] as number[], waiting: [] as number[], fromSpawn: [] as number[] }));
  const partial = files.map(() => 0);
  const timedOpen = async (client: BenchClient, uri: string, index: number, times: Times, first?: () => void) => {
    const complete = client.completeDiagnostics(uri, 1);
    const start = performance.now();
    const published = await client.didOpen(uri, files[index]!.text);
    times.first.push(performance.now() - start);
    first?.();
    if (isPartial(published)) partial[index]!++;
    await complete;
    times.complete.push(performance.now() - start);
  };
  for (let run = 0; run < runs; run++) {
    for (const index of files.keys()) {
      const spawned = performance.now();
      const client = await BenchClient.start(repoRoot);
      try {
        const before = client.mainThreadTimes();
        await timedOpen(client, 'file:///bench/cold.py', index, cold[index]!, () => {
          const after = client.mainThreadTimes();
          coldThread[index]!.onCpu.push(after.onCpuMs - before.onCpuMs);
          coldThread[index]!.waiting.push(after.waitingMs - before.waitingMs);
          coldThread[index]!.fromSpawn.push(performance.now() - spawned);
        });
      } finally {
        await client.stop();
      }
    }
  }
  const client = await BenchClient.start(repoRoot);
  try {
    // The first document, another one than those timed: it takes what a server's first open costs.
    const first = 'file:///bench/first.py';
    const complete = client.completeDiagnostics(first, 1);
    await client.didOpen(first, files[files.length - 1]!.text);
    await complete;
    for (let run = 0; run < runs; run++) {
      for (const index of files.keys()) {
        const uri = `file:///bench/warm-${run}-${index}.py`;
        await timedOpen(client, uri, index, warm[index]!);
        client.didClose(uri);
      }
    }
  } finally {
    await client.stop();
  }
  return files.map((file, index) => ({
    name: file.name,
    lines: file.lines,
    coldMs: percentile(cold[index]!.first, 50),
    coldCompleteMs: percentile(cold[index]!.complete, 50),
    coldOnCpuMs: percentile(coldThread[index]!.onCpu, 50),
    coldWaitingMs: percentile(coldThread[index]!.waiting, 50),
    coldFromSpawnMs: percentile(coldThread[index]!.fromSpawn, 50),
    warmMs: percentile(warm[index]!.first, 50),
    warmCompleteMs: percentile(warm[index]!.complete, 50),
    runs,
    partial: partial[index]!,
  }));
}

export function latency(samples: readonly number[]): Latency {
  return {
    samples: samples.length,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: samples.length > 0 ? Math.max(...samples) : Number.NaN,
  };
}
