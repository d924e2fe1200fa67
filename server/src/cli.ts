// Entry point of the memhints command-line interface (bundled to dist/cli.js, run by
// bin/memhints.js): sets V8's flags, then runs the CLI's bundle (dist/cliMain.js,
// from cliMain.ts) with the code V8 compiled for it in an earlier run (runBundle).
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { codeCacheDir } from './startup/codeCacheDir';
import { runBundle } from './startup/runBundle';

// V8 runs a WASM function on its baseline compiler (Liftoff) first, and has its
// optimising compiler (TurboFan) compile it once it has run a while: by default
// after about 1.8 MB of its code has run. web-tree-sitter's parse loop (26 KB of
// code) and the grammar's lexer spend that within a few lines, so a check of a
// 4-line file set off 100-150 ms of compiling on another thread, which the process
// then waited for before it could exit. 55 times that budget leaves a run of a few
// hundred lines on Liftoff, and optimises the two within the first few thousand.
// Flags are the process's: the worker threads started later take it too. Set
// before the bundle is compiled: V8 takes cached code only under the flags it was
// made under.
setFlagsFromString('--wasm-tiering-budget=100000000');

runBundle(join(__dirname, 'cliMain.js'), codeCacheDir());
