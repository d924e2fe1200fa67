// Where measure.py is: beside the bundle (dist/measure.py, also in the .vsix), or in the
// source tree when running from out/ (tests).
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
