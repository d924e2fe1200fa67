// mayBindName may say a name may be bound where it is not, never the other way
// round: each spelling that binds must answer true.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayBindName } from '../../server/src/text/bindingSpellings';

test('calls, subscripts, attributes and longer words bind nothing', () => {
  for (const text of [
    'def f(xs):\n    return len(xs) + len (xs)',
    'def f(xs):\n    return len[0], np.len(xs), xs.len, lens, len_of(xs)',
    'def f(xs):\n    undef len(xs)',
    'def f(xs):\n    return np.array(xs)',
  ]) {
    assert.equal(mayBindName(text, text.includes('np.array') ? 'np' : 'len'), false, text);
  }
});

test('every spelling that binds answers true', () => {
  for (const text of [
    'def f(len): pass',
    'def f():\n    len = 1',
    'def f():\n    for len in xs: pass',
    'def f():\n    (len := 1)',
    'def f():\n    def len(x): pass',
    `def f():\n    def${' '.repeat(30)}len(x): pass`,
    'def f():\n    def \\\n        len(x): pass',
    'def f():\n    class len(object): pass',
    'def f():\n    global len',
    'def f():\n    import len.path',
    'def f():\n    from m import *\n    return len(x)',
    'def f():\n    f(len=2)',
  ]) {
    assert.equal(mayBindName(text, 'len'), true, text);
  }
  // `import os.path` binds `os`: an attribute read counts only outside imports.
  assert.equal(mayBindName('def f():\n    import os.path\n    return os.sep', 'os'), true);
});
