// memhints only reads Python: a file that would create a marker file when run
// is analysed by the server and the CLI (and fixed) without the marker appearing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { memhints, project, python } from '../support/cli';
import { LspTestClient } from '../support/lspClient';

const script = (marker: string) =>
  [
    'import os',
    `os.system("touch ${marker}")`,
    `open(${JSON.stringify(marker)} + "-open", "w").close()`,
    `__import__("subprocess").run(["touch", ${JSON.stringify(`${marker}-subprocess`)}])`,
    'total = sum([x for x in range(3)])',
    '',
  ].join('\n');

test('neither the server nor the CLI runs the code it checks', async (t) => {
  const root = project(t, {});
  const marker = join(root, 'marker');
  const root2 = project(t, { 'evil.py': script(marker), 'conftest.py': script(marker), 'setup.py': script(marker) });

  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = pathToFileURL(join(root2, 'evil.py')).href;
  const { diagnostics } = await client.didOpen(uri, script(marker));
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['MEM101'],
  );
  await client.hover(uri, diagnostics[0]!.range.start);
  await client.codeActions(uri, diagnostics[0]!.range);

  const run = memhints(['check', '--fix', '.'], root2);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /Fixed 3 findings in 3 files/);
  for (const suffix of ['', '-open', '-subprocess'])
    assert.equal(existsSync(marker + suffix), false, `${marker}${suffix} was created`);

  // The markers do appear when the file is run: the test would notice execution.
  assert.equal(python(join(root2, 'evil.py'), root2).status, 0);
  for (const suffix of ['', '-open', '-subprocess'])
    assert.ok(existsSync(marker + suffix), `running the script creates ${suffix}`);
});
