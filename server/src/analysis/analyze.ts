// A document's findings: each rule checks the nodes its anchors reach (see
// anchoredNodes.ts); findings on lines with a matching `# noqa` are dropped.
import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, Rule, RuleContext } from '../rules/types';
import { lineOfOffset, lineStarts } from '../positions';
import { visitsIn } from './anchoredNodes';
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
  const findings: Finding[] = [];
  const suppressions: SuppressionAt[] = [];
  for (const part of module.parts) {
    const checked = checkSubtree(part.root, options.rules, context);
    findings.push(...checked.findings);
    suppressions.push(...checked.suppressions);
  }
  return finishFindings(findings, suppressions, source, options);
}

/** Runs the rules on the nodes inside `top` (itself included) that their anchors reach, and reads its noqa comments. */
export function checkSubtree(top: Node, rules: readonly Rule[], context: RuleContext): Checked {
  const findings: Finding[] = [];
  for (const { rule, node } of visitsIn(top, rules, context.facts)) collect(findings, rule.check(node, context));
  return { findings, suppressions: suppressionsIn(top, context.source) };
}

/** The noqa comments inside `top`: found where the text spells `noqa`, as a walk over every comment would cost a walk over every node. */
function suppressionsIn(top: Node, source: string): SuppressionAt[] {
  const suppressions: SuppressionAt[] = [];
  const spelled = /noqa/gi;
  spelled.lastIndex = top.startIndex;
  // Up to the end of `top`: a search of the rest would cost each statement analysed the rest of the file.
  const text = source.slice(0, top.endIndex);
  let lastComment = -1;
  for (let match = spelled.exec(text); match; match = spelled.exec(text)) {
    const comment = top.descendantForIndex(match.index, match.index + match[0].length);
    if (comment?.type !== 'comment' || comment.startIndex === lastComment) continue;
    lastComment = comment.startIndex;
    const suppression = parseNoqa(comment.text);
    if (suppression) suppressions.push({ offset: comment.startIndex, suppression });
  }
  return suppressions;
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
