// The report of a measured run: a table of the lines that held the most memory, at
// the peak and at the end (text: `memhints measure` and the editor's output), or one
// JSON object (`memhints measure --format json`).
import { dirname } from 'node:path';
import { bytesWithExact, formatCount, shortBytes } from '../sizes/format';
import { type AllocationSite, isPartial, type ScriptOutcome } from './result';
import { callsElsewhere, shownSites, siteChain, siteCode } from './sites';
import type { MeasureRun, ScriptOutput } from './runTracer';
import type { OutcomeSummary } from './outcome';

export interface MeasuredLine {
  readonly line: number;
  /** Held at the sampled peak. */
  readonly bytes: number;
  readonly count: number;
  readonly source: string;
  /** Where its memory at the peak was allocated, largest first. */
  readonly sites: readonly AllocationSite[];
  /** Still held when the script ended. */
  readonly allocatedBytes: number;
  readonly allocatedCount: number;
}

/** What the report shows of a run that produced a result. */
export interface MeasureReport {
  /** As shown to the user. */
  readonly file: string;
  readonly run: Extract<MeasureRun, { kind: 'measured' | 'no-result' }>;
  readonly summary: OutcomeSummary;
  /** Largest at the peak first, then largest at the end; cut to --top. */
  readonly lines: readonly MeasuredLine[];
  /** Lines with measurements left out by --top. */
  readonly hiddenLines: number;
}

const SOURCE_WIDTH = 60;

export function measureText(report: MeasureReport): string {
  const out: string[] = [];
  const { run } = report;
  if (run.kind === 'measured') {
    const { result } = run;
    out.push(
      `Measured ${report.file} with Python ${result.python} at ${result.executable} in ${result.seconds.toFixed(1)} s${isPartial(result.outcome) ? ' (partial: stopped before the script ended)' : ''}`,
    );
    out.push('');
    if (report.lines.length === 0) {
      out.push('No memory held by the lines of this file at the sampled peak or at the end.');
    } else {
      // "at end" has no blocks column of its own, to keep rows within a terminal; json gives them.
      const rows = report.lines.map(
        (line) =>
          [
            `${report.file}:${line.line}`,
            bytesWithExact(line.bytes),
            formatCount(line.count),
            bytesWithExact(line.allocatedBytes),
            shortSource(line.source),
          ] as const,
      );
      const header = ['line', 'at peak', 'blocks', 'at end', 'source'] as const;
      const widths = [0, 1, 2, 3].map((column) =>
        Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)),
      );
      const row = (cells: readonly string[]) =>
        `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padStart(widths[1]!)}  ${cells[2]!.padStart(widths[2]!)}  ${cells[3]!.padStart(widths[3]!)}  ${cells[4]}`.trimEnd();
      out.push(row(header));
      const scriptDir = dirname(result.script);
      for (const [index, line] of report.lines.entries()) out.push(row(rows[index]!), ...siteRows(line, scriptDir));
      if (report.hiddenLines > 0)
        out.push(`... and ${report.hiddenLines} more line${report.hiddenLines === 1 ? '' : 's'} (--top 0 shows all)`);
    }
    out.push('');
    out.push(`Peak traced memory: ${bytesWithExact(result.peakBytes)}`);
    out.push(
      `Per line, "at peak" is from a snapshot at ${bytesWithExact(result.snapshotBytes)}, "at end" from the end, when ${bytesWithExact(result.endBytes)} was still held`,
    );
    out.push(
      `Largest resident set of the whole process (interpreter and tracer included): ${bytesWithExact(result.maxRssBytes)}`,
    );
  }
  if (report.summary.message !== undefined) {
    out.push('');
    out.push(`memhints: ${report.summary.message}`);
    if (report.summary.traceback !== undefined) out.push(report.summary.traceback.trimEnd());
  }
  out.push(...outputSection('stdout', run.output.stdout), ...outputSection('stderr', run.output.stderr));
  if (run.output.truncated) out.push('(only the last MiB of each stream is shown)');
  return `${out.join('\n')}\n`;
}

/** Under a line that called other code: where its memory went, "  ↳ 9.5 MiB in 1 block at builders.py:4  blob = bytes(count * 50)". */
function siteRows(line: MeasuredLine, scriptDir: string): string[] {
  if (!callsElsewhere(line.sites)) return [];
  return shownSites(line.sites).map((site) => {
    const code = shortSource(siteCode(site));
    return `    ↳ ${shortBytes(site.bytes)} in ${formatCount(site.count)} block${site.count === 1 ? '' : 's'} at ${siteChain(site, scriptDir)}${code === '' ? '' : `  ${code}`}`;
  });
}

function outputSection(name: string, text: string): string[] {
  return text === '' ? [] : ['', `--- ${name} of the script ---`, text.replace(/\n$/, '')];
}

function shortSource(source: string): string {
  const trimmed = source.trim();
  return trimmed.length <= SOURCE_WIDTH ? trimmed : `${trimmed.slice(0, SOURCE_WIDTH - 1)}…`;
}

export function measureJson(report: MeasureReport): string {
  const { run } = report;
  const output: ScriptOutput = run.output;
  const measured = run.kind === 'measured' ? run.result : undefined;
  const outcome: ScriptOutcome | { kind: 'time-limit'; seconds: null } | { kind: 'no-result'; reason: string } =
    measured?.outcome ??
    (run.kind === 'no-result' && run.timedOut
      ? { kind: 'time-limit', seconds: null }
      : { kind: 'no-result', reason: run.kind === 'no-result' ? run.reason : '' });
  const object = {
    file: report.file,
    python: measured?.python ?? (run.kind === 'no-result' ? (run.interpreter.version ?? null) : null),
    executable: measured?.executable ?? (run.kind === 'no-result' ? run.interpreter.path : null),
    outcome,
    partial: measured !== undefined && isPartial(measured.outcome),
    message: report.summary.message ?? null,
    peakBytes: measured?.peakBytes ?? null,
    snapshotBytes: measured?.snapshotBytes ?? null,
    endBytes: measured?.endBytes ?? null,
    maxRssBytes: measured?.maxRssBytes ?? null,
    seconds: measured?.seconds ?? null,
    sampling: measured?.sampling ?? null,
    lines: report.lines.map((line) => ({ file: report.file, ...line })),
    timeline: measured?.timeline ?? [],
    stdout: output.stdout,
    stderr: output.stderr,
    outputTruncated: output.truncated,
  };
  return `${JSON.stringify(object, null, 2)}\n`;
}
