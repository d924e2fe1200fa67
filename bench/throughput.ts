// (a) the tree-sitter parse alone, the floor; (b) what memhints check does with
// each text (its limits, the parse, the analysis),
// in one thread and in a pool of worker threads.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { WorkerPool } from '../server/src/cli/workerPool';
import { parse } from '../server/src/document/parser';
import { findingsInText } from './checkText';
import type { Corpus } from './corpus';
import { linesPerSecond, medianMs, percentile } from './measure';

export interface Repetition {
  readonly minRuns: number;
  readonly minMs: number;
}

export interface FloorAndOneThread {
  /** (a) the parse alone. */
  readonly floorLinesPerSecond: number;
  /** (b) what memhints check does with each text, in one thread. */
  readonly linesPerSecond: number;
  /**
   * (b) over (a): the median over runs of the run's ratio. Within a run each
   * file is parsed alone and checked one right after the other, so that both
   * see the same machine: its speed drifts by tens of percent within seconds
   * here (other work on it), far more than the analysis costs.
   */
  readonly ratioToFloor: number;
  readonly findings: number;
}

/**
 * (a) and (b) interleaved file by file: which of the two goes first changes
 * from file to file and run to run, so neither gets the other's warm caches
 * more often.
 */
export function floorAndOneThread(parser: Parser, corpus: Corpus, repetition: Repetition): FloorAndOneThread {
  let findings = 0;
  const parseMs: number[] = [];
  const analysisMs: number[] = [];
  const ratios: number[] = [];
  const run = (index: number) => {
    let parsing = 0;
    let analysing = 0;
    findings = 0;
    corpus.files.forEach((file, fileIndex) => {
      const parseAlone = () => parse(parser, file.text).delete();
      const check = () => void (findings += findingsInText(parser, file.text));
      if ((index + fileIndex) % 2 === 0) {
        parsing += timed(parseAlone);
        analysing += timed(check);
      } else {
        analysing += timed(check);
        parsing += timed(parseAlone);
      }
    });
    return { parsing, analysing };
  };
  run(0);
  const started = performance.now();
  while (ratios.length < repetition.minRuns || performance.now() - started < repetition.minMs) {
    const { parsing, analysing } = run(ratios.length + 1);
    parseMs.push(parsing);
    analysisMs.push(analysing);
    ratios.push(parsing / analysing);
  }
  return {
    floorLinesPerSecond: linesPerSecond(corpus.lines, percentile(parseMs, 50)),
    linesPerSecond: linesPerSecond(corpus.lines, percentile(analysisMs, 50)),
    ratioToFloor: percentile(ratios, 50),
    findings,
  };
}

export interface AroundPeer<T> {
  readonly peer: T;
  /** memhints in one thread over the corpus, the mean of the times before and after the peer's run. */
  readonly oneThreadMs: number;
  /** The parse alone over the corpus, the same way. */
  readonly parseMs: number;
}

/** Below this, a corpus is checked (or parsed) again and again and the median run taken. */
const AROUND_PEER_MIN_MS = 500;

/**
 * A peer that runs as a process of its own (flake8, for tens of seconds) cannot
 * be interleaved file by file: memhints in one thread and the parse alone are
 * timed right before and right after its run instead, so that the ratios to it
 * see the machine as it did.
 */
export function aroundPeer<T>(parser: Parser, corpus: Corpus, peer: () => T): AroundPeer<T> {
  const oneThread = () => medianMs(() => checkCorpus(parser, corpus), 1, AROUND_PEER_MIN_MS);
  const parseCorpus = () => {
    for (const file of corpus.files) parse(parser, file.text).delete();
  };
  const parseAlone = () => medianMs(parseCorpus, 1, AROUND_PEER_MIN_MS);
  const oneThreadBefore = oneThread();
  const parseBefore = parseAlone();
  const result = peer();
  const parseAfter = parseAlone();
  const oneThreadAfter = oneThread();
  return { peer: result, oneThreadMs: (oneThreadBefore + oneThreadAfter) / 2, parseMs: (parseBefore + parseAfter) / 2 };
}

/** What memhints check does with every text of the corpus, in this thread. */
function checkCorpus(parser: Parser, corpus: Corpus): void {
  for (const file of corpus.files) findingsInText(parser, file.text);
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export interface PoolThroughput {
  readonly linesPerSecond: number;
  readonly workers: number;
  readonly findings: number;
  /**
   * The pool's speed over one thread's: the median over runs of each run's
   * ratio, where a run checks the corpus in the pool and in this thread one
   * right after the other (in turns, which first), for the reason given at
   * FloorAndOneThread.ratioToFloor.
   */
  readonly ratioToOneThread: number;
}

/**
 * The corpus spread over one worker per core. Texts go out in batches of about
 * 2,000 lines, so that messages cost little and the workers finish together.
 */
export async function analysisInPool(parser: Parser, corpus: Corpus, repetition: Repetition): Promise<PoolThroughput> {
  const workers = availableParallelism();
  const pool = new WorkerPool<readonly string[], number>(join(__dirname, 'analysisWorker.js'), workers);
  try {
    const batches = batched(corpus, 2_000);
    const inPool = async () =>
      (await Promise.all(batches.map((batch) => pool.run(batch)))).reduce((sum, n) => sum + n, 0);
    const inThisThread = () => checkCorpus(parser, corpus);
    // The first run loads the grammar in every worker and warms them up.
    const findings = await inPool();
    const poolMs: number[] = [];
    const ratios: number[] = [];
    const started = performance.now();
    while (ratios.length < repetition.minRuns || performance.now() - started < repetition.minMs) {
      let pooled: number;
      let oneThread: number;
      if (ratios.length % 2 === 0) {
        pooled = await timedAsync(inPool);
        oneThread = timed(inThisThread);
      } else {
        oneThread = timed(inThisThread);
        pooled = await timedAsync(inPool);
      }
      poolMs.push(pooled);
      ratios.push(oneThread / pooled);
    }
    return {
      linesPerSecond: linesPerSecond(corpus.lines, percentile(poolMs, 50)),
      workers,
      findings,
      ratioToOneThread: percentile(ratios, 50),
    };
  } finally {
    await pool.close();
  }
}

async function timedAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
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
