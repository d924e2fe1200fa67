// Which Python the editor's measure command runs: memhints.pythonPath when set (the user's
// explicit choice, as ruff.interpreter), else the Python extension's selected environment,
// else python3; and how a failure that another interpreter would mend says to choose one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseInterpreter, howToChooseAnother } from '../../client/src/measure/interpreterChoice';

test('memhints.pythonPath, else the Python extension, else python3', () => {
  assert.deepEqual(chooseInterpreter(' /usr/bin/python3.12 ', '/venv/bin/python'), {
    python: '/usr/bin/python3.12',
    source: 'memhints.pythonPath',
  });
  assert.deepEqual(chooseInterpreter('', '/venv/bin/python'), {
    python: '/venv/bin/python',
    source: 'Python extension',
  });
  assert.deepEqual(chooseInterpreter(undefined, '/venv/bin/python'), {
    python: '/venv/bin/python',
    source: 'Python extension',
  });
  assert.deepEqual(chooseInterpreter('  ', ''), { python: 'python3', source: 'default' });
  assert.deepEqual(chooseInterpreter(undefined, undefined), { python: 'python3', source: 'default' });
});

test('another interpreter is chosen where the one used was chosen: the setting, or the Python extension too', () => {
  const fromSetting = howToChooseAnother(chooseInterpreter('/opt/py', '/venv/bin/python'), true);
  assert.deepEqual(
    fromSetting.actions,
    ['Open Settings'],
    'the setting wins over a selection, so it is what to change',
  );
  assert.match(fromSetting.words, /memhints\.pythonPath/);
  assert.doesNotMatch(fromSetting.words, /Select Interpreter/);

  const fromExtension = howToChooseAnother(chooseInterpreter(undefined, '/venv/bin/python'), true);
  assert.deepEqual(fromExtension.actions, ['Select Interpreter', 'Open Settings']);
  assert.match(fromExtension.words, /"Python: Select Interpreter" or the memhints\.pythonPath setting/);

  const withoutExtension = howToChooseAnother(chooseInterpreter(undefined, undefined), false);
  assert.deepEqual(withoutExtension.actions, ['Open Settings'], 'no Python extension: nothing to select with');
  assert.doesNotMatch(withoutExtension.words, /Select Interpreter/);
});
