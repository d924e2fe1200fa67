// Parses and analyses Python source the way the server and CLI do.
import { analyze, type AnalysisOptions } from '../../server/src/analysis/analyze';
import { parse, pythonParser } from '../../server/src/parser';
import { ALL_RULES } from '../../server/src/rules';
import type { Finding } from '../../server/src/rules/types';

export async function findingsIn(source: string, options: Partial<AnalysisOptions> = {}): Promise<Finding[]> {
  const tree = parse(await pythonParser(), source);
  try {
    return analyze(tree, source, { rules: ALL_RULES, ...options });
  } finally {
    tree.delete();
  }
}
