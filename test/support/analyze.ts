// Parses and analyses Python source the way the server and CLI do.
import { analyze, type AnalysisOptions } from '../../server/src/engine/analyze';
import { parse, pythonParser } from '../../server/src/document/parser';
import { ALL_RULES } from '../../server/src/rules';
import type { Finding } from '../../server/src/rules/types';

/**
 * Small findings are reported too, unless the options say otherwise: the rules'
 * tests show their reach on small examples; test/scale/ checks what is left out.
 */
export async function findingsIn(source: string, options: Partial<AnalysisOptions> = {}): Promise<Finding[]> {
  const tree = parse(await pythonParser(), source);
  try {
    return analyze(tree, source, { rules: ALL_RULES, reportSmall: true, ...options });
  } finally {
    tree.delete();
  }
}
