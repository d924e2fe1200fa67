// Where measure.py is: beside the bundle (dist/measure.py, also in the .vsix), or in the
// source tree when running from out/ (tests); and how Python is told to run it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function tracerScript(start: string = __dirname): string {
  const besideBundle = join(start, 'measure.py');
  if (existsSync(besideBundle)) return besideBundle;
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const inSource = join(dir, 'server', 'python', 'measure.py');
    if (existsSync(inSource)) return inSource;
  }
  throw new Error(`measure.py was not found beside ${start} nor in a server/python/ folder above it`);
}

/**
 * The program given to `python -c`: it loads measure.py as a module and execs the script
 * itself, so that the only frame under the script's is this one. tracemalloc records
 * the frames under an allocation, and since Python 3.11 a frame costs the more the
 * further into its code it is, so the exec comes early: the loading is one exec of its own.
 */
const BOOTSTRAP = [
  `exec(${JSON.stringify(
    [
      'import importlib.util, os, sys',
      // `python -c` puts the working folder first on sys.path: the tracer's imports must not find the user's json.py.
      'sys.path[0] = os.path.dirname(sys.argv[1])',
      "spec = importlib.util.spec_from_file_location('_memhints_measure', sys.argv[1])",
      'tracer = importlib.util.module_from_spec(spec)',
      'spec.loader.exec_module(tracer)',
      'run = tracer.ScriptRun(sys.argv[2:])',
    ].join('\n'),
  )})`,
  'try:',
  '    exec(run.compiled(), run.namespace)',
  'except BaseException as error:',
  '    run.failed(error)',
  'run.finish()',
].join('\n');

/** The interpreter's arguments before measure.py's own: `-c BOOTSTRAP measure.py`. */
export function tracerArguments(tracer: string): string[] {
  return ['-c', BOOTSTRAP, tracer];
}
