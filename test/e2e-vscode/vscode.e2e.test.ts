// The packaged extension in a real VS Code (code-server + chromium), checked
// by what a user sees: squiggles, the Problems panel, the quick-fix menu and
// what its fixes do to the text, the hover, and the restart command.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { openWorkbench, type OpenWorkbench } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { waitFor } from './waits';
import { Workbench } from './workbench';
import { copyExamples, makeTempDir, type TempDir } from './workspace';

const VSIX = join(REPO_ROOT, 'memhints.vsix');
const REPORT = 'report.py';
const SCENARIO_TIMEOUT_MS = 180_000;

const reportSource = readFileSync(join(REPO_ROOT, 'examples', REPORT), 'utf8');
const SQUARES_CALL = 'sum([r * r for r in readings])';
const ZEROS = '[0] * 1000';
const FRESH_FINDING = 'smallest = min([x * 2 for x in range(3)])';
assert.ok(reportSource.includes(SQUARES_CALL) && reportSource.includes(ZEROS), `examples/${REPORT} no longer holds the code these scenarios use`);

/** What CPython itself says `[0] * 1000` takes. */
function pythonSizeOf(expression: string): number {
  return Number(execFileSync('python3', ['-c', `import sys; print(sys.getsizeof(${expression}))`], { encoding: 'utf8' }).trim());
}

/** Runs `scenario`, keeping a screenshot of the screen when it fails. */
function scenario(name: string, getWorkbench: () => Workbench, body: (workbench: Workbench, t: TestContext) => Promise<void>) {
  it(name, { timeout: SCENARIO_TIMEOUT_MS }, async (t) => {
    const workbench = getWorkbench();
    try {
      await body(workbench, t);
    } catch (error) {
      const shot = await workbench.screenshot(`failed-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (shot && error instanceof Error) error.message += `\n(screen at failure: ${shot})`;
      throw error;
    }
  });
}

describe('memhints in VS Code', { timeout: 15 * 60_000 }, () => {
  let temp: TempDir | undefined;
  let server: CodeServer | undefined;
  let browser: OpenWorkbench | undefined;
  let workbench: Workbench | undefined;
  const current = () => {
    assert.ok(workbench, 'the workbench did not open');
    return workbench;
  };

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first`);
    temp = makeTempDir('memhints-e2e-');
    const folder = copyExamples(temp.path);
    server = await startCodeServer({ vsix: VSIX, stateDir: temp.path });
    browser = await openWorkbench(server.url, folder);
    workbench = new Workbench(browser.page);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    temp?.remove();
  });

  scenario('opening report.py shows a MEM101 warning squiggle and a Problems entry', current, async (workbench) => {
    await workbench.openFile(REPORT);
    await workbench.waitForSquiggles();
    const problems = await workbench.problems();
    assert.ok(problems.some((entry) => entry.includes('MEM101')), `no Problems entry mentions MEM101: ${JSON.stringify(problems)}`);
    await workbench.screenshot('diagnostic');
    await workbench.closePanel();
  });

  scenario('the quick-fix "Use a generator expression" rewrites the call', current, async (workbench) => {
    await workbench.clickInto(SQUARES_CALL);
    const titles = await workbench.quickFixMenu();
    assert.ok(titles.some((title) => title.includes('Use a generator expression')), `quick-fix menu: ${JSON.stringify(titles)}`);
    await workbench.screenshot('quick-fix-menu');
    await workbench.chooseQuickFix('Use a generator expression');
    await workbench.waitForEditorLine('the call to read sum(r * r for r in readings)', (line) => line.includes('total = sum(r * r for r in readings)'));
    await workbench.runCommand('File: Revert File');
    await workbench.waitForEditorLine('the file to be reverted', (line) => line.includes(SQUARES_CALL));
  });

  scenario('the quick-fix "Ignore MEM101 for this line" adds a noqa comment', current, async (workbench) => {
    await workbench.clickInto(SQUARES_CALL);
    const titles = await workbench.quickFixMenu();
    assert.ok(titles.some((title) => title.includes('Ignore MEM101 for this line')), `quick-fix menu: ${JSON.stringify(titles)}`);
    await workbench.chooseQuickFix('Ignore MEM101 for this line');
    await workbench.waitForEditorLine('the line to end in # noqa: MEM101', (line) => line.includes(SQUARES_CALL) && /# noqa: MEM101\s*$/.test(line));
    await workbench.runCommand('File: Revert File');
    await workbench.waitForEditorLine('the file to be reverted', (line) => line.includes(SQUARES_CALL) && !line.includes('noqa'));
  });

  scenario('hovering [0] * 1000 shows its size in bytes', current, async (workbench, t) => {
    const expected = pythonSizeOf(ZEROS);
    const hover = await workbench.hoverOver(ZEROS, { timeoutMs: 10_000 });
    await workbench.screenshot('hover');
    await workbench.pressEscape();
    // Sizes may be printed with digit grouping (8,056).
    const digits = (hover ?? '').replace(/(\d)[,\u00a0\u202f ](?=\d{3}\b)/g, '$1');
    if (!/\d+\s*(B|bytes)\b/.test(digits)) {
      t.skip(`no memhints size in the hover (hover text: ${JSON.stringify(hover ?? null)}); the hover feature is not in this build`);
      return;
    }
    assert.ok(digits.includes(String(expected)), `the hover does not show ${expected} (sys.getsizeof): ${JSON.stringify(hover)}`);
  });

  scenario('"memhints: Restart server" starts a new server and the diagnostics come back', current, async (workbench) => {
    const running = () => server?.languageServerPids() ?? [];
    const before = await waitFor('the memhints language server process', () => (running().length > 0 ? running() : undefined));
    await workbench.runCommand('memhints: Restart server');
    await waitFor(`a new language server in place of ${before.join(', ')}`, () => {
      const now = running();
      return now.length > 0 && now.every((pid) => !before.includes(pid)) ? now : undefined;
    });
    await workbench.waitForSquiggles();
    // A finding typed after the restart can only have been reported by the new server.
    await workbench.typeAtEnd(`\n${FRESH_FINDING}`);
    await workbench.waitForProblem(`a Problems entry for ${FRESH_FINDING}`, (entry) => entry.includes('MEM101') && entry.includes('min()'));
    await workbench.screenshot('after-restart');
    await workbench.runCommand('File: Revert File');
    await workbench.closePanel();
  });
});
