// The CPython interpreters the oracle parses with, found as the test suite
// finds them (test/support/pythons.ts): python3, Debian's /usr/bin/python3, and
// the builds scripts/pythons/install.sh unpacks, plus any named with --python.
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PYTHON_VERSIONS } from './compiled.mjs';

function pythonsFolder() {
  return (
    process.env.MEMHINTS_PYTHONS || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'memhints-pythons')
  );
}

const ASK =
  'import json, sys, sysconfig; print(json.dumps({"version": "%d.%d" % sys.version_info[:2], "full": sys.version.split()[0], "executable": sys.executable, "stdlib": sysconfig.get_paths()["stdlib"]}))';

/** `{ command, version, full, executable, stdlib }` for each interpreter that runs, one per executable. */
export function findInterpreters(extra = []) {
  const candidates = [
    'python3',
    '/usr/bin/python3',
    ...PYTHON_VERSIONS.map((version) => join(pythonsFolder(), 'bin', `python${version}`)),
    ...extra,
  ];
  const found = [];
  for (const command of candidates) {
    const result = spawnSync(command, ['-c', ASK], { encoding: 'utf8' });
    if (result.status !== 0) continue;
    const about = JSON.parse(result.stdout);
    if (found.some((other) => other.executable === about.executable && other.full === about.full)) continue;
    found.push({ command, ...about });
  }
  return found;
}
