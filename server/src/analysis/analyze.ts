// One pass over a document's tree: each node is handed to the rules that
// visit its type; findings on lines with a matching `# noqa` are dropped.
import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, Rule, RuleContext } from '../rules/types';
import { lineOfOffset, lineStarts } from '../positions';
import { DocumentFacts } from './facts';
import { ModuleParts } from './moduleParts';
import { isSuppressed, parseNoqa, type Suppression } from './noqa';

export interface AnalysisOptions {
  readonly rules: readonly Rule[];
  /** Report findings even on lines that carry `# noqa`. */
  readonly ignoreNoqa?: boolean;
  /** Severity per code, overriding each rule's default. */
  readonly severity?: Readonly<Record<string, Finding['severity']>>;
}

export type RulesByType = ReadonlyMap<string, readonly Rule[]>;

/** A `# noqa` comment and where it starts. */
export interface SuppressionAt {
  readonly offset: number;
  readonly suppression: Suppression;
}

/** What the rules report inside one subtree, before severity overrides and noqa. */
export interface Checked {
  readonly findings: Finding[];
  readonly suppressions: SuppressionAt[];
}

/** Analyses a document parsed whole (a tree) or in parts. */
export function analyze(parsed: Tree | ModuleParts, source: string, options: AnalysisOptions): Finding[] {
  const module = ModuleParts.from(parsed);
  const context: RuleContext = { source, facts: new DocumentFacts(module) };
  const rules = rulesByNodeType(rulesFor((word) => source.includes(word), options.rules));
  const findings: Finding[] = [];
  const suppressions: SuppressionAt[] = [];
  for (const part of module.parts) {
    const checked = checkSubtree(part.root, rules, context);
    findings.push(...checked.findings);
    suppressions.push(...checked.suppressions);
  }
  return finishFindings(findings, suppressions, source, options);
}

/** The rules that can find something in a text: those whose needed words it spells (see Rule.needsWords). */
export function rulesFor(spells: (word: string) => boolean, rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) => rule.needsWords === undefined || rule.needsWords.some(spells));
}

export function rulesByNodeType(rules: readonly Rule[]): RulesByType {
  const byType = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const type of rule.visits) {
      const list = byType.get(type);
      if (list) list.push(rule);
      else byType.set(type, [rule]);
    }
  }
  return byType;
}

/** Runs the rules on every node of `top` (itself included) whose type they visit, and reads its noqa comments. */
export function checkSubtree(top: Node, rules: RulesByType, context: RuleContext): Checked {
  const findings: Finding[] = [];
  const suppressions: SuppressionAt[] = [];
  // tree-sitter finds the visited nodes (in document order) inside WASM: walking
  // every node from JS costs a call across the boundary per step.
  for (const node of top.descendantsOfType([...rules.keys(), 'comment'])) {
    const type = node.type;
    if (type === 'comment') {
      const suppression = parseNoqa(node.text);
      if (suppression) suppressions.push({ offset: node.startIndex, suppression });
    }
    for (const rule of rules.get(type) ?? []) collect(findings, rule.check(node, context));
  }
  return { findings, suppressions };
}

/** Applies severity overrides and noqa comments, in document order. */
export function finishFindings(findings: readonly Finding[], suppressions: readonly SuppressionAt[], source: string, options: AnalysisOptions): Finding[] {
  const overridden = options.severity ? findings.map((f) => withSeverity(f, options.severity?.[f.code])) : [...findings];
  const kept = options.ignoreNoqa ? overridden : dropSuppressed(overridden, source, suppressions);
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

function dropSuppressed(findings: Finding[], source: string, suppressions: readonly SuppressionAt[]): Finding[] {
  if (findings.length === 0 || suppressions.length === 0) return findings;
  const starts = lineStarts(source);
  const byLine = new Map<number, Suppression>();
  for (const { offset, suppression } of suppressions) byLine.set(lineOfOffset(starts, offset), suppression);
  return findings.filter((finding) => !isSuppressed(byLine.get(lineOfOffset(starts, finding.start)), finding.code));
}
