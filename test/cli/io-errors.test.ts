// Files that cannot be read are reported on stderr; the others are still checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasStackTrace, jsonFindings, memhints, project } from '../support/cli';

const FLAGGED = 'xs = [1, 2]\nprint(sum([x for x in xs]))\n';

test('a file that is not valid UTF-8 is reported, the run goes on and exits 2', (t) => {
  const invalid = Buffer.concat([Buffer.from('x = "caf'), Buffer.from([0xe9]), Buffer.from('"\nprint(sum([c for c in x]))\n')]);
  const root = project(t, { 'a_latin1.py': invalid, 'b_good.py': FLAGGED });
  const run = memhints(['check'], root);
  assert.equal(run.status, 2);
  assert.match(run.stdout, /^b_good\.py:2:11: MEM101 /m);
  assert.equal(run.stderr, `memhints: error: a_latin1.py: cannot read: not valid UTF-8 (first bad byte at offset ${invalid.indexOf(0xe9)})\n`);
  assert.ok(!hasStackTrace(run.stderr));

  const json = memhints(['check', '--format', 'json', '--exit-zero'], root);
  assert.equal(json.status, 2, '--exit-zero does not hide an unreadable file');
  assert.deepEqual(jsonFindings(json).map((finding) => finding.file), ['b_good.py']);
});

test('--fix leaves an unreadable file alone and fixes the others', (t) => {
  const root = project(t, { 'bad.py': Buffer.from([0xff, 0xfe, 0x0a]), 'good.py': FLAGGED });
  const run = memhints(['check', '--fix'], root);
  assert.equal(run.status, 2);
  assert.match(run.stdout, /^Fixed 1 finding in 1 file\.$/m);
  assert.match(run.stderr, /bad\.py: cannot read: not valid UTF-8/);
});
