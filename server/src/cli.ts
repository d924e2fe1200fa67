// Entry point of the memhints command-line interface (bundled to dist/cli.js, run by bin/memhints.js).
import { main } from './cli/main';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
