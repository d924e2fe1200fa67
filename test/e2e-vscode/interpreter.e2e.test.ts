// memhints.pythonPath set in the User settings of code-server, a remote window (its
// extension host runs on the server): the measure command runs that interpreter and
// names it, with its version; a script importing a module the interpreter lacks says
// which interpreter lacked it and offers where to choose another.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import { runPythonJson } from '../support/python';
import { useVsCode } from './session';
import { waitFor } from './waits';

const PYTHON3 = runPythonJson<{ executable: string; version: string }>(
  'import json, sys; print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0]}))',
  null,
);
// python3 under a name of its own: the interpreter keeps that name as sys.executable, so the
// report can only name it if the User setting was used.
const folder = mkdtempSync(join(tmpdir(), 'memhints-e2e-python-'));
const USER_PYTHON = join(folder, 'python-from-user-settings');
symlinkSync(PYTHON3.executable, USER_PYTHON);
const RAN_BY = `Python ${PYTHON3.version} at ${USER_PYTHON}`;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('memhints runs the interpreter set in User settings in code-server', { timeout: 10 * 60_000 }, () => {
  after(() => rmSync(folder, { recursive: true, force: true }));
  const { scenario } = useVsCode({
    userSettings: { 'memhints.pythonPath': USER_PYTHON },
    workspaceFiles: {
      'small.py': 'numbers = list(range(100_000))\nprint(len(numbers))\n',
      'needs_module.py': 'numbers = [0] * 1000\nimport memhints_absent_module\n',
    },
  });

  scenario('a measure names the interpreter of the User setting and its version', async (workbench) => {
    await workbench.openFile('small.py');
    await workbench.runCommand('memhints: Measure memory of this file');
    const said = await waitFor('the notification that the measure ended', async () =>
      (await workbench.notifications()).find((message) => message.startsWith('memhints: measured small.py')),
    );
    assert.match(said, new RegExp(`^memhints: measured small\\.py with ${escaped(RAN_BY)}\\. Peak traced memory: `));
  });

  scenario(
    'a module the interpreter lacks: the warning names the interpreter and the module, and offers the setting',
    async (workbench) => {
      await workbench.openFile('needs_module.py');
      await workbench.runCommand('memhints: Measure memory of this file');
      const said = await waitFor('the warning about the missing module', async () =>
        (await workbench.notifications()).find((message) => message.includes('memhints_absent_module')),
      );
      assert.equal(
        said,
        `memhints: ${RAN_BY} has no module named 'memhints_absent_module' (the script raised ModuleNotFoundError); choose another with the memhints.pythonPath setting`,
      );
      await workbench.screenshot('measure-missing-module');
      await workbench.clickNotificationButton(/memhints_absent_module/, 'Open Settings');
      // The Settings editor opens on its User tab, searched for the setting: a machine-scoped setting
      // is not found there in a remote window (code-server's has a Remote tab too); this one is, with its value.
      const setting = workbench.page.locator('.settings-editor .setting-item-contents', { hasText: 'Python Path' });
      await waitFor('memhints.pythonPath in the User tab of the Settings editor', async () =>
        (await setting.first().isVisible()) ? true : undefined,
      );
      assert.match(
        (await workbench.page.locator('.settings-editor .settings-tabs-widget .checked').textContent()) ?? '',
        /User/,
      );
      assert.equal(await setting.first().locator('input').inputValue(), USER_PYTHON);
      await workbench.screenshot('measure-python-path-user-setting');
    },
  );
});
