// Command line → command → exit code; the only place that touches process streams.
import { ruleMarkdown } from '../docs/ruleMarkdown';
import { ALL_RULES } from '../rules';
import { parseCommandLine } from './args';
import { EXIT_CLEAN, EXIT_ERROR, runCheck, type Streams } from './check';
import { ConfigError, UsageError } from './errors';
import { packageManifest } from './manifest';
import { ruleList } from './rule';
import { offerCodeCache } from '../startup/codeCacheOffer';

export async function main(argv: readonly string[]): Promise<number> {
  // A reader that goes away (`memhints check | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_CLEAN);
    throw error;
  });
  const streams: Streams = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTerminal: process.stderr.isTTY === true,
  };
  try {
    const command = parseCommandLine(argv);
    if (command.kind === 'version') {
      streams.stdout(`memhints ${packageManifest().version}\n`);
      return EXIT_CLEAN;
    }
    if (command.kind === 'help') {
      streams.stdout(command.text);
      return EXIT_CLEAN;
    }
    if (command.kind === 'rule') {
      streams.stdout(ruleMarkdown(command.rule));
      return EXIT_CLEAN;
    }
    if (command.kind === 'rules') {
      streams.stdout(ruleList(ALL_RULES));
      return EXIT_CLEAN;
    }
    if (command.kind === 'measure') {
      // Loaded when asked for: what it loads (child_process among others) would slow every check's start.
      const { runMeasure } = await import('./measure.js');
      return await runMeasure(command.options, process.cwd(), streams);
    }
    for (const warning of command.warnings) streams.stderr(`memhints: warning: ${warning}\n`);
    const code = await runCheck(command.options, process.cwd(), streams);
    // The functions a check calls are compiled now: what the next run's start wants cached.
    offerCodeCache();
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      const problems = error instanceof ConfigError ? error.problems : [error.message];
      for (const problem of problems) streams.stderr(`memhints: error: ${problem}\n`);
      return EXIT_ERROR;
    }
    streams.stderr(
      `memhints: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_ERROR;
  }
}
