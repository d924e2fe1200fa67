// The one-line message readNotebook throws for what is not a notebook.
import assert from 'node:assert/strict';
import { NotebookError, readNotebook } from '../../server/src/cli/ipynb';

export function notebookErrorOf(json: string): string {
  try {
    readNotebook(json);
  } catch (error) {
    assert.ok(error instanceof NotebookError);
    assert.ok(!error.message.includes('\n'));
    return error.message;
  }
  assert.fail(`read: ${json}`);
}
