import type { Node } from 'web-tree-sitter';
import { DataScales } from '../scale/dataScale';
import type { Scale } from '../scale/scale';
import { lastPart } from '../text/dottedNames';
import { calleeAnchors } from './anchors';
import { listedRows, type ListedRows } from './mem414-item-arrays-stacked/listedRows';
import type { Finding, RelatedLocation, Rule } from './types';

/** Longer list names are not spelled out in a message. */
const MAX_SPELLED = 24;

/** Functions that copy a list of arrays into one new array: how the rows are laid out in it. */
const COMBINING_CALLS: ReadonlyMap<string, 'rows' | 'parts'> = new Map([
  ['numpy.stack', 'rows'],
  ['numpy.vstack', 'rows'],
  ['numpy.row_stack', 'rows'],
  ['numpy.array', 'rows'],
  ['numpy.asarray', 'rows'],
  ['numpy.concatenate', 'parts'],
  ['numpy.hstack', 'parts'],
  ['numpy.column_stack', 'parts'],
]);
/** Comprehensions written in these calls are MEM403's. */
const ARRAY_CALLS: ReadonlySet<string> = new Set(['numpy.array', 'numpy.asarray']);

export const mem414: Rule = {
  code: 'MEM414',
  name: 'item-arrays-stacked',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary: 'A list of new per-item arrays is held beside the array `np.vstack` or `np.stack` copies them into',
  docs: {
    whatItDoes:
      'Flags `np.stack`, `np.vstack`, `np.row_stack`, `np.concatenate`, `np.hstack` and `np.column_stack` of a list comprehension or `list(… for …)` without `if`, and those and `np.array`/`np.asarray` of a list bound to a name they alone read, when every item is a new row: an array made on the spot that nothing else holds, or a tuple or list of numbers (as MEM403 proves them). New arrays: numpy constructors (`np.array(x)`, which copies, `np.zeros`, `np.arange`, `np.fromstring`…), numpy functions applied element by element (`np.log(x)`), numpy reductions along an axis (`np.mean(block, axis=0)`), arithmetic on an array (`img / 255.0` where `img` is one), copies (`a.copy()`, `a.astype(t)`, `a.flatten()`), `m.toarray()` and `m.todense()`, images read or resized (`cv2.imread`, `imageio.imread`, `skimage.io.imread`, `plt.imread`, `cv2.resize`), and views of any of these (`np.array(parts).reshape(1, -1)`). The list may also be `rows = []` filled by `rows.append(row)` on every pass of one loop (not under an `if`, no `continue` or `break`), `row` the expression or a name bound to one in that pass, and combined after the loop. Not flagged: items of unknown origin (`model.predict(x)`, `hog(im)`), which may be arrays kept elsewhere; views of data held anyway (`x.reshape(1, -1)`, `X[i]`, `s.to_numpy()`); a comprehension with `if` or appends that do not run on every pass, whose count is not known before the loop; rows made by `np.array(tokens)` of a list the pass starts empty and fills, as long as that pass made it; `np.array([… for …])` written in the call, which MEM403 reports.',
    whyBadForMemory:
      'The list keeps every row until numpy has copied them all into the result, so the peak is the rows and the result at once: twice the data at least, more for small rows, each an array object (a 112-byte header) or a tuple of number objects besides its numbers. Filling a preallocated result as the rows are made holds one row at a time. Measured under tracemalloc with CPython 3.11 and numpy 2.4, for 100,000 rows of 16 floats parsed from text (a 12,800,000-byte result): `np.vstack` of a comprehension peaks at 52,801,384 bytes (it makes a 2-d view of each row as well), `np.array` of a list filled by `append` at 40,801,496, `np.concatenate` at 38,401,272; filled in place, at 12,801,803 (48,805,521, 36,001,451, 36,801,040 and 12,802,022 on CPython 3.9 with numpy 1.19; within 0.01% of 3.11 on 3.13 with numpy 2.2). Each kind of row the rule takes peaks at 3.9 to 9.1 times its result in `np.stack` and at the result filled in place: `np.fromstring`, arithmetic on an array, an element-wise function, a reshape or a slice of a new array (the slice keeps all of it), a mean along an axis, `toarray()` of a sparse row. Views of an array held anyway cost their headers alone, so they are left alone: rows of 64 floats taken as `X[k]` peak at 79,203,472 bytes for a 51,200,000-byte result, 1.5×, and less as rows grow. Rows converted to a wider dtype (`np.array(images, np.float32)` of uint8 images) are a fraction of the result: held beside it, not 2× it (143,201,544 bytes against 102,401,057 in place for rows of 256 pixels), and the message says so. The rows are taken to share one shape, as `np.stack` and `np.vstack` require and `np.array` does since numpy 1.24: before it, `np.array` of rows of different lengths made an object array holding them as they were, with no copy (and a warning since 1.20); `dtype=object`, which asks for that, is left alone.',
    example:
      'import numpy as np\n\nfeatures = np.vstack([np.array(line.split(","), dtype=float) for line in lines])\n\nrows = []\nfor line in lines:\n    rows.append(np.array(line.split(","), dtype=float))\nmatrix = np.array(rows)\n\nvalues = np.concatenate([np.array(line.split(","), dtype=float) for line in lines])',
    useInstead:
      'import numpy as np\n\nfeatures = np.empty((len(lines), 16))\nfor i, line in enumerate(lines):\n    features[i] = line.split(",")\n\nmatrix = np.empty((len(lines), 16))\nfor i, line in enumerate(lines):\n    matrix[i] = line.split(",")\n\nvalues = np.empty(len(lines) * 16)\nfor i, line in enumerate(lines):\n    values[i * 16 : (i + 1) * 16] = line.split(",")',
    fixSafety:
      'No automatic fix: the shape of a row (16 above) and its dtype are for the reader to write into `np.empty`, and rows of different lengths need their offsets.',
  },
  anchors: calleeAnchors([...new Set([...COMBINING_CALLS.keys()].map(lastPart))]),
  check(call, context) {
    const callee = call.childForFieldName('function');
    const args = context.facts.callArguments(call);
    const first = args[0];
    // The shape first: resolving the callee's name costs a lookup.
    if (!callee || !first || !LIST_SHAPES.has(first.type)) return undefined;
    const combining = context.facts.qualifiedName(callee) ?? '';
    const layout = COMBINING_CALLS.get(combining);
    if (!layout || args.some(isUnsupportedArgument)) return undefined;
    if (ARRAY_CALLS.has(combining) && first.type !== 'identifier') return undefined;
    const rows = listedRows(first, call, context.facts);
    if (!rows) return undefined;
    const scales = new DataScales(context.facts, context.dataReads);
    const converted = rows.arrays && hasDtype(args, ARRAY_CALLS.has(combining));
    return finding(call, callee, layout, rows, converted, scaleOf(rows, scales));
  },
};

/** A list written in the call, or a name bound to one. */
const LIST_SHAPES: ReadonlySet<string> = new Set(['list_comprehension', 'call', 'identifier']);

const OBJECT_DTYPES: ReadonlySet<string> = new Set(['object', '"O"', "'O'", '"object"', "'object'", 'np.object_']);

/** `out=` writes into an array the code has already; `dtype=object` keeps the arrays themselves; `*`/`**` hide arguments. */
function isUnsupportedArgument(arg: Node): boolean {
  if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return true;
  if (arg.type !== 'keyword_argument') return false;
  const name = arg.childForFieldName('name')?.text;
  const value = arg.childForFieldName('value');
  return name === 'out' || (name === 'dtype' && OBJECT_DTYPES.has(value?.text ?? ''));
}

/** `dtype=`, or for `np.array`/`np.asarray` a second positional argument. */
function hasDtype(args: readonly Node[], positional: boolean): boolean {
  if (args.some((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'dtype'))
    return true;
  return positional && args[1] !== undefined && args[1].type !== 'keyword_argument';
}

/** As many rows as the comprehension's or the loop's passes. */
function scaleOf(rows: ListedRows, scales: DataScales): Scale {
  if (rows.kind === 'generated') return scales.of(rows.generator);
  return rows.loop.type === 'for_statement' ? scales.ofIteration(rows.loop) : 'unknown';
}

function finding(
  call: Node,
  callee: Node,
  layout: 'rows' | 'parts',
  rows: ListedRows,
  converted: boolean,
  scale: Scale,
): Finding {
  const what = rows.arrays ? 'per-item arrays' : 'rows as Python objects';
  const named = rows.name && rows.name.text.length <= MAX_SPELLED ? `\`${rows.name.text}\`` : undefined;
  const lead = named ? `${named} lists ${what}` : `${what.charAt(0).toUpperCase()}${what.slice(1)} listed`;
  const fill = layout === 'rows' ? '`np.empty((n, …))`' : 'one `np.empty(…)`';
  const related: RelatedLocation[] = rows.name
    ? [{ start: rows.name.startIndex, end: rows.name.endIndex, message: 'the list of rows, made here' }]
    : [];
  return {
    code: mem414.code,
    // Arrays converted to another dtype may be smaller than the result: they are held beside it, not 2× it.
    message: converted
      ? `${lead}, held beside the result \`${callee.text}\` converts them into: fill ${fill}`
      : `${lead}, 2× the result or more, before \`${callee.text}\` copies them: fill ${fill}`,
    severity: mem414.defaultSeverity,
    scale,
    start: call.startIndex,
    end: call.endIndex,
    ...(related.length > 0 ? { related } : {}),
  };
}
