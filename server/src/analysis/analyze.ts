// One pass over a document's tree: each node is handed to the rules that
// visit its type; findings on lines with a matching `# noqa` are dropped.
import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, Rule, RuleContext } from '../rules/types';
import { lineOfOffset, lineStarts } from '../positions';
import { DocumentFacts } from './facts';
import { isSuppressed, parseNoqa, type Suppression } from './noqa';

export interface AnalysisOptions {
  readonly rules: readonly Rule[];
  /** Report findings even on lines that carry `# noqa`. */
  readonly ignoreNoqa?: boolean;
  /** Severity per code, overriding each rule's default. */
  readonly severity?: Readonly<Record<string, Finding['severity']>>;
}

export function analyze(tree: Tree, source: string, options: AnalysisOptions): Finding[] {
  const rulesByType = new Map<string, Rule[]>();
  for (const rule of options.rules) {
    for (const type of rule.visits) {
      const list = rulesByType.get(type);
      if (list) list.push(rule);
      else rulesByType.set(type, [rule]);
    }
  }
  const context: RuleContext = { source, facts: new DocumentFacts(tree.rootNode) };
  const findings: Finding[] = [];
  const comments: Node[] = [];
  // tree-sitter finds the visited nodes (in document order) inside WASM: walking
  // every node from JS costs a call across the boundary per step.
  for (const node of tree.rootNode.descendantsOfType([...rulesByType.keys(), 'comment'])) {
    const type = node.type;
    if (type === 'comment') comments.push(node);
    const rules = rulesByType.get(type);
    if (rules) for (const rule of rules) collect(findings, rule.check(node, context));
  }
  const overridden = options.severity ? findings.map((f) => withSeverity(f, options.severity?.[f.code])) : findings;
  const kept = options.ignoreNoqa ? overridden : dropSuppressed(overridden, source, comments);
  return kept.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

function collect(into: Finding[], result: Finding | readonly Finding[] | undefined): void {
  if (result === undefined) return;
  if (Array.isArray(result)) into.push(...(result as readonly Finding[]));
  else into.push(result as Finding);
}

function withSeverity(finding: Finding, severity: Finding['severity'] | undefined): Finding {
  return severity ? { ...finding, severity } : finding;
}

function dropSuppressed(findings: Finding[], source: string, comments: readonly Node[]): Finding[] {
  if (findings.length === 0 || comments.length === 0) return findings;
  const starts = lineStarts(source);
  const byLine = new Map<number, Suppression>();
  for (const comment of comments) {
    const suppression = parseNoqa(comment.text);
    if (suppression) byLine.set(lineOfOffset(starts, comment.startIndex), suppression);
  }
  return findings.filter((finding) => !isSuppressed(byLine.get(lineOfOffset(starts, finding.start)), finding.code));
}
