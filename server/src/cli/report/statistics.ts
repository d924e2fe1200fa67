// `--statistics`: how many findings each rule has, most frequent first, in the manner of Ruff.
import type { FixSafety, Rule } from '../../rules/types';
import type { ReportedFinding } from './findings';
import { compareOrdinal } from '../../text/compareOrdinal';

export interface RuleStatistic {
  readonly code: string;
  readonly name: string;
  readonly summary: string;
  readonly count: number;
  /** Some of them have a fix that --fix applies (with --unsafe-fixes: any fix). */
  readonly fixable: boolean;
}

export function ruleStatistics(
  findings: readonly ReportedFinding[],
  rules: readonly Rule[],
  allowed: ReadonlySet<FixSafety>,
): RuleStatistic[] {
  const byCode = new Map<string, { count: number; fixable: boolean }>();
  for (const finding of findings) {
    const entry = byCode.get(finding.code) ?? { count: 0, fixable: false };
    entry.count++;
    entry.fixable ||= finding.fix !== null && allowed.has(finding.fix.safety);
    byCode.set(finding.code, entry);
  }
  return [...byCode]
    .map(([code, { count, fixable }]) => {
      const rule = rules.find((candidate) => candidate.code === code);
      return { code, name: rule?.name ?? '', summary: rule?.summary ?? '', count, fixable };
    })
    .sort((a, b) => b.count - a.count || compareOrdinal(a.code, b.code));
}

/** `count<TAB>code<TAB>[*] summary`; the fixable column only when something is fixable. */
export function statisticsText(statistics: readonly RuleStatistic[]): string {
  const countWidth = Math.max(0, ...statistics.map((statistic) => String(statistic.count).length));
  const anyFixable = statistics.some((statistic) => statistic.fixable);
  return statistics
    .map((statistic) => {
      const mark = anyFixable ? (statistic.fixable ? '[*] ' : '[ ] ') : '';
      return `${String(statistic.count).padStart(countWidth)}\t${statistic.code}\t${mark}${statistic.summary}\n`;
    })
    .join('');
}

export function statisticsJson(statistics: readonly RuleStatistic[]): string {
  return `${JSON.stringify(statistics, null, 2)}\n`;
}
