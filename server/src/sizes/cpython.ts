// The CPython object-size model as data: struct sizes and allocation policies
// per Python version, each with the CPython source file that defines it, so a
// new version is a new table entry, checked against that version's python3.
// Sizes are what sys.getsizeof reports on a 64-bit build.

export type PythonVersion = '3.11';

export const DEFAULT_PYTHON_VERSION: PythonVersion = '3.11';

/** How a list grows when items are appended one at a time (Objects/listobject.c, list_resize). */
export interface ListGrowth {
  /** new capacity = (size + (size >> shift) + padding) rounded down to a multiple of alignment */
  readonly shift: number;
  readonly padding: number;
  readonly alignment: number;
  /** When the growth step would be smaller than the request, allocate exactly (rounded up to alignment). */
  readonly exactWhenCloser: boolean;
}

export interface CPythonLayout {
  readonly version: PythonVersion;
  readonly label: string;
  /** Include/pyport.h: SIZEOF_VOID_P; one reference in a list or tuple. */
  readonly pointer: number;
  /** Include/internal/pycore_gc.h: PyGC_Head, which sys.getsizeof adds for objects tracked by the GC. */
  readonly gcHeader: number;
  readonly list: {
    /** Include/cpython/listobject.h: PyListObject (var header + ob_item + allocated). */
    readonly header: number;
    readonly growth: ListGrowth;
    /** Objects/listobject.c list_preallocate_exact: list(seq) and list.extend on an empty list round the capacity up to even. */
    readonly preallocationMultiple: number;
  };
  /** Include/cpython/tupleobject.h: PyTupleObject without its items. */
  readonly tupleHeader: number;
  readonly int: {
    /** Include/cpython/longintrepr.h: offsetof(PyLongObject, ob_digit). */
    readonly header: number;
    /** Include/cpython/longintrepr.h: PYLONG_BITS_IN_DIGIT and sizeof(digit). */
    readonly digitBits: number;
    readonly digitBytes: number;
    /** Objects/longobject.c int___sizeof___impl: zero still reports one digit. */
    readonly minimumDigits: number;
    /** Include/internal/pycore_global_objects.h: _PY_NSMALLNEGINTS / _PY_NSMALLPOSINTS, the shared small ints. */
    readonly cachedMin: number;
    readonly cachedMax: number;
  };
  /** Include/cpython/boolobject.h: True and False are ints of one digit. */
  readonly bool: number;
  /** Include/cpython/floatobject.h: PyFloatObject. */
  readonly float: number;
  /** Include/cpython/complexobject.h: PyComplexObject. */
  readonly complex: number;
  /** Include/object.h: the None singleton is a bare PyObject. */
  readonly none: number;
  readonly str: {
    /** Include/cpython/unicodeobject.h: PyASCIIObject, for all-ASCII text (1 byte per character + NUL). */
    readonly asciiHeader: number;
    /** Include/cpython/unicodeobject.h: PyCompactUnicodeObject, for latin-1, UCS-2 and UCS-4 text (+ NUL of the same width). */
    readonly compactHeader: number;
  };
  /** Include/cpython/bytesobject.h: offsetof(PyBytesObject, ob_sval) plus the trailing NUL. */
  readonly bytesHeader: number;
  /** Objects/rangeobject.c: rangeobject (start, stop, step, length). */
  readonly range: number;
  /**
   * Include/cpython/genobject.h + Include/internal/pycore_frame.h: offsetof(PyGenObject, gi_iframe) +
   * offsetof(_PyInterpreterFrame, localsplus); Objects/genobject.c gen_sizeof adds one pointer per local and stack slot.
   */
  readonly generatorHeader: number;
  /** Modules/arraymodule.c: arrayobject, without its buffer. */
  readonly arrayHeader: number;
  /** Instances of classes defined in Python. */
  readonly instance: {
    /** Include/object.h: PyObject, the header of every instance (GC header not included). */
    readonly header: number;
    /**
     * Include/internal/pycore_object.h: the dict and inline-values pointers that a class
     * without `__slots__` keeps in front of the GC header (Py_TPFLAGS_MANAGED_DICT).
     */
    readonly managedDictPointers: number;
    /** Objects/typeobject.c type_new: a class without `__slots__` also gets a `__weakref__` slot. */
    readonly weakrefSlot: number;
    /**
     * Objects/dictobject.c init_inline_values: attribute values live in an array of the shared
     * keys' usable size, which shrinks by one per new instance until one spare slot is left.
     */
    readonly spareValueSlots: number;
    /** Objects/dictobject.c new_values: a prefix of one byte per value slot plus this many, rounded up to a pointer. */
    readonly valuesPrefixExtra: number;
    /** Objects/dictobject.c SHARED_KEYS_MAX_SIZE: more attributes than fit here get a dict of their own. */
    readonly sharedKeysMaxSize: number;
  };
  readonly compiler: {
    /** Python/compile.c starunpack_helper: a display of at least this many constants is built by LIST_EXTEND of one constant tuple. */
    readonly constantDisplayMinimum: number;
    /** Python/compile.c STACK_USE_GUIDELINE: longer displays are built by appending item by item. */
    readonly stackUseGuideline: number;
    /** Python/ast_opt.c: MAX_INT_SIZE (bits), MAX_STR_SIZE, MAX_COLLECTION_SIZE: larger results are not folded into constants. */
    readonly foldMaxIntBits: number;
    readonly foldMaxStrLength: number;
    readonly foldMaxCollection: number;
  };
}

export const CPYTHON: Readonly<Record<PythonVersion, CPythonLayout>> = {
  '3.11': {
    version: '3.11',
    label: 'CPython 3.11, 64-bit',
    pointer: 8,
    gcHeader: 16,
    list: {
      header: 40,
      growth: { shift: 3, padding: 6, alignment: 4, exactWhenCloser: true },
      preallocationMultiple: 2,
    },
    tupleHeader: 24,
    int: { header: 24, digitBits: 30, digitBytes: 4, minimumDigits: 1, cachedMin: -5, cachedMax: 256 },
    bool: 28,
    float: 24,
    complex: 32,
    none: 16,
    str: { asciiHeader: 48, compactHeader: 72 },
    bytesHeader: 33,
    range: 48,
    generatorHeader: 152,
    arrayHeader: 64,
    instance: { header: 16, managedDictPointers: 16, weakrefSlot: 8, spareValueSlots: 1, valuesPrefixExtra: 2, sharedKeysMaxSize: 30 },
    compiler: {
      constantDisplayMinimum: 3,
      stackUseGuideline: 30,
      foldMaxIntBits: 128,
      foldMaxStrLength: 4096,
      foldMaxCollection: 256,
    },
  },
};

export function cpythonLayout(version: string): CPythonLayout | undefined {
  return Object.prototype.hasOwnProperty.call(CPYTHON, version) ? CPYTHON[version as PythonVersion] : undefined;
}
