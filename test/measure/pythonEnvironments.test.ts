// The Python extension's selected environment, read through its environments API
// (given here as plain objects shaped like the extension's): its interpreter, not its folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeInterpreter, type PythonEnvironmentsApi } from '../../client/src/measure/pythonEnvironments';

const RESOURCE = { fsPath: '/home/me/project/main.py' };

function api(path: unknown, resolve?: (environment: unknown) => Promise<unknown>): PythonEnvironmentsApi {
  return {
    environments: {
      getActiveEnvironmentPath: (resource) => {
        assert.equal(resource, RESOURCE, 'asked for the environment of the file measured');
        return { path };
      },
      ...(resolve && {
        resolveEnvironment: resolve as NonNullable<PythonEnvironmentsApi['environments']>['resolveEnvironment'],
      }),
    },
  };
}

test('an environment known by its folder (conda, a venv found by its folder) runs its executable', async () => {
  const conda = api('/opt/conda/envs/data', async (environment) => {
    assert.deepEqual(environment, { path: '/opt/conda/envs/data' });
    return { executable: { uri: { fsPath: '/opt/conda/envs/data/bin/python' } } };
  });
  assert.equal(await activeInterpreter(conda, RESOURCE), '/opt/conda/envs/data/bin/python');
});

test('an environment resolved without an executable has no interpreter: the setting or python3 is used instead', async () => {
  assert.equal(
    await activeInterpreter(
      api('/opt/conda/envs/empty', async () => ({ executable: { uri: undefined } })),
      RESOURCE,
    ),
    undefined,
  );
});

test('the active path itself when it cannot be resolved: an older API, an unknown environment, a failure', async () => {
  assert.equal(await activeInterpreter(api('/venv/bin/python'), RESOURCE), '/venv/bin/python');
  assert.equal(
    await activeInterpreter(
      api('/venv/bin/python', async () => undefined),
      RESOURCE,
    ),
    '/venv/bin/python',
  );
  assert.equal(
    await activeInterpreter(
      api('/venv/bin/python', () => Promise.reject(new Error('refresh in progress'))),
      RESOURCE,
    ),
    '/venv/bin/python',
  );
});

test('no interpreter from an API without environments or an active path', async () => {
  assert.equal(await activeInterpreter(undefined, RESOURCE), undefined);
  assert.equal(await activeInterpreter({}, RESOURCE), undefined);
  assert.equal(await activeInterpreter(api(undefined), RESOURCE), undefined);
  assert.equal(await activeInterpreter(api(''), RESOURCE), undefined);
});
