import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCodeToComment, isSuppressed, parseNoqa } from '../../server/src/engine/noqa';
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
  assert.deepEqual(
    findings.map((f) => source.slice(0, f.start).split('\n').length),
    [2],
  );
  assert.equal((await findingsIn(source, { ignoreNoqa: true })).length, 2);
});

test('B019, the flake8-bugbear and Ruff code for a cache on a method, stands for MEM202', () => {
  const suppression = parseNoqa('# noqa: b019');
  assert.equal(isSuppressed(suppression, 'MEM202'), true);
  assert.equal(isSuppressed(suppression, 'B019'), true, 'the code itself still counts for other tools');
  assert.equal(isSuppressed(suppression, 'MEM201'), false, 'only the rule B019 is an alias of');
  assert.equal(isSuppressed(parseNoqa('# noqa: B018'), 'MEM202'), false);
});

test('addCodeToComment keeps the codes as written and adds none an alias already covers', () => {
  assert.equal(addCodeToComment('# noqa: B019', 'MEM202'), '# noqa: B019');
  assert.equal(addCodeToComment('# noqa: B019', 'MEM101'), '# noqa: B019, MEM101');
});

test('# noqa: B019 drops a MEM202 finding on its line, and only that', async () => {
  const method = (comment: string) =>
    `from functools import cache\n\nclass Report:\n    @cache${comment}\n    def summary(self):\n        return 1\n`;
  const codes = async (source: string) => (await findingsIn(source)).map((finding) => finding.code);
  assert.deepEqual(await codes(method('')), ['MEM202'], 'the method is flagged without the comment');
  assert.deepEqual(await codes(method('  # noqa: B019')), []);
  assert.deepEqual(await codes(method('  # noqa: E501, B019')), [], 'among other codes');
  assert.deepEqual(await codes(method('  # noqa: B018')), ['MEM202'], 'another bugbear code does not');
  const shown = await findingsIn(method('  # noqa: B019'), { ignoreNoqa: true });
  assert.deepEqual(
    shown.map((finding) => finding.code),
    ['MEM202'],
    '--ignore-noqa shows it',
  );
});
