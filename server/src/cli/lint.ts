// Text → findings for one file: parse, run the analysis, free the tree.
import type { Parser } from 'web-tree-sitter';
import { analyze, type AnalysisOptions } from '../engine/analyze';
import { whyNotAnalysed, whyNotParsed } from '../document/limits';
import { parse, renewPythonParser, type Tree } from '../document/parser';
import type { Finding } from '../rules/types';

export interface LintOptions extends AnalysisOptions {
  readonly ignoreNoqa: boolean;
}

/** A text memhints declines to analyse; the message says why. */
export class NotCheckable extends Error {
  override readonly name = 'NotCheckable';
}

/** Refuses text that should not be parsed at all: over the size limit, or nested deeper than Python allows. */
export function assertParsable(text: string, maxFileSize: number): void {
  const skip = whyNotParsed(text, maxFileSize);
  if (skip) throw new NotCheckable(`${skip.reason}${skip.overSizeLimit ? ' (see --max-file-size)' : ''}`);
}

export function lintText(parser: Parser, text: string, options: LintOptions): Finding[] {
  let tree: Tree;
  try {
    tree = parse(parser, text);
  } catch (error) {
    // A fault inside the WASM parser leaves it unusable: later files get a new one.
    renewPythonParser(parser);
    throw new NotCheckable(`the parser failed on it (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const skip = whyNotAnalysed(tree);
    if (skip) throw new NotCheckable(skip.reason);
    return analyze(tree, text, options);
  } finally {
    // Trees live in WASM memory, which no garbage collector frees.
    tree.delete();
  }
}
