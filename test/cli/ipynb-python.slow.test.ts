// Where a notebook's invalid JSON is said to stop, checked against Python's
// json module, Jupyter's reader (this runs python3; the rest of the notebook
// reading tests are in ipynb.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { notebookErrorOf } from './notebookErrors';

test("invalid JSON is placed at the line and column where Python's json module stops too", () => {
  for (const json of ['{"cells": [', '{\n "cells": [\n  {"é": x}]}']) {
    const where = spawnSync(
      'python3',
      [
        '-c',
        'import json, sys\ntry: json.loads(sys.stdin.buffer.read().decode())\nexcept ValueError as e: print(e.lineno, e.colno)',
      ],
      { input: json, encoding: 'utf8' },
    );
    assert.equal(where.status, 0, where.stderr);
    const [line, column] = where.stdout.trim().split(' ');
    assert.ok(
      notebookErrorOf(json).endsWith(`at line ${line}, column ${column})`),
      `${notebookErrorOf(json)} vs python3: ${where.stdout}${where.stderr}`,
    );
  }
});
