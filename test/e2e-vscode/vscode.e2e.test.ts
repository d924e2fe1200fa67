// The packaged extension in a real VS Code (code-server + chromium), checked
// by what a user sees: squiggles, the Problems panel, the quick-fix menu and
// what its fixes do to the text, the hover, the restart command, a folder
// opened in Restricted Mode, fix-on-save, pyproject.toml configuration, and
// findings of small scale, left out by default and hints on request.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { pythonSizeOf, withoutDigitGrouping } from './python';
import { useVsCode } from './session';
import { waitFor } from './waits';

const REPORT = 'report.py';

const reportSource = readFileSync(join(REPO_ROOT, 'examples', REPORT), 'utf8');
const SQUARES_CALL = 'sum([r * r for r in readings])';
const ZEROS = '[0] * 1000';
const isSumWarning = (problem: string) => problem.includes('MEM101') && problem.includes('`sum()`');
// Over a million items: data scale, so a warning (over range(3) it would be left out as small).
const FRESH_FINDING = 'smallest = min([x * 2 for x in range(10**6)])';
const FRESH_FIXED = 'smallest = min(x * 2 for x in range(10**6))';
assert.ok(
  reportSource.includes(SQUARES_CALL) && reportSource.includes(ZEROS),
  `examples/${REPORT} no longer holds the code these scenarios use`,
);

describe('memhints in VS Code', { timeout: 15 * 60_000 }, () => {
  const { scenario, server } = useVsCode();

  scenario('opening report.py shows a MEM101 warning squiggle and a Problems entry', async (workbench) => {
    await workbench.openFile(REPORT);
    await workbench.waitForSquiggles();
    const problems = await workbench.problems();
    assert.ok(
      problems.some((entry) => entry.includes('MEM101')),
      `no Problems entry mentions MEM101: ${JSON.stringify(problems)}`,
    );
    assert.match(await workbench.statusBarItem('memhints'), /memhints/);
    await workbench.screenshot('diagnostic');
    await workbench.closePanel();
  });

  scenario('the quick-fix "Use a generator expression" rewrites the call', async (workbench) => {
    await workbench.clickInto(SQUARES_CALL);
    const titles = await workbench.quickFixMenu();
    assert.ok(
      titles.some((title) => title.includes('Use a generator expression')),
      `quick-fix menu: ${JSON.stringify(titles)}`,
    );
    await workbench.screenshot('quick-fix-menu');
    await workbench.chooseQuickFix('Use a generator expression');
    await workbench.waitForEditorLine('the call to read sum(r * r for r in readings)', (line) =>
      line.includes('total = sum(r * r for r in readings)'),
    );
    await workbench.runCommand('File: Revert File');
    await workbench.waitForEditorLine('the file to be reverted', (line) => line.includes(SQUARES_CALL));
  });

  scenario('the quick-fix "Ignore MEM101 for this line" adds a noqa comment', async (workbench) => {
    await workbench.waitForProblem('the MEM101 warning for sum() in the Problems panel', isSumWarning);
    await workbench.closePanel();
    await workbench.clickInto(SQUARES_CALL);
    const titles = await workbench.quickFixMenu();
    assert.ok(
      titles.some((title) => title.includes('Ignore MEM101 for this line')),
      `quick-fix menu: ${JSON.stringify(titles)}`,
    );
    await workbench.chooseQuickFix('Ignore MEM101 for this line');
    await workbench.waitForEditorLine(
      'the line to end in # noqa: MEM101',
      (line) => line.includes(SQUARES_CALL) && /# noqa: MEM101\s*$/.test(line),
    );
    await waitFor('the sum() warning to leave the Problems panel while the other MEM101 warnings stay', async () => {
      const problems = await workbench.problems();
      return problems.some((entry) => entry.includes('MEM101')) && !problems.some(isSumWarning) ? true : undefined;
    });
    await workbench.closePanel();
    await workbench.runCommand('File: Revert File');
    await workbench.waitForEditorLine(
      'the file to be reverted',
      (line) => line.includes(SQUARES_CALL) && !line.includes('noqa'),
    );
  });

  scenario('hovering [0] * 1000 shows its total first, then its size in bytes', async (workbench) => {
    const expected = pythonSizeOf(ZEROS);
    // The total: the list and the one int 0 all its slots point to.
    const total = expected + pythonSizeOf('0');
    const hover = await workbench.hoverOver(ZEROS, { timeoutMs: 10_000 });
    await workbench.screenshot('hover');
    await workbench.pressEscape();
    const digits = withoutDigitGrouping(hover ?? '');
    assert.ok(
      digits.includes(String(expected)),
      `the hover does not show ${expected} (sys.getsizeof): ${JSON.stringify(hover)}`,
    );
    assert.ok(
      digits.indexOf(`${total} bytes`) >= 0 && digits.indexOf(`${total} bytes`) < digits.indexOf(String(expected)),
      `the hover does not lead with the total, ${total} bytes: ${JSON.stringify(hover)}`,
    );
  });

  scenario('"memhints: Restart server" starts a new server and the diagnostics come back', async (workbench) => {
    const running = () => server().languageServerPids();
    const before = await waitFor('the memhints language server process', () =>
      running().length > 0 ? running() : undefined,
    );
    await workbench.runCommand('memhints: Restart server');
    await waitFor(`a new language server in place of ${before.join(', ')}`, () => {
      const now = running();
      return now.length > 0 && now.every((pid) => !before.includes(pid)) ? now : undefined;
    });
    await workbench.waitForSquiggles();
    // A finding typed after the restart can only have been reported by the new server.
    await workbench.typeAtEnd(`\n${FRESH_FINDING}`);
    await workbench.waitForProblem(
      `a Problems entry for ${FRESH_FINDING}`,
      (entry) => entry.includes('MEM101') && entry.includes('min()'),
    );
    await workbench.screenshot('after-restart');
    await workbench.runCommand('File: Revert File');
    await workbench.closePanel();
  });
});

describe('memhints in VS Code, in a folder the user does not trust', { timeout: 5 * 60_000 }, () => {
  const { scenario } = useVsCode({ workspaceTrustPrompts: true });

  scenario('in Restricted Mode the warnings still show', async (workbench) => {
    await workbench.declineWorkspaceTrust();
    await workbench.openFile(REPORT);
    await workbench.waitForSquiggles();
    await workbench.waitForProblem('a MEM101 entry in the Problems panel', isSumWarning);
    await workbench.screenshot('restricted-mode');
  });

  scenario('in Restricted Mode the palette does not offer to measure (run) the file', async (workbench) => {
    await workbench.declineWorkspaceTrust();
    await workbench.openFile(REPORT);
    await workbench.waitForSquiggles();
    const choices = await workbench.commandChoices('memhints', 'memhints: Restart server');
    assert.ok(
      !choices.some((choice) => choice.includes('Measure memory of this file')),
      `the palette offers to measure: ${JSON.stringify(choices)}`,
    );
  });
});

// Values read from a file: data scale, so both findings are warnings and show in the Problems panel.
const TOTALS =
  'values = [float(line) for line in open("values.txt")]\ntotal = sum([v * v for v in values])\nfor size in [abs(v) for v in values]:\n    print(size)\n';
const CONFIGURED_WORKSPACE = {
  '.vscode/settings.json': JSON.stringify({
    '[python]': { 'editor.codeActionsOnSave': { 'source.fixAll.memhints': 'explicit' } },
  }),
  'configured/pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n',
  'configured/totals.py': TOTALS,
  'broken/pyproject.toml': '[tool.memhints]\nselec = ["MEM102"]\n',
  'broken/counts.py': TOTALS,
};

describe('memhints in VS Code, configured by pyproject.toml and settings', { timeout: 10 * 60_000 }, () => {
  const { scenario, folder } = useVsCode({ workspaceFiles: CONFIGURED_WORKSPACE });

  // First, while the Problems panel can only hold this file's entries.
  scenario(
    'ignore = ["MEM101"] in pyproject.toml silences the MEM101 squiggle in the file beside it',
    async (workbench) => {
      await workbench.openFile('totals.py');
      await workbench.waitForSquiggles();
      // Both findings would come in one publication, so once MEM102 shows, MEM101 is known to be left out.
      await workbench.waitForProblem('the MEM102 entry for totals.py', (entry) => entry.includes('MEM102'));
      const problems = await workbench.problems();
      assert.ok(
        !problems.some((entry) => entry.includes('MEM101')),
        `MEM101 is still reported: ${JSON.stringify(problems)}`,
      );
      await workbench.screenshot('pyproject-ignore');
      await workbench.closePanel();
    },
  );

  scenario(
    'an invalid pyproject.toml shows a notification naming the file and key, and a problem on the file until it is fixed',
    async (workbench) => {
      await workbench.openFile('counts.py');
      const warning = await waitFor('a notification about broken/pyproject.toml', async () =>
        (await workbench.notifications()).find(
          (message) => message.includes('pyproject.toml') && message.includes('tool.memhints.selec'),
        ),
      );
      assert.match(warning, /did you mean `select`\?/);
      assert.ok(warning.includes(join('broken', 'pyproject.toml')), warning);
      await workbench.waitForProblem('the pyproject.toml problem in the Problems panel', (entry) =>
        entry.includes('tool.memhints.selec'),
      );
      // The bad key is dropped: the defaults report MEM101 in counts.py.
      await workbench.waitForProblem('a MEM101 entry for counts.py', (entry) => entry.includes('MEM101'));
      await workbench.screenshot('pyproject-invalid');

      writeFileSync(join(folder(), 'broken', 'pyproject.toml'), '[tool.memhints]\nignore = ["MEM101"]\n');
      await waitFor('the pyproject.toml problem and the MEM101 entries to go once the file is fixed', async () => {
        const problems = await workbench.problems();
        const settled =
          problems.some((entry) => entry.includes('MEM102')) &&
          !problems.some((entry) => entry.includes('tool.memhints') || entry.includes('MEM101'));
        return settled ? true : undefined;
      });
      await workbench.closePanel();
    },
  );

  scenario(
    'source.fixAll.memhints in editor.codeActionsOnSave fixes the MEM101 lines when the file is saved',
    async (workbench) => {
      await workbench.openFile(REPORT);
      await workbench.waitForSquiggles();
      await workbench.typeAtEnd(`\n${FRESH_FINDING}`);
      await workbench.waitForEditorLine('the typed line', (line) => line.includes(FRESH_FINDING));
      await workbench.runCommand('File: Save');
      await workbench.waitForEditorLine('the typed min() call to become a generator expression', (line) =>
        line.includes(FRESH_FIXED),
      );
      await workbench.waitForEditorLine('the sum() call to become a generator expression', (line) =>
        line.includes('total = sum(r * r for r in readings)'),
      );
      const saved = await waitFor('the fixed text on disk', () => {
        const text = readFileSync(join(folder(), REPORT), 'utf8');
        return text.includes(FRESH_FIXED) ? text : undefined;
      });
      assert.ok(
        saved.includes('sum(r * r for r in readings)') && !saved.includes(SQUARES_CALL),
        'the saved file still holds the list comprehension',
      );
      await workbench.screenshot('fix-on-save');
    },
  );
});

const SMALL_SCRIPT = 'small.py';
const SMALL_FINDING = 'largest = max([s * 2 for s in sizes])';
const LARGE_FINDING = 'total = sum([x * x for x in range(10**6)])';
const SMALL = `sizes = [3, 1, 2]\n${SMALL_FINDING}\n${LARGE_FINDING}\n`;

describe('memhints in VS Code, for findings of small scale', { timeout: 5 * 60_000 }, () => {
  const { scenario, folder } = useVsCode({ workspaceFiles: { [SMALL_SCRIPT]: SMALL } });

  scenario(
    'a finding over a 3-item list is left out by default and shows as a hint once memhints.reportSmall is true',
    async (workbench) => {
      await workbench.openFile(SMALL_SCRIPT);
      // Both findings would come in one publication, so once the sum() warning shows, the max() one is known to be left out.
      await workbench.waitForProblem(
        'the MEM101 warning for sum() over a million items',
        (entry) => entry.includes('MEM101') && entry.includes('`sum()`'),
      );
      const problems = await workbench.problems();
      assert.ok(
        !problems.some((entry) => entry.includes('`max()`')),
        `the small max() finding is reported: ${JSON.stringify(problems)}`,
      );
      await workbench.closePanel();
      assert.deepEqual(await workbench.squiggledLines('warning'), [LARGE_FINDING]);
      for (const severity of ['info', 'hint'] as const)
        assert.deepEqual(await workbench.squiggledLines(severity), [], `${severity} squiggles`);

      mkdirSync(join(folder(), '.vscode'), { recursive: true });
      writeFileSync(join(folder(), '.vscode', 'settings.json'), JSON.stringify({ 'memhints.reportSmall': true }));
      await waitFor('a hint under the max() call', async () =>
        (await workbench.squiggledLines('hint')).includes(SMALL_FINDING) ? true : undefined,
      );
      assert.deepEqual(await workbench.squiggledLines('warning'), [LARGE_FINDING], 'the sum() finding stays a warning');
      assert.deepEqual(await workbench.squiggledLines('info'), []);
      // A hint's dots sit under the first two characters of what it marks: `[s`.
      const hover = await workbench.hoverOver('[s', { timeoutMs: 10_000 });
      await workbench.screenshot('small-scale-hint');
      await workbench.pressEscape();
      assert.ok(
        hover?.includes('MEM101') && hover.includes('`max()`'),
        `the hover over the hint: ${JSON.stringify(hover)}`,
      );
    },
  );
});
