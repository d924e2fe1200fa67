// Constants: int, float, str and bytes literals, and expressions that fold to
// one (`10**6`, `"ab" * 3`, a name bound once to a constant).
import { foldsAtCompileTime } from '../compile-time';
import type { CPythonLayout } from '../../sizes/cpython';
import { deepSize, objectParts } from '../../sizes/describe';
import { addValue, constantKey } from '../elements';
import { formatCount } from '../../sizes/format';
import { cachedObjectKey, intDigits, intSize, strKind, valueSize } from '../../sizes/objects';
import { exactSize } from '../../sizes/size';
import { ObjectTally } from '../../sizes/tally';
import type { Estimator } from '../types';
import type { Part } from '../../sizes/sizeEstimate';
import { codePointLength, display, typeName, type PyValue } from '../../sizes/values';

const part = (bytes: number, label: string): Part => ({ size: exactSize(bytes), label });

/** What each value type's bytes are made of. */
const PARTS: {
  readonly [T in PyValue['type']]: (layout: CPythonLayout, value: Extract<PyValue, { type: T }>) => Part[];
} = {
  int: (layout, value) => {
    const digits = intDigits(layout, value.value);
    return [
      part(layout.int.header, 'int header'),
      part(
        digits * layout.int.digitBytes,
        `for ${digits} digit${digits === 1 ? '' : 's'} of ${layout.int.digitBits} bits`,
      ),
    ];
  },
  bool: (layout, value) => [part(intSize(layout, value.value ? 1n : 0n), 'an int of the value 0 or 1')],
  float: (layout) => [part(layout.float, 'float: header and one 8-byte double')],
  complex: (layout) => [part(layout.complex, 'complex: header and two 8-byte doubles')],
  none: (layout) => [part(layout.none, 'object header')],
  ellipsis: (layout) => [part(layout.none, 'object header')],
  str: (layout, value) => {
    const kind = strKind(value.value);
    const length = codePointLength(value.value);
    const header = kind.name === 'ASCII' ? layout.str.asciiHeader : layout.str.compactHeader;
    return [
      part(header, `str header (${kind.name === 'ASCII' ? 'compact ASCII' : 'compact'})`),
      part(
        kind.width * (length + 1),
        `for ${formatCount(length)} ${kind.name} character${length === 1 ? '' : 's'} and a terminating NUL, ${kind.width} B each`,
      ),
    ];
  },
  bytes: (layout, value) => [
    part(layout.bytesHeader, 'bytes header with its terminating NUL'),
    part(value.value.length, 'of data'),
  ],
  tuple: (layout, value) => [
    part(layout.gcHeader + layout.tupleHeader, 'header'),
    part(layout.pointer * value.items.length, `of pointers to ${formatCount(value.items.length)} items`),
  ],
};

function partsOf(layout: CPythonLayout, value: PyValue): Part[] {
  return (PARTS[value.type] as (layout: CPythonLayout, value: PyValue) => Part[])(layout, value);
}

function describe(value: PyValue): string {
  if (value.type === 'str')
    return `a str of ${formatCount(codePointLength(value.value))} ${strKind(value.value).name} characters`;
  if (value.type === 'bytes') return `a bytes object of ${formatCount(value.value.length)} bytes`;
  if (value.type === 'tuple') return `a tuple of ${formatCount(value.items.length)} constants`;
  return `the ${typeName(value)} ${display(value)}`;
}

export const constantValue: Estimator = (node, context) => {
  const { folder, layout } = context;
  const value = folder.constant(node);
  if (!value) return undefined;
  const shallow = exactSize(valueSize(layout, value));
  const objects = new ObjectTally();
  if (value.type === 'tuple')
    for (const item of value.items) addValue(objects, layout, item, 'constant', `const:${constantKey(item)}`);
  const notes: string[] = [];
  if (cachedObjectKey(layout, value) !== undefined)
    notes.push('CPython keeps one shared object for this value, so evaluating it allocates nothing.');
  else if (foldsAtCompileTime(node, folder, layout))
    notes.push('A constant of the code: one object, made when the code is compiled, however often this line runs.');
  return {
    kind: typeName(value),
    what: describe(value),
    shallow,
    shallowParts: partsOf(layout, value),
    deep: deepSize(shallow, objects),
    deepParts: objectParts(objects),
    objects,
    notes,
    alternative: undefined,
  };
};
