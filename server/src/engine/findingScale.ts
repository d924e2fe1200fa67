// A finding's scale, settled from what it holds and where its data comes
// from, and the severity that follows: warnings are for data scale.
import type { Finding, Severity } from '../rules/types';
import type { Scale } from '../scale/scale';

export interface ScaleOptions {
  /** Findings that hold less than this many bytes, when the count is known, are small. */
  readonly smallBytes: number;
  /** Report small findings (as hints); by default they are dropped. */
  readonly reportSmall: boolean;
}

/**
 * A size the code shows in bytes decides on its own (a 3-item list is small
 * wherever its items come from, `[0] * 10**6` is large); otherwise where the
 * data comes from does, and a finding that says nothing is unknown.
 */
export function settledScale(finding: Finding, smallBytes: number): Scale {
  const holds = finding.holds;
  if (holds && !holds.perCount) return holds.bytes < smallBytes ? 'small' : 'large';
  return finding.scale ?? 'unknown';
}

const RANK: Readonly<Record<Severity, number>> = { hint: 0, information: 1, warning: 2, error: 3 };

/** A rule's severity is for data at large scale: unknown scale is at most information, small scale a hint. */
export function severityAtScale(severity: Severity, scale: Scale): Severity {
  if (scale === 'small') return 'hint';
  if (scale === 'unknown' && RANK[severity] > RANK.information) return 'information';
  return severity;
}

/** The finding with its settled scale and the severity that follows, or undefined when small findings are not reported. */
export function atScale(finding: Finding, options: ScaleOptions): Finding | undefined {
  const scale = settledScale(finding, options.smallBytes);
  if (scale === 'small' && !options.reportSmall) return undefined;
  return { ...finding, scale, severity: severityAtScale(finding.severity, scale) };
}
