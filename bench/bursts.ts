// (g) bursts of keystrokes: what the editor waits for after the last keystroke
// of a burst typed faster than the server answers each one. The keystrokes are
// those of (d) (bench/editing.ts), each at a place picked along the file, sent
// at a steady pace without waiting (or back to back, as when they pile up
// behind a slow message); and, back to back, keystrokes typed in one place, as
// a user types: half the burst types at the end of a line, the other half
// deletes it again. The time is from sending the last one to the diagnostics
// of its version. A keystroke sent alone, waited for before the next, is the
// yardstick. How many times the server published diagnostics during a burst
// says how many of its versions it analysed.
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Workspace } from '@astral-sh/ruff-wasm-nodejs';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { keystrokes } from './editing';
import { ms } from './format';
import { BenchClient } from './lspClient';
import { percentile } from './measure';

export interface BurstScale {
  /** Keystrokes per burst; each even, so that a burst leaves the text as it found it. */
  readonly sizes: readonly number[];
  /** Milliseconds between two keystrokes of a burst. */
  readonly intervalsMs: readonly number[];
  /** Bursts of each size and pace: about this many keystrokes in all, and at least `minBursts` bursts. */
  readonly keystrokesPerRow: number;
  readonly minBursts: number;
  /** Keystrokes sent alone, for the yardstick. */
  readonly alone: number;
  readonly ruffRuns: number;
}

interface Latency {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Where a burst's keystrokes land: each at a place picked along the file, or all in one place. */
type Placement = 'scattered' | 'typed';

interface BurstRow extends Latency {
  readonly keystrokes: number;
  readonly intervalMs: number;
  readonly placement: Placement;
  /** The last keystroke's p50 and p99 over the alone keystroke's. */
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  /** Diagnostics published per burst, on average: one per version the server analysed. */
  readonly publishedPerBurst: number;
}

export interface BurstResult {
  readonly lines: number;
  readonly alone: Latency;
  readonly rows: readonly BurstRow[];
  readonly ruffCheckP50Ms: number;
}

/** Quiet time between bursts, so that one burst's work does not spill into the next one's figure. */
const BETWEEN_BURSTS_MS = 200;

export async function burstLatency(
  repoRoot: string,
  text: string,
  lines: number,
  scale: BurstScale,
  ruff: Workspace,
): Promise<BurstResult> {
  const client = await BenchClient.start(repoRoot);
  try {
    const uri = 'file:///bench/bursts.py';
    let published = 0;
    client.onDiagnostics((params) => {
      if (params.uri === uri) published++;
    });
    await client.didOpen(uri, text);
    let version = 1;
    const edits = endless(text);
    const aloneMs: number[] = [];
    for (let i = 0; i < scale.alone; i++) {
      const start = performance.now();
      await client.didChange(uri, ++version, [edits.next().value]);
      aloneMs.push(performance.now() - start);
    }
    const alone = latency(aloneMs);
    const rows: BurstRow[] = [];
    const runRow = async (size: number, intervalMs: number, placement: Placement) => {
      const bursts = Math.max(scale.minBursts, Math.round(scale.keystrokesPerRow / size));
      const lastMs: number[] = [];
      const publishedBefore = published;
      const typing = typedBursts(text, size);
      for (let burst = 0; burst < bursts; burst++) {
        const keys =
          placement === 'typed' ? typing.next().value : Array.from({ length: size }, () => edits.next().value);
        await sleep(BETWEEN_BURSTS_MS);
        const started = performance.now();
        for (let i = 0; i < size - 1; i++) {
          client.sendChange(uri, ++version, [keys[i]!]);
          await paced(started, (i + 1) * intervalMs);
        }
        const last = ++version;
        const lastPublished = client.diagnosticsFor(uri, last);
        const sent = performance.now();
        client.sendChange(uri, last, [keys[size - 1]!]);
        await lastPublished;
        lastMs.push(performance.now() - sent);
      }
      const row = latency(lastMs);
      rows.push({
        keystrokes: size,
        intervalMs,
        placement,
        ...row,
        p50Ratio: row.p50Ms / alone.p50Ms,
        p99Ratio: row.p99Ms / alone.p99Ms,
        publishedPerBurst: (published - publishedBefore) / bursts,
      });
    };
    for (const size of scale.sizes) {
      for (const intervalMs of scale.intervalsMs) await runRow(size, intervalMs, 'scattered');
      await runRow(size, 0, 'typed');
    }
    return { lines, alone, rows, ruffCheckP50Ms: ruffCheckMs(ruff, text, scale.ruffRuns) };
  } finally {
    await client.stop();
  }
}

/** The keystrokes of (d), without end: each even count of them leaves the text as it was. */
function* endless(text: string): Generator<TextDocumentContentChangeEvent, never> {
  for (let seed = 7; ; seed++) yield* keystrokes(text, 1_000, seed);
}

/**
 * Bursts typed in one place, without end: at the end of a line picked along the
 * file, half of each burst types characters and the other half deletes them,
 * leaving the text as it found it.
 */
function* typedBursts(text: string, size: number, seed = 11): Generator<TextDocumentContentChangeEvent[], never> {
  const lines = text.split('\n');
  let state = seed;
  for (;;) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const line = state % lines.length;
    const end = lines[line]!.length;
    const half = size / 2;
    const burst: TextDocumentContentChangeEvent[] = [];
    for (let i = 0; i < half; i++) burst.push({ range: at(line, end + i, end + i), text: 'x' });
    for (let i = half; i > 0; i--) burst.push({ range: at(line, end + i - 1, end + i), text: '' });
    yield burst;
  }
}

function at(line: number, start: number, end: number) {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Waits until `offsetMs` after `started`: a steady pace, whatever sending took. */
async function paced(started: number, offsetMs: number): Promise<void> {
  const wait = started + offsetMs - performance.now();
  if (wait > 0) await sleep(wait);
}

function latency(samples: readonly number[]): Latency {
  return { samples: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}

function ruffCheckMs(ruff: Workspace, text: string, runs: number): number {
  // The first check compiles Ruff's WASM code paths: not what a check costs.
  ruff.check(text);
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    ruff.check(text);
    durations.push(performance.now() - start);
  }
  return percentile(durations, 50);
}

/** How a row's bursts were typed, as the bench prints it. */
export function burstName(row: Pick<BurstRow, 'keystrokes' | 'intervalMs' | 'placement'>): string {
  const pace = row.intervalMs === 0 ? 'back to back' : `${row.intervalMs} ms apart`;
  return `${row.keystrokes} keystrokes ${pace}${row.placement === 'typed' ? ', typed in one place' : ''}`;
}

/** The section's lines as the bench prints them. */
export function burstLines(result: BurstResult): string[] {
  const lines = [
    `(g) bursts of keystrokes over LSP, ${result.lines.toLocaleString('en-US')}-line file: last keystroke → its publishDiagnostics`,
    `    a keystroke alone (${result.alone.samples}): p50 ${ms(result.alone.p50Ms)}, p99 ${ms(result.alone.p99Ms)}; Ruff (WASM) check of the same text: p50 ${ms(result.ruffCheckP50Ms)}`,
  ];
  for (const row of result.rows)
    lines.push(
      `    ${`${burstName(row)} (${row.samples} bursts):`.padEnd(58)}p50 ${ms(row.p50Ms)} (${row.p50Ratio.toFixed(2)}× alone), p99 ${ms(row.p99Ms)} (${row.p99Ratio.toFixed(2)}×); ${row.publishedPerBurst.toFixed(1)} publications per burst`,
    );
  return lines;
}
