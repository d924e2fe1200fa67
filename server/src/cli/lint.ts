// Text → findings for one file: parse, run the analysis, free the tree.
import type { Parser } from 'web-tree-sitter';
import { analyze } from '../analysis/analyze';
import { parse } from '../parser';
import type { Finding, Rule, Severity } from '../rules/types';

export interface LintOptions {
  readonly rules: readonly Rule[];
  readonly ignoreNoqa: boolean;
  /** Severities by rule code, replacing the rules' own. */
  readonly severity?: Readonly<Record<string, Severity>>;
}

export function lintText(parser: Parser, text: string, options: LintOptions): Finding[] {
  const tree = parse(parser, text);
  try {
    return analyze(tree, text, { rules: options.rules, ignoreNoqa: options.ignoreNoqa, ...(options.severity ? { severity: options.severity } : {}) });
  } finally {
    // Trees live in WASM memory, which no garbage collector frees.
    tree.delete();
  }
}
