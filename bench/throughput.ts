// (a) the tree-sitter parse alone, the floor; (b) what memhints check does with
// each text (its limits, the parse, the analysis),
// in one thread and in a pool of worker threads.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { WorkerPool } from '../server/src/cli/workerPool';
import { parse } from '../server/src/parser';
import { findingsInText } from './checkText';
import type { Corpus } from './corpus';
import { linesPerSecond, medianMs, medianMsAsync } from './measure';

export interface Repetition {
  readonly minRuns: number;
  readonly minMs: number;
}

export function parseOnly(parser: Parser, corpus: Corpus, repetition: Repetition): number {
  const run = () => {
    for (const file of corpus.files) parse(parser, file.text).delete();
  };
  run();
  return linesPerSecond(corpus.lines, medianMs(run, repetition.minRuns, repetition.minMs));
}

export function analysisSingleThread(parser: Parser, corpus: Corpus, repetition: Repetition): { linesPerSecond: number; findings: number } {
  let findings = 0;
  const run = () => {
    findings = 0;
    for (const file of corpus.files) findings += findingsInText(parser, file.text);
  };
  run();
  return { linesPerSecond: linesPerSecond(corpus.lines, medianMs(run, repetition.minRuns, repetition.minMs)), findings };
}

/**
 * The corpus spread over one worker per core. Texts go out in batches of about
 * 2,000 lines, so that messages cost little and the workers finish together.
 */
export async function analysisInPool(corpus: Corpus, repetition: Repetition): Promise<{ linesPerSecond: number; workers: number; findings: number }> {
  const workers = availableParallelism();
  const pool = new WorkerPool<readonly string[], number>(join(__dirname, 'analysisWorker.js'), workers);
  try {
    const batches = batched(corpus, 2_000);
    const run = async () => (await Promise.all(batches.map((batch) => pool.run(batch)))).reduce((sum, n) => sum + n, 0);
    // The first run loads the grammar in every worker and warms them up.
    const findings = await run();
    const ms = await medianMsAsync(run, repetition.minRuns, repetition.minMs);
    return { linesPerSecond: linesPerSecond(corpus.lines, ms), workers, findings };
  } finally {
    await pool.close();
  }
}

function batched(corpus: Corpus, lines: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const file of corpus.files) {
    current.push(file.text);
    size += file.lines;
    if (size >= lines) {
      batches.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
