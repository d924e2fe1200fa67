// Runs the suite in a real VS Code (downloaded into .vscode-test/) with the
// extension under development and examples/ as the workspace. Where VS Code
// cannot be downloaded, says so and exits 0: the offline suite is `npm run test:e2e`.
import { join } from 'node:path';
import {
  downloadAndUnzipVSCode,
  makeConsoleReporter,
  ProgressReportStage,
  runTests,
  type ProgressReporter,
} from '@vscode/test-electron';
import { REPO_ROOT } from '../support/paths';

/** How long VS Code's servers get to start sending before we conclude there is no network. */
const FIRST_CONTACT_LIMIT_MS = 30_000;
/** Idle timeout of each request the downloader makes. */
const REQUEST_IDLE_TIMEOUT_MS = 10_000;

const SKIPPED =
  'skipped: VS Code could not be downloaded (offline); run where the network allows, or see npm run test:e2e for the offline suite';

/**
 * The VS Code executable, cached or downloaded; rejects when the version cannot
 * be resolved or the download does not start within FIRST_CONTACT_LIMIT_MS.
 * Once bytes arrive the network works, and a slow download may take its time.
 */
async function vscodeExecutable(): Promise<string> {
  const progress = await makeConsoleReporter();
  let contact: (() => void) | undefined;
  const reporter: ProgressReporter = {
    report(report) {
      if (
        report.stage === ProgressReportStage.FoundMatchingInstall ||
        (report.stage === ProgressReportStage.Downloading && report.bytesSoFar > 0)
      )
        contact?.();
      progress.report(report);
    },
    error: (error) => progress.error(error),
  };
  let timer: NodeJS.Timeout | undefined;
  const noContact = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from VS Code's download servers within ${FIRST_CONTACT_LIMIT_MS / 1000} s`)),
      FIRST_CONTACT_LIMIT_MS,
    );
    contact = () => clearTimeout(timer);
  });
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({
        cachePath: join(REPO_ROOT, '.vscode-test'),
        extensionDevelopmentPath: REPO_ROOT,
        reporter,
        timeout: REQUEST_IDLE_TIMEOUT_MS,
      }),
      noContact,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await vscodeExecutable();
  } catch (error) {
    console.log(SKIPPED);
    console.log(`  (${error instanceof Error ? error.message : String(error)})`);
    return 0;
  }
  return runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: join(__dirname, 'suite', 'index'),
    launchArgs: [
      join(REPO_ROOT, 'examples'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
}

main().then(
  // Exit explicitly: an abandoned download may still hold sockets open.
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('VS Code tests failed to run:', error);
    process.exit(1);
  },
);
