// The options of `memhints measure FILE [-- ARGS]`, checked into a typed request.
import { UsageError } from './errors';

const MEASURE_FORMATS = ['text', 'json'] as const;
type MeasureFormat = (typeof MEASURE_FORMATS)[number];

export interface MeasureOptions {
  readonly file: string;
  /** Given to the script as sys.argv[1:]. */
  readonly scriptArgs: readonly string[];
  readonly python: string;
  /** 0: no limit. */
  readonly timeoutSeconds: number;
  /** 0: no limit. */
  readonly memoryLimitMb: number;
  readonly format: MeasureFormat;
  /** Lines to show, largest first; 0: all. */
  readonly top: number;
  /** Where to write the timeline as SVG; undefined: nowhere. */
  readonly plot: string | undefined;
  /** Frames tracemalloc keeps per allocation; undefined: the tracer's default (32). */
  readonly frames: number | undefined;
}

const DEFAULT_PYTHON = 'python3';
const DEFAULT_TOP = 20;

/** The options parseArgs read that belong to measure. */
export interface MeasureValues {
  readonly python?: string | undefined;
  readonly timeout?: string | undefined;
  readonly 'memory-limit'?: string | undefined;
  readonly format?: string | undefined;
  readonly top?: string | undefined;
  readonly plot?: string | undefined;
  readonly frames?: string | undefined;
}

export const MEASURE_OPTION_NAMES: readonly string[] = [
  'python',
  'timeout',
  'memory-limit',
  'format',
  'top',
  'plot',
  'frames',
];

export function measureOptions(
  values: MeasureValues,
  files: readonly string[],
  scriptArgs: readonly string[],
): MeasureOptions {
  if (files.length !== 1) {
    throw new UsageError(
      files.length === 0
        ? 'memhints measure needs the Python file to run'
        : 'memhints measure runs one file; arguments for it go after "--" (memhints measure FILE -- ARGS)',
    );
  }
  const format = values.format ?? 'text';
  if (!(MEASURE_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${MEASURE_FORMATS.join(', ')} for memhints measure, not "${format}"`);
  if (values.plot !== undefined && !values.plot.toLowerCase().endsWith('.svg'))
    throw new UsageError(`--plot writes an SVG file, so its name ends in .svg, not "${values.plot}"`);
  const python = values.python ?? DEFAULT_PYTHON;
  if (python === '') throw new UsageError('--python needs the path or name of a Python interpreter');
  return {
    file: files[0]!,
    scriptArgs,
    python,
    timeoutSeconds: positiveNumber('--timeout', values.timeout, 'seconds'),
    memoryLimitMb: positiveNumber('--memory-limit', values['memory-limit'], 'MiB'),
    format: format as MeasureFormat,
    top: values.top === undefined ? DEFAULT_TOP : wholeNumber('--top', values.top),
    plot: values.plot,
    frames: values.frames === undefined ? undefined : frameCount(values.frames),
  };
}

function positiveNumber(option: string, value: string | undefined, unit: string): number {
  if (value === undefined) return 0;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0)
    throw new UsageError(`${option} must be a number of ${unit} greater than 0, not "${value}"`);
  return number;
}

/** tracemalloc takes 1 to 65535 frames. */
function frameCount(value: string): number {
  const frames = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!(frames >= 1 && frames <= 65_535))
    throw new UsageError(`--frames must be a whole number of frames from 1 to 65535, not "${value}"`);
  return frames;
}

function wholeNumber(option: string, value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`${option} must be a whole number (0 for all), not "${value}"`);
  return Number(value);
}
