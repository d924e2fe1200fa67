// A document's findings: each rule checks the nodes its anchors reach (see
// anchoredNodes.ts); findings on lines with a matching `# noqa` are dropped.
import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, Rule, RuleContext } from '../rules/types';
import { atScale } from './findingScale';
import { DEFAULT_SMALL_BYTES } from '../scale/scale';
import { lineOfOffset, lineStarts } from '../document/positions';
import { visitsIn } from './anchoredNodes';
import { DocumentFacts } from '../semantics/facts';
import { ModuleParts } from '../document/moduleParts';
import { DEFAULT_PYTHON_VERSION, type PythonVersion } from '../sizes/cpython';
import { isSuppressed, parseNoqa, type Suppression } from './noqa';
import { compareOrdinal } from '../text/compareOrdinal';
import type { DataReadScales } from '../scale/dataScale';
import { soundFix } from '../rules/soundFixes';
import type { TextSpan } from '../semantics/nameIndex';

export interface AnalysisOptions {
  readonly rules: readonly Rule[];
  /** Report findings even on lines that carry `# noqa`. */
  readonly ignoreNoqa?: boolean;
  /** Severity per code, overriding each rule's default and the scale's. */
  readonly severity?: Readonly<Record<string, Finding['severity']>>;
  /** Findings holding less than this many bytes, when the count is known, are small (default 64 KiB). */
  readonly smallBytes?: number;
  /** Report small findings, as hints; by default they are dropped. */
  readonly reportSmall?: boolean;
  /** The Python version the code targets (default 3.11). */
  readonly pythonVersion?: PythonVersion;
  /** The scale of reads whose data files the workspace holds (see dataReadScales.ts). */
  readonly dataReads?: DataReadScales;
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
  const context: RuleContext = {
    source,
    facts: new DocumentFacts(module),
    pythonVersion: targetVersion(options),
    ...(options.dataReads ? { dataReads: options.dataReads } : {}),
  };
  const findings: Finding[] = [];
  const suppressions: SuppressionAt[] = [];
  for (const part of module.parts) {
    const checked = checkSubtree(part.root, options.rules, context);
    findings.push(...checked.findings);
    suppressions.push(...checked.suppressions);
  }
  return finishFindings(findings, suppressions, source, options);
}

/** The Python version the rules are told the code targets. */
export function targetVersion(options: AnalysisOptions): PythonVersion {
  return options.pythonVersion ?? DEFAULT_PYTHON_VERSION;
}

/**
 * Runs the rules on the nodes inside `top` (itself included) that their anchors
 * reach, each fix made sound against the text it edits, and reads its noqa
 * comments; with `span`, only what its part of `top` holds (see visitsIn).
 */
export function checkSubtree(top: Node, rules: readonly Rule[], context: RuleContext, span?: TextSpan): Checked {
  const findings: Finding[] = [];
  const sound = (finding: Finding): Finding =>
    finding.fix ? { ...finding, fix: soundFix(finding.fix, context.source, top.tree.rootNode) } : finding;
  for (const { rule, node } of visitsIn(top, rules, context.facts, span))
    collect(findings, rule.check(node, context), sound);
  return { findings, suppressions: suppressionsIn(top, context.source, span) };
}

/** The noqa comments inside `top` (or `span` of it): found where the text spells `noqa`, as a walk over every comment would cost a walk over every node. */
function suppressionsIn(top: Node, source: string, span?: TextSpan): SuppressionAt[] {
  const suppressions: SuppressionAt[] = [];
  const spelled = /noqa/gi;
  spelled.lastIndex = (span ?? top).startIndex;
  // Up to the end of `top`: a search of the rest would cost each statement analysed the rest of the file.
  const text = source.slice(0, (span ?? top).endIndex);
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

/** Settles each finding's scale, then applies severity overrides and noqa comments, in document order. */
export function finishFindings(
  findings: readonly Finding[],
  suppressions: readonly SuppressionAt[],
  source: string,
  options: AnalysisOptions,
): Finding[] {
  const scaleOptions = {
    smallBytes: options.smallBytes ?? DEFAULT_SMALL_BYTES,
    reportSmall: options.reportSmall ?? false,
  };
  const scaled = findings.flatMap((finding) => atScale(finding, scaleOptions) ?? []);
  const overridden = options.severity ? scaled.map((f) => withSeverity(f, options.severity?.[f.code])) : scaled;
  const kept = options.ignoreNoqa ? overridden : dropSuppressed(overridden, source, suppressions);
  return kept.sort((a, b) => a.start - b.start || compareOrdinal(a.code, b.code));
}

function collect(
  into: Finding[],
  result: Finding | readonly Finding[] | undefined,
  finish: (finding: Finding) => Finding,
): void {
  if (result === undefined) return;
  if (Array.isArray(result)) into.push(...(result as readonly Finding[]).map(finish));
  else into.push(finish(result as Finding));
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
