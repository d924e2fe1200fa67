// The estimate of a numpy array from its layout: an array that owns its data
// is the object plus the data; a view is the object alone, its data the
// owner's (ndarray.__sizeof__ counts the buffer only with NPY_ARRAY_OWNDATA).
import { formatCount, shortBytes } from '../../sizes/format';
import { dataBytes, itemCount, NUMPY, ndarraySize, type NdarrayLayout } from '../../sizes/ndarrays';
import { ObjectTally } from '../../sizes/tally';
import type { Estimate } from '../../sizes/sizeEstimate';
import { containerEstimate } from './container-shape';

/** "1,000 float64 items", "10 × 100 float64 items (1,000)". */
function describeItems(array: NdarrayLayout): string {
  const count = formatCount(itemCount(array.shape));
  return array.shape.length === 1
    ? `${count} ${array.dtype.name} items`
    : `${array.shape.join(' × ')} ${array.dtype.name} items (${count})`;
}

/** `made` says how the array came to be (a sentence), when that is worth saying: a view, a copy. */
export function ndarrayEstimate(array: NdarrayLayout, made?: string): Estimate {
  const header = NUMPY.objectSize + NUMPY.perDimension * array.shape.length;
  const headerPart = {
    bytes: header,
    label: 'header with the shape and strides',
  };
  const owner = array.owner;
  if (owner) {
    return {
      ...containerEstimate({
        kind: 'ndarray',
        what: `a view of \`${owner.name}\`: no new data (${describeItems(array)})`,
        bytes: ndarraySize(array),
        parts: [headerPart],
        objects: new ObjectTally(),
        notes: [
          `${made ? `${made} ` : ''}It shares the data of \`${owner.name}\` (${shortBytes(owner.dataBytes)}), counted there, and keeps it allocated.`,
        ],
      }),
      ndarray: array,
    };
  }
  const data = dataBytes(array);
  return {
    ...containerEstimate({
      kind: 'ndarray',
      what: `an array of ${describeItems(array)}`,
      bytes: ndarraySize(array),
      parts: [
        headerPart,
        { bytes: data, label: `of data, ${formatCount(itemCount(array.shape))} × ${array.dtype.size} B` },
      ],
      objects: new ObjectTally(),
      notes: made ? [made] : [],
    }),
    ndarray: array,
  };
}
