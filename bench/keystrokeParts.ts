// (d) and (i) where an edit's time goes, in process: the incremental reparse
// of the region the edit falls in (tree.edit + parse + the limits), then the
// analysis of what changed. The same edits as the LSP measurement, so the two
// can be read side by side: a reparse slower than the latency target puts the
// target below the floor.
import { performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { Parser } from 'web-tree-sitter';
import { DEFAULT_SETTINGS } from '../server/src/config/config';
import { OpenDocuments } from '../server/src/document/documents';
import { Linter } from '../server/src/engine/linting';
import { percentile } from './measure';

export interface KeystrokeParts {
  readonly keystrokes: number;
  readonly reparse: { readonly p50Ms: number; readonly p99Ms: number };
  readonly analysis: { readonly p50Ms: number; readonly p99Ms: number };
  /** Keystrokes whose reparse alone took longer than `slowMs`. */
  readonly slowReparses: number;
  readonly slowMs: number;
  /** A reparse of the whole file from nothing, for scale. */
  readonly fullParseMs: number;
  /** The regions the file is parsed in (server/src/document/regionTrees.ts), after the edits. */
  readonly regions: number;
  /** Chunks (top-level statements, and the headers and body statements of classes) analysed (again) per keystroke, of how many the text has at the end. */
  readonly chunks: { readonly p50: number; readonly max: number; readonly of: number };
  /** V8's garbage collections during the keystrokes: each pauses the one it falls in. */
  readonly collections: { readonly count: number; readonly p50PauseMs: number; readonly maxPauseMs: number };
}

export async function keystrokeParts(
  parser: Parser,
  text: string,
  changes: Iterable<TextDocumentContentChangeEvent>,
  slowMs: number,
): Promise<KeystrokeParts> {
  const documents = new OpenDocuments(parser);
  const linter = new Linter((uri, error) => {
    throw new Error(`analysing ${uri} failed: ${String(error)}`);
  });
  const uri = 'file:///bench/generated.py';
  try {
    let document = documents.opened(uri, 'python', 1, text);
    linter.findings(document, DEFAULT_SETTINGS);
    const reparse: number[] = [];
    const analysis: number[] = [];
    const analysed: number[] = [];
    let of = 0;
    let version = 1;
    const collections = new PerformanceObserver(() => undefined);
    collections.observe({ entryTypes: ['gc'] });
    for (const change of changes) {
      const start = performance.now();
      document = documents.changed(uri, ++version, [change])!;
      const parsed = performance.now();
      linter.findings(document, DEFAULT_SETTINGS);
      analysis.push(performance.now() - parsed);
      reparse.push(parsed - start);
      const chunks = linter.analysedChunks(uri);
      analysed.push(chunks?.analysed ?? 0);
      of = chunks?.of ?? 0;
    }
    // Node makes the entry for a collection once the code it paused yields.
    await new Promise((resolve) => setImmediate(resolve));
    const pauses = collections.takeRecords().map((entry: PerformanceEntry) => entry.duration);
    collections.disconnect();
    const regions = documents.regionsOf(uri)?.count ?? 1;
    const fullStart = performance.now();
    parser.parse(document.text.getText())?.delete();
    const fullParseMs = performance.now() - fullStart;
    return {
      keystrokes: reparse.length,
      reparse: { p50Ms: percentile(reparse, 50), p99Ms: percentile(reparse, 99) },
      analysis: { p50Ms: percentile(analysis, 50), p99Ms: percentile(analysis, 99) },
      slowReparses: reparse.filter((ms) => ms > slowMs).length,
      chunks: { p50: percentile(analysed, 50), max: Math.max(0, ...analysed), of },
      slowMs,
      fullParseMs,
      regions,
      collections: {
        count: pauses.length,
        p50PauseMs: pauses.length ? percentile(pauses, 50) : 0,
        maxPauseMs: Math.max(0, ...pauses),
      },
    };
  } finally {
    documents.closed(uri);
    linter.closed(uri);
  }
}
