// `memhints measure FILE [-- ARGS]`: run the script under the tracer, report, pick the exit code.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { summariseRun } from '../measure/outcome';
import { measureJson, measureText, type MeasuredLine } from '../measure/report';
import { measureScript } from '../measure/runTracer';
import { timelineSvg } from '../measure/timelinePlot';
import { tracerScript } from '../measure/tracerScript';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, type Streams } from './check';
import { UsageError } from './errors';
import { displayPath } from './files';
import type { MeasureOptions } from './measureArgs';

export async function runMeasure(options: MeasureOptions, cwd: string, streams: Streams): Promise<number> {
  const script = resolve(cwd, options.file);
  if (!existsSync(script) || !statSync(script).isFile()) throw new UsageError(`${options.file}: no such file`);
  const run = await measureScript({
    python: options.python,
    tracer: tracerScript(),
    script,
    args: options.scriptArgs,
    cwd,
    timeoutSeconds: options.timeoutSeconds,
    memoryLimitMb: options.memoryLimitMb,
    ...(options.frames === undefined ? {} : { frames: options.frames }),
  });
  const summary = summariseRun(run, 'give another with --python PATH');
  if (run.kind === 'interpreter-unusable') {
    streams.stderr(`memhints: error: ${summary.message}\n`);
    return EXIT_ERROR;
  }
  if (run.kind === 'cancelled') return EXIT_ERROR; // nothing cancels a command-line run
  const measured = run.kind === 'measured' ? run.result.lines : [];
  const shown = options.top === 0 ? measured : measured.slice(0, options.top);
  const sourceLines = readFileSync(script, 'utf8').split(/\r\n|\r|\n/);
  const lines: MeasuredLine[] = shown.map((line) => ({ ...line, source: sourceLines[line.line - 1] ?? '' }));
  const report = { file: displayPath(script, cwd), run, summary, lines, hiddenLines: measured.length - shown.length };
  if (options.plot !== undefined && run.kind === 'measured') {
    const plot = resolve(cwd, options.plot);
    const svg = timelineSvg({ file: report.file, result: run.result, source: (line) => sourceLines[line - 1] });
    writeFileSync(plot, svg);
    streams.stderr(`memhints: wrote the timeline to ${displayPath(plot, cwd)}\n`);
  }
  if (options.format === 'json') {
    streams.stdout(measureJson(report));
    if (summary.message !== undefined) streams.stderr(`memhints: ${summary.message}\n`);
  } else {
    streams.stdout(measureText(report));
  }
  return summary.ending === 'finished' ? EXIT_CLEAN : EXIT_FINDINGS;
}
