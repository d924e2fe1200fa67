// Where the compiled code of the bundles is kept between runs: a folder of the
// user's cache (XDG_CACHE_HOME on Linux, Library/Caches on macOS, LOCALAPPDATA on
// Windows), or the one MEMHINTS_CACHE_DIR names; MEMHINTS_CACHE_DIR=off keeps none.
import { homedir } from 'node:os';
import { join } from 'node:path';

const CACHE_DIR_VARIABLE = 'MEMHINTS_CACHE_DIR';
const OFF = 'off';

/** The folder for cached code, or undefined when caching is off or no folder can be named. */
export function codeCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const chosen = env[CACHE_DIR_VARIABLE];
  if (chosen !== undefined && chosen !== '') return chosen.trim().toLowerCase() === OFF ? undefined : chosen;
  try {
    if (platform === 'win32') {
      const local = env['LOCALAPPDATA'] || join(homedir(), 'AppData', 'Local');
      return join(local, 'memhints', 'Cache');
    }
    if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'memhints');
    const xdg = env['XDG_CACHE_HOME'];
    return join(xdg?.startsWith('/') ? xdg : join(homedir(), '.cache'), 'memhints');
  } catch {
    // No home folder (homedir throws for a user without one): nowhere to keep it.
    return undefined;
  }
}
