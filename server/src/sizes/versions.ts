// CPython 3.8-3.13 on 64-bit builds, as data: each version is the previous one
// plus what changed, with the CPython source that changed it. Three versions
// are checked against real interpreters by the oracle tests
// (test/estimates/oracle.slow.test.ts, test/sizes/versions-oracle.slow.test.ts): 3.11 against the
// machine's python3 (3.11.7), 3.9 and 3.13 against Debian's builds (3.9.2 from
// bullseye, 3.13.5 from trixie; scripts/pythons/install.sh). Debian's current
// suites have no 3.8, 3.10 or 3.12: those follow the struct definitions and
// allocation code of their sources (field docs in cpython.ts name the files),
// each field they share with a checked neighbour argued from the change
// history below, and hovers say which version they assumed.
import { DEFAULT_TARGET_VERSION, PYTHON_VERSIONS, type TargetPythonVersion } from './pythonVersions';
import type { CPythonLayout } from './cpython';

export type PythonVersion = TargetPythonVersion;
export { PYTHON_VERSIONS };
export const DEFAULT_PYTHON_VERSION: PythonVersion = DEFAULT_TARGET_VERSION;

const label = (version: PythonVersion): string => `CPython ${version}, 64-bit`;

// Not measured. What 3.9 inherits from here is checked through 3.9.2; 3.9 overrides what changed between
// them (list growth, constant displays).
const V3_8: CPythonLayout = {
  version: '3.8',
  label: label('3.8'),
  measured: false,
  pointer: 8,
  // 3.8 shrank PyGC_Head to two words (bpo-33597).
  gcHeader: 16,
  list: {
    header: 40,
    // Objects/listobject.c list_resize: newsize + (newsize >> 3) + (newsize < 9 ? 3 : 6), no rounding.
    growth: { shift: 3, padding: 6, smallLimit: 9, smallPadding: 3, alignment: 1, exactWhenCloser: false },
    // list_preallocate_exact (new in 3.8, bpo-33234) allocates the length exactly.
    preallocationMultiple: 1,
    fromHashed: 'preallocate',
  },
  tupleHeader: 24,
  // Include/longintrepr.h; int___sizeof__ counts Py_ABS(Py_SIZE), so 0 and False report no digit.
  int: { header: 24, digitBits: 30, digitBytes: 4, minimumDigits: 0, cachedMin: -5, cachedMax: 256 },
  float: 24,
  complex: 32,
  none: 16,
  // Include/cpython/unicodeobject.h: PyASCIIObject still carries the wstr pointer (and compact objects wstr_length).
  str: { asciiHeader: 48, compactHeader: 72, latin1CharUtf8: 0 },
  bytesHeader: 33,
  bytearrayHeader: 56,
  range: 48,
  // Objects/dict-common.h: dk_refcnt, dk_size, dk_lookup, dk_usable, dk_nentries; one entry kind of 24 bytes.
  // Objects/dictobject.c dict_new: `dict()` allocates a PyDict_MINSIZE table (`{}` shares the empty keys, bpo-30040).
  dict: { header: 48, keysHeader: 40, entry: 24, strEntry: 24, minSize: 8, rounding: 'atLeast', callTable: 8 },
  set: { header: 200, entry: 16, minSize: 8 },
  // Include/genobject.h: frame, running, code, weakreflist, name, qualname and a 4-pointer _PyErr_StackItem.
  generator: { header: 96, embedsFrame: false, stackDepthsModelled: true },
  // Modules/arraymodule.c: a static type without Py_TPFLAGS_HAVE_GC, so no GC header.
  array: { header: 64, gcTracked: false },
  // Objects/typeobject.c: `__dict__` and `__weakref__` slots in the object, the attributes in a key-sharing dict.
  instance: {
    header: 16,
    attributes: 'dict',
    preHeader: 0,
    slots: 16,
    spareValueSlots: 0,
    valuesPrefixExtra: 0,
    sharedKeysMaxSize: Number.POSITIVE_INFINITY,
  },
  // Iterators and views: PyObject_HEAD (16) + their fields (8 each) + the GC header (16) for all but the
  // range iterator. Checked through 3.9.2, whose sizes these are.
  iterators: {
    sequence: 48,
    // rangeiterobject: index, start, step, len (longs); not GC-tracked.
    range: 48,
    dict: 72,
    set: 64,
    map: 48,
    filter: 48,
    // zipobject: tuplesize, ittuple, result.
    zip: 56,
    // enumobject: en_index, en_sit, en_result, en_longindex.
    enumerate: 64,
    dictView: 40,
  },
  compiler: {
    // Python/compile.c: BUILD_LIST n for every display.
    constantDisplay: 'build',
    constantDisplayMinimum: 3,
    stackUseGuideline: Number.POSITIVE_INFINITY,
    foldMaxIntBits: 128,
    foldMaxStrLength: 4096,
    foldMaxCollection: 256,
  },
};

const V3_9: CPythonLayout = {
  ...V3_8,
  version: '3.9',
  label: label('3.9'),
  measured: true,
  list: {
    ...V3_8.list,
    // bpo-38373: growth rounded down to a multiple of 4, exact when closer; list_preallocate_exact still exact.
    growth: { shift: 3, padding: 6, smallLimit: 0, smallPadding: 6, alignment: 4, exactWhenCloser: true },
  },
  // Python/compile.c starunpack_helper: 3+ constants become LIST_EXTEND of a constant tuple, which list_extend
  // sizes with list_resize.
  compiler: { ...V3_8.compiler, constantDisplay: 'resize' },
};

// Not measured. Shared with 3.9 as checked: list growth (bpo-38373) and exact preallocation (the rounding
// to even, gh-92914, is a 3.11.0b4 change), int___sizeof__ without a digit for zero (gh-100637 is 3.11.2).
const V3_10: CPythonLayout = {
  ...V3_9,
  version: '3.10',
  label: label('3.10'),
  measured: false,
  // Objects/dictobject.c dict_new: the shared empty keys, as `{}` (3.10's dict_new sets Py_EMPTY_KEYS with
  // empty_values; assumed, no 3.10 interpreter to check).
  dict: { ...V3_9.dict, callTable: 0 },
  // Modules/arraymodule.c: a heap type since bpo-40077 (3.10.0a4), with the GC protocol (bpo-42972); assumed
  // to report the GC header from 3.10 on, as 3.11 and 3.13 do.
  array: { header: 64, gcTracked: true },
  // Include/genobject.h: gi_running is gone (the frame's state says it).
  generator: { ...V3_9.generator, header: 88 },
  // Python/bltinmodule.c zipobject: PEP 618's `strict` flag (3.10) takes another word, as 3.11 measures (64).
  // enumobject's borrowed `one` is assumed a 3.11 change (3.9.2 measures 64, 3.11.7 72); no 3.10 interpreter
  // was at hand to check which side 3.10 is on.
  iterators: { ...V3_9.iterators, zip: 64 },
  // Python/compile.c: STACK_USE_GUIDELINE, displays of more than 30 items are built item by item.
  compiler: { ...V3_9.compiler, stackUseGuideline: 30 },
};

const V3_11: CPythonLayout = {
  ...V3_10,
  version: '3.11',
  label: label('3.11'),
  measured: true,
  // gh-100637 (3.11.2): int___sizeof__ reports at least one digit.
  int: { ...V3_10.int, minimumDigits: 1 },
  // Include/internal/pycore_dict.h: dk_log2_size, dk_log2_index_bytes, dk_kind, dk_version; PyDictUnicodeEntry.
  dict: { header: 48, keysHeader: 32, entry: 24, strEntry: 16, minSize: 8, rounding: 'bitLength', callTable: 0 },
  // Objects/listobject.c list_preallocate_exact: rounds up to an even number of slots (gh-92914, 3.11.0b4).
  list: { ...V3_10.list, preallocationMultiple: 2 },
  // Include/internal/pycore_genobject.h + pycore_frame.h: the frame is embedded in the generator.
  generator: { header: 152, embedsFrame: true, stackDepthsModelled: true },
  // Include/internal/pycore_object.h: Py_TPFLAGS_MANAGED_DICT puts the dict and values pointers before the GC header.
  instance: {
    header: 16,
    attributes: 'values',
    preHeader: 16,
    slots: 8,
    spareValueSlots: 1,
    valuesPrefixExtra: 2,
    sharedKeysMaxSize: 30,
  },
  // Objects/enumobject.c enumobject: a borrowed reference to the int 1 joins the fields (72 measured).
  iterators: { ...V3_10.iterators, enumerate: 72 },
  // Objects/listobject.c list_extend: an empty list is filled through list_preallocate_exact.
  compiler: { ...V3_10.compiler, constantDisplay: 'preallocate' },
};

// Not measured. Shared with 3.13 as checked: the str headers and the instance layout's managed weakref.
// Kept from 3.11: calculate_log2_keysize's rounding, whose fix (gh-133703) reached 3.13.4 but not 3.12,
// security fixes only by then.
const V3_12: CPythonLayout = {
  ...V3_11,
  version: '3.12',
  label: label('3.12'),
  measured: false,
  // PEP 623: the wstr and wstr_length fields are removed.
  str: { asciiHeader: 40, compactHeader: 56, latin1CharUtf8: 0 },
  // Include/internal/pycore_genobject.h: gi_code is gone (the frame's f_executable says it); frame prefix still 72.
  generator: { header: 144, embedsFrame: true, stackDepthsModelled: false },
  // Include/internal/pycore_range.h (new in 3.12 for the FOR_ITER_RANGE specialisation): _PyRangeIterObject
  // keeps start, step and len, no index; 16 + 3 * 8 = 40, as 3.13.5 measures (assumed for 3.12, not run).
  iterators: { ...V3_11.iterators, range: 40 },
  // Py_TPFLAGS_MANAGED_WEAKREF: the weakref list joins the dict pointer before the GC header.
  instance: { ...V3_11.instance, slots: 0 },
};

const V3_13: CPythonLayout = {
  ...V3_12,
  version: '3.13',
  label: label('3.13'),
  measured: true,
  // Objects/dictobject.c calculate_log2_keysize: the smallest power of two >= the request (gh-133703, 3.13.4;
  // 3.13.0-3.13.3 round as 3.12 does, so `{'a': 1, 1: 'a'}` is 352 bytes there, 224 from 3.13.4).
  dict: { ...V3_12.dict, rounding: 'atLeast' },
  // Include/internal/pycore_object.h _PyInlineValuesSize: the values live inside the object.
  instance: { ...V3_12.instance, attributes: 'inline', valuesPrefixExtra: 0 },
  // Objects/listobject.c list_extend_set, list_extend_dict: list() of a set or dict is sized by list_resize
  // (3.13.5 measures 8 slots for 3 items); 3.12 is assumed to preallocate as 3.11 does.
  list: { ...V3_12.list, fromHashed: 'growth' },
  // Include/internal/pycore_runtime_init.h _PyUnicode_LATIN1_INIT: the 1-char latin-1 singletons carry their
  // UTF-8 form ('é' is 61 bytes in 3.13.5, 58 for a compact str); assumed absent in 3.12, as in 3.11.
  str: { ...V3_12.str, latin1CharUtf8: 3 },
};

export const CPYTHON: Readonly<Record<PythonVersion, CPythonLayout>> = {
  '3.8': V3_8,
  '3.9': V3_9,
  '3.10': V3_10,
  '3.11': V3_11,
  '3.12': V3_12,
  '3.13': V3_13,
};

export function cpythonLayout(version: string): CPythonLayout | undefined {
  return Object.hasOwn(CPYTHON, version) ? CPYTHON[version as PythonVersion] : undefined;
}

/** The layout for a configured version ("3.12", "3.12.1"); the default when the version is not modelled. */
export function layoutForVersion(version: string | undefined): CPythonLayout {
  const minor = /^3\.\d+/.exec(version?.trim() ?? '')?.[0];
  return (minor && cpythonLayout(minor)) || CPYTHON[DEFAULT_PYTHON_VERSION];
}
