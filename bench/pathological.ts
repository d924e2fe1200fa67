// (h) a pathological file open beside a normal one: whether the normal file's
// diagnostics keep their latency while the server works on a 2 MB file that
// is slow to parse or to analyse, or that holds tens of thousands of findings.
// Each kind gets a server of its own: the normal file (the 5,000-line module)
// is edited alone; then the pathological file is opened, with a keystroke in
// the normal file right behind its didOpen; once its diagnostics are
// complete, both are edited in turn, the normal file's keystrokes timed.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { Corpus } from './corpus';
import { keystrokes } from './editing';
import { count, mb, ms } from './format';
import { BenchClient, isPartial } from './lspClient';
import { percentile } from './measure';
import { seeded } from './seeded';

export interface PathologicalScale {
  /** The size of each pathological file: 2 MB as users met them, less for a quick run. */
  readonly bytes: number;
  /** Keystrokes in the normal file, alone and then beside the pathological one. */
  readonly keystrokes: number;
  /** Pause between two rounds of keystrokes, as a typist's. */
  readonly pauseMs: number;
}

export interface PathologicalText {
  readonly name: string;
  readonly text: string;
}

interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

interface PathologicalRow {
  readonly name: string;
  readonly bytes: number;
  readonly lines: number;
  /** The normal file's keystroke → diagnostics, alone. */
  readonly alone: Latency;
  /** The same with the pathological file open, and edited before each of the normal file's keystrokes. */
  readonly beside: Latency;
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  /** The normal file's keystroke sent right after the pathological file's didOpen. */
  readonly atOpenMs: number;
  /** didOpen → the pathological file's first diagnostics (partial, if the server says so), and how many there were. */
  readonly firstDiagnosticsMs: number | undefined;
  readonly firstDiagnostics: number | undefined;
  /** didOpen → its complete diagnostics. */
  readonly completeMs: number | undefined;
  /** Its last keystroke → the diagnostics of that version, when they came within the wait. */
  readonly lastKeystrokeMs: number | undefined;
  readonly lastDiagnostics: number | undefined;
  /** The server's RSS at the end. */
  readonly rssBytes: number;
}

export interface PathologicalResult {
  readonly normalLines: number;
  readonly rows: readonly PathologicalRow[];
}

/** How long any diagnostics are waited for: a server that handles each file in turn can take minutes here. */
const SLOW_WAIT_MS = 600_000;

/** The three kinds of file users met: random text, real code behind an unclosed bracket, and tens of thousands of findings. */
export function pathologicalTexts(stdlib: Corpus, bytes: number): PathologicalText[] {
  return [
    { name: 'random text', text: randomText(bytes) },
    { name: 'real code after `x = (`', text: unclosedBracket(stdlib, bytes) },
    { name: 'a finding on every line', text: findingPerLine(bytes) },
  ];
}

/** Letters, digits, spaces and operators in lines of random length: no bracket, so that no nesting limit stops it. */
function randomText(bytes: number): string {
  const random = seeded(3);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz     ABCDEFGHIJ0123456789+-*/=:.,';
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    let line = '';
    const length = Math.floor(random() * 80);
    for (let i = 0; i < length; i++) line += alphabet[Math.floor(random() * alphabet.length)];
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** The stdlib's largest files one after another, behind a bracket that is never closed. */
function unclosedBracket(stdlib: Corpus, bytes: number): string {
  const files = [...stdlib.files].sort((a, b) => b.text.length - a.text.length || a.path.localeCompare(b.path));
  let text = 'x = (\n';
  for (const file of files) {
    if (text.length + file.text.length > bytes) continue;
    text += file.text.endsWith('\n') ? file.text : `${file.text}\n`;
  }
  return text;
}

function findingPerLine(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `t${i} = sum([x for x in y])`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

export async function pathologicalBeside(
  repoRoot: string,
  normal: string,
  normalLines: number,
  texts: readonly PathologicalText[],
  scale: PathologicalScale,
  log: (text: string) => void,
): Promise<PathologicalResult> {
  const rows: PathologicalRow[] = [];
  for (const pathological of texts) {
    log(`(h) ${pathological.name} beside the ${count(normalLines)}-line file`);
    rows.push(await besideOne(repoRoot, normal, pathological, scale));
  }
  return { normalLines, rows };
}

async function besideOne(
  repoRoot: string,
  normal: string,
  pathological: PathologicalText,
  scale: PathologicalScale,
): Promise<PathologicalRow> {
  const client = await BenchClient.start(repoRoot);
  try {
    const normalUri = 'file:///bench/normal.py';
    const slowUri = 'file:///bench/pathological.py';
    const published: { readonly params: PublishDiagnosticsParams; readonly at: number }[] = [];
    client.onDiagnostics((params) => {
      if (params.uri === slowUri) published.push({ params, at: performance.now() });
    });
    await client.didOpen(normalUri, normal);
    // Alone, right behind the didOpen, and beside it.
    const normalEdits = keystrokes(normal, 2 * scale.keystrokes + 1, 11);
    let normalVersion = 1;
    const typeInNormal = async () => {
      const version = ++normalVersion;
      const published = client.diagnosticsFor(normalUri, version, SLOW_WAIT_MS);
      const start = performance.now();
      client.sendChange(normalUri, version, [normalEdits.next().value!]);
      await published;
      return performance.now() - start;
    };
    const aloneMs: number[] = [];
    for (let i = 0; i < scale.keystrokes; i++) {
      aloneMs.push(await typeInNormal());
      await sleep(scale.pauseMs);
    }

    const opened = performance.now();
    client.sendOpen(slowUri, pathological.text);
    const atOpenMs = await typeInNormal();
    const complete = await lastPublished(published, 1, client, slowUri);
    await sleep(scale.pauseMs);

    const slowEdits = edgeKeystrokes();
    let slowVersion = 1;
    const besideMs: number[] = [];
    let lastSent = opened;
    for (let i = 0; i < scale.keystrokes; i++) {
      // The pathological file is edited first: the normal file's keystroke comes while the server works on it.
      client.sendChange(slowUri, ++slowVersion, [slowEdits.next().value]);
      lastSent = performance.now();
      besideMs.push(await typeInNormal());
      await sleep(scale.pauseMs);
    }
    const first = published.find((entry) => entry.params.version === 1);
    const last = await lastPublished(published, slowVersion, client, slowUri);
    const alone = latency(aloneMs);
    const beside = latency(besideMs);
    return {
      name: pathological.name,
      bytes: Buffer.byteLength(pathological.text),
      lines: pathological.text.split('\n').length - 1,
      alone,
      beside,
      p50Ratio: beside.p50Ms / alone.p50Ms,
      p99Ratio: beside.p99Ms / alone.p99Ms,
      atOpenMs,
      firstDiagnosticsMs: first && first.at - opened,
      firstDiagnostics: first?.params.diagnostics.length,
      completeMs: complete && complete.at - opened,
      lastKeystrokeMs: last && last.at - lastSent,
      lastDiagnostics: last?.params.diagnostics.length,
      rssBytes: client.rssBytes(),
    };
  } finally {
    await client.stop();
  }
}

/** The complete publication for `version`, if it came, or when it comes within SLOW_WAIT_MS. */
async function lastPublished(
  published: readonly { readonly params: PublishDiagnosticsParams; readonly at: number }[],
  version: number,
  client: BenchClient,
  uri: string,
): Promise<{ readonly params: PublishDiagnosticsParams; readonly at: number } | undefined> {
  const final = () =>
    [...published].reverse().find((entry) => entry.params.version === version && !isPartial(entry.params));
  if (final()) return final();
  const waited = client.diagnosticsFor(uri, version, SLOW_WAIT_MS).catch(() => undefined);
  for (let params = await waited; params && isPartial(params); ) {
    params = await client.diagnosticsFor(uri, version, SLOW_WAIT_MS).catch(() => undefined);
  }
  return final();
}

/** A character typed at the start of the second line and taken back, in turn: in an unclosed bracket's wake. */
function* edgeKeystrokes(): Generator<TextDocumentContentChangeEvent, never> {
  const at = { line: 1, character: 0 };
  for (;;) {
    yield { range: { start: at, end: at }, text: 'y' };
    yield { range: { start: at, end: { line: 1, character: 1 } }, text: '' };
  }
}

function latency(samples: readonly number[]): Latency {
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: Math.max(...samples) };
}

/** The section's lines as the bench prints them. */
export function pathologicalLines(result: PathologicalResult): string[] {
  const lines = [
    `(h) a pathological file open beside the ${count(result.normalLines)}-line file: the normal file's keystroke → publishDiagnostics`,
  ];
  for (const row of result.rows) {
    const slow = [
      row.firstDiagnosticsMs === undefined
        ? 'no diagnostics for the open'
        : `first diagnostics ${seconds(row.firstDiagnosticsMs)} after didOpen (${count(row.firstDiagnostics!)})`,
      row.completeMs === undefined ? 'never complete' : `complete ${seconds(row.completeMs)} after it`,
      row.lastKeystrokeMs === undefined
        ? 'none for its last keystroke'
        : `its last keystroke's ${seconds(row.lastKeystrokeMs)} after it (${count(row.lastDiagnostics!)})`,
    ].join(', ');
    lines.push(
      `    ${row.name}, ${mb(row.bytes)}, ${count(row.lines)} lines: alone p50 ${ms(row.alone.p50Ms)}, p99 ${ms(row.alone.p99Ms)}; beside it p50 ${ms(row.beside.p50Ms)} (${row.p50Ratio.toFixed(2)}×), p99 ${ms(row.beside.p99Ms)} (${row.p99Ratio.toFixed(2)}×), max ${ms(row.beside.maxMs)}`,
      `      a normal keystroke sent right behind its didOpen: ${seconds(row.atOpenMs)}`,
      `      the pathological file: ${slow}; server RSS ${mb(row.rssBytes)}`,
    );
  }
  return lines;
}

const seconds = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : ms(value));
