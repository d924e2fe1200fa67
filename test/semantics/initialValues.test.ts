import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindingsOf, type NameBinding } from '../../server/src/semantics/initialValues';
import { withSource } from '../support/tree';

/** Each binding as kind plus the text of its value, operator or annotation. */
function summary(binding: NameBinding): string {
  switch (binding.kind) {
    case 'value':
      return `value ${binding.value.text}`;
    case 'augmented':
      return `augmented ${binding.operator} ${binding.value.text}`;
    case 'parameter':
      return `parameter ${binding.annotation?.text ?? '-'} ${binding.defaultValue?.text ?? '-'}`;
    case 'annotation':
      return `annotation ${binding.annotation.text}`;
    case 'other':
      return 'other';
  }
}

test('bindingsOf describes what each binding stores, in source order', async () => {
  const source = [
    'def f(s: str = "x", *rest, **options):',
    '    s: str',
    '    s = ""',
    '    s: str = "a"',
    '    t = s = "b"',
    '    s += "c"',
    '    if (s := "d"):',
    '        pass',
    '    s, u = "e", "f"',
    '    for s in rest:',
    '        pass',
    '    return s',
  ].join('\n');
  await withSource(source, ({ find, facts }) => {
    const use = find('return_statement').namedChild(0)!;
    const found = bindingsOf(facts, 's', use);
    assert.ok(found);
    assert.equal(found.scope.node.type, 'function_definition');
    assert.deepEqual(found.bindings.map(summary), [
      'parameter str "x"',
      'annotation str',
      'value ""',
      'value "a"',
      'value "b"',
      'augmented += "c"',
      'value "d"',
      'other',
      'other',
    ]);
    assert.deepEqual(bindingsOf(facts, 'rest', use)?.bindings.map(summary), ['other']);
  });
});

test('bindingsOf is undefined for builtins and behind a star import', async () => {
  await withSource('print(len)\n', ({ find, facts }) => {
    assert.equal(bindingsOf(facts, 'len', find('identifier', 'len')), undefined);
  });
  await withSource('from os import *\nprint(sep)\n', ({ find, facts }) => {
    assert.equal(bindingsOf(facts, 'sep', find('identifier', 'sep')), undefined);
  });
});
