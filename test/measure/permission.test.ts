// The editor's measure command: nothing runs in an untrusted workspace, nor on a file not saved to disk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measurePermission } from '../../client/src/measure/permission';

const PYTHON_FILE = { scheme: 'file', languageId: 'python' };

test('an untrusted workspace never runs the file, whatever is open', () => {
  for (const document of [PYTHON_FILE, { scheme: 'untitled', languageId: 'python' }, undefined]) {
    const permission = measurePermission({ workspaceTrusted: false, document });
    assert.equal(permission.allowed, false);
    assert.ok(!permission.allowed && /trusted workspace/.test(permission.reason));
  }
});

test('a trusted workspace runs a Python file saved on disk, and nothing else', () => {
  assert.deepEqual(measurePermission({ workspaceTrusted: true, document: PYTHON_FILE }), { allowed: true });
  const refusals: readonly [MeasureDocument, RegExp][] = [
    [undefined, /Open a Python file/],
    [{ scheme: 'file', languageId: 'javascript' }, /works on Python files/],
    [{ scheme: 'untitled', languageId: 'python' }, /Save the file to disk/],
    [{ scheme: 'vscode-notebook-cell', languageId: 'python' }, /Save the file to disk/],
  ];
  for (const [document, says] of refusals) {
    const permission = measurePermission({ workspaceTrusted: true, document });
    assert.ok(!permission.allowed && says.test(permission.reason), JSON.stringify(document));
  }
});

type MeasureDocument = Parameters<typeof measurePermission>[0]['document'];
