// Entry point of the language server (bundled to dist/server.js, started by the
// extension and by other editors): runs the server's bundle (dist/serverMain.js,
// from serverMain.ts) with the code V8 compiled for it in an earlier run (runBundle).
import { join } from 'node:path';
import { codeCacheDir } from './startup/codeCacheDir';
import { runBundle } from './startup/runBundle';

runBundle(join(__dirname, 'serverMain.js'), codeCacheDir());
