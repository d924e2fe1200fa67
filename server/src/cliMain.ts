// The command-line interface's bundle (dist/cliMain.js), run by dist/cli.js (cli.ts).
import { main } from './cli/main';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
