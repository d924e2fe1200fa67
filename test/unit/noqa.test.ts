import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCodeToComment, isSuppressed, parseNoqa } from '../../server/src/analysis/noqa';
import { findingsIn } from '../support/analyze';

test('parseNoqa reads bare and coded directives, case-insensitively', () => {
  assert.equal(parseNoqa('# noqa'), 'all');
  assert.equal(parseNoqa('# NOQA'), 'all');
  assert.deepEqual(parseNoqa('# noqa: MEM101, mem102'), new Set(['MEM101', 'MEM102']));
  assert.deepEqual(parseNoqa('# type: ignore  # noqa:MEM101 MEM103'), new Set(['MEM101', 'MEM103']));
  assert.equal(parseNoqa('# a plain comment'), undefined);
});

test('isSuppressed honours the listed codes only', () => {
  assert.equal(isSuppressed('all', 'MEM101'), true);
  assert.equal(isSuppressed(new Set(['MEM102']), 'MEM101'), false);
  assert.equal(isSuppressed(undefined, 'MEM101'), false);
});

test('addCodeToComment merges into an existing directive and keeps other text', () => {
  assert.equal(addCodeToComment(undefined, 'MEM101'), '# noqa: MEM101');
  assert.equal(addCodeToComment('# noqa: MEM102', 'MEM101'), '# noqa: MEM102, MEM101');
  assert.equal(addCodeToComment('# noqa: MEM101', 'MEM101'), '# noqa: MEM101');
  assert.equal(addCodeToComment('# noqa', 'MEM101'), '# noqa');
  assert.equal(addCodeToComment('# why this is fine', 'MEM101'), '# why this is fine  # noqa: MEM101');
  assert.equal(addCodeToComment('# noqa: E501 trailing words', 'MEM101'), '# noqa: E501, MEM101 trailing words');
});

test('a noqa comment on the line drops the finding; ignoreNoqa keeps it', async () => {
  const source = 'total = sum([x for x in xs])  # noqa: MEM101\nother = sum([x for x in xs])  # noqa: MEM102\n';
  const findings = await findingsIn(source);
  assert.deepEqual(findings.map((f) => source.slice(0, f.start).split('\n').length), [2]);
  assert.equal((await findingsIn(source, { ignoreNoqa: true })).length, 2);
});
