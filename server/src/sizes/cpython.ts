// The shape of the CPython object-size model: struct sizes and allocation
// policies, each with the CPython source file that defines it. The figures per
// version are data, in versions.ts. Sizes are what sys.getsizeof reports on a
// 64-bit build.
import type { PythonVersion } from './versions';

export { CPYTHON, cpythonLayout, DEFAULT_PYTHON_VERSION, PYTHON_VERSIONS, type PythonVersion } from './versions';

/** How a list grows when items are appended one at a time (Objects/listobject.c, list_resize). */
interface ListGrowth {
  /** new capacity = (size + (size >> shift) + padding) rounded down to a multiple of alignment */
  readonly shift: number;
  readonly padding: number;
  /** Below this many items the padding is `smallPadding` instead (3.8: 3 below 9 items). */
  readonly smallLimit: number;
  readonly smallPadding: number;
  readonly alignment: number;
  /** When the growth step would be smaller than the request, allocate exactly (rounded up to alignment). */
  readonly exactWhenCloser: boolean;
}

/**
 * How `[1, 2, 3]` is built (Python/compile.c starunpack_helper, Objects/listobject.c list_extend):
 * 'build': BUILD_LIST n, exactly n slots; 'resize': LIST_EXTEND of one constant tuple into an empty
 * list through list_resize (growth); 'preallocate': LIST_EXTEND through list_preallocate_exact.
 */
type ConstantDisplay = 'build' | 'resize' | 'preallocate';

/**
 * What backs the attributes of an instance of a class without `__slots__`:
 * 'dict': a key-sharing __dict__ object plus its values array (3.8-3.10);
 * 'values': a values array the object points to, the dict made only on demand (3.11, 3.12);
 * 'inline': the values inside the object itself (3.13).
 */
type AttributeStorage = 'dict' | 'values' | 'inline';

export interface CPythonLayout {
  readonly version: PythonVersion;
  readonly label: string;
  /** True when the figures were checked against a real interpreter of this version by the oracle tests. */
  readonly measured: boolean;
  /** Include/pyport.h: SIZEOF_VOID_P; one reference in a list or tuple. */
  readonly pointer: number;
  /** Include/internal/pycore_gc.h (3.8-3.10: Include/objimpl.h): PyGC_Head, which sys.getsizeof adds for objects tracked by the GC. */
  readonly gcHeader: number;
  readonly list: {
    /** Include/cpython/listobject.h: PyListObject (var header + ob_item + allocated). */
    readonly header: number;
    readonly growth: ListGrowth;
    /** Objects/listobject.c list_preallocate_exact: list(sized) rounds the capacity up to this multiple. */
    readonly preallocationMultiple: number;
    /**
     * Objects/listobject.c list_extend: how list() of a set, frozenset or dict sizes itself. 'preallocate':
     * list_preallocate_exact, as for any sized iterable; 'growth': list_resize, which over-allocates as if
     * the list grew to that length in one step (3.13's list_extend_set and list_extend_dict).
     */
    readonly fromHashed: 'preallocate' | 'growth';
  };
  /** Include/cpython/tupleobject.h: PyTupleObject without its items. */
  readonly tupleHeader: number;
  readonly int: {
    /** Include/cpython/longintrepr.h: offsetof(PyLongObject, ob_digit). */
    readonly header: number;
    /** Include/cpython/longintrepr.h: PYLONG_BITS_IN_DIGIT and sizeof(digit). */
    readonly digitBits: number;
    readonly digitBytes: number;
    /** Objects/longobject.c int___sizeof___impl: from 3.11 zero (and False) report one digit, before none. */
    readonly minimumDigits: number;
    /** Include/internal/pycore_global_objects.h: _PY_NSMALLNEGINTS / _PY_NSMALLPOSINTS, the shared small ints. */
    readonly cachedMin: number;
    readonly cachedMax: number;
  };
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
    /**
     * Bytes a shared 1-char str U+0080..U+00FF adds for its UTF-8 form, which the static singleton carries
     * and unicode___sizeof__ counts (two bytes and a NUL in 3.13); 0 where it is made only on demand.
     */
    readonly latin1CharUtf8: number;
  };
  /** Include/cpython/bytesobject.h: offsetof(PyBytesObject, ob_sval) plus the trailing NUL. */
  readonly bytesHeader: number;
  /** Include/cpython/bytearrayobject.h: PyByteArrayObject (not tracked by the GC); the buffer holds a trailing NUL. */
  readonly bytearrayHeader: number;
  /** Objects/rangeobject.c: rangeobject (start, stop, step, length). */
  readonly range: number;
  readonly dict: {
    /** Include/cpython/dictobject.h: PyDictObject. */
    readonly header: number;
    /** Include/internal/pycore_dict.h (3.8-3.10: Objects/dict-common.h): PyDictKeysObject without its indices and entries. */
    readonly keysHeader: number;
    /** PyDictKeyEntry: hash, key, value. */
    readonly entry: number;
    /** PyDictUnicodeEntry (3.11+): key, value, for tables whose keys are all str. */
    readonly strEntry: number;
    /** Objects/dictobject.c PyDict_MINSIZE. */
    readonly minSize: number;
    /**
     * Objects/dictobject.c: how a requested size becomes a table size. 'atLeast': the smallest power of
     * two >= the request (3.8-3.10, 3.13.4+); 'bitLength': calculate_log2_keysize, which doubles an exact
     * power of two and rounds anything below PyDict_MINSIZE up to twice it (3.11, 3.12).
     */
    readonly rounding: 'atLeast' | 'bitLength';
    /** Objects/dictobject.c dict_new: the key table slots `dict()` allocates (0: it shares the empty keys, as `{}`). */
    readonly callTable: number;
  };
  readonly set: {
    /** Include/setobject.h: PySetObject, with its 8-entry smalltable. */
    readonly header: number;
    /** Include/setobject.h: setentry (key, hash), per slot of a table outside the object. */
    readonly entry: number;
    /** PySet_MINSIZE. */
    readonly minSize: number;
  };
  readonly generator: {
    /**
     * 3.11+: Include/internal/pycore_genobject.h + pycore_frame.h: offsetof(PyGenObject, gi_iframe) +
     * offsetof(_PyInterpreterFrame, localsplus); Objects/genobject.c gen_sizeof adds one pointer per local and
     * stack slot. 3.8-3.10: Include/genobject.h PyGenObject; its frame is a separate object.
     */
    readonly header: number;
    readonly embedsFrame: boolean;
    /** Whether Python/compile.c's stack depths for this version are the ones generator.ts follows. */
    readonly stackDepthsModelled: boolean;
  };
  readonly array: {
    /** Modules/arraymodule.c: arrayobject, without its buffer. */
    readonly header: number;
    /** Modules/arraymodule.c: whether Arraytype has Py_TPFLAGS_HAVE_GC, so that sys.getsizeof adds the GC header. */
    readonly gcTracked: boolean;
  };
  /**
   * Iterator and view objects, as sys.getsizeof reports them (the GC header included for the GC-tracked
   * types; none of them holds its items, only references to what it iterates).
   */
  readonly iterators: {
    /**
     * iter() of a list, tuple, str or bytes and reversed() of a list, tuple or str: Objects/listobject.c
     * listiterobject / listreviterobject, Objects/tupleobject.c tupleiterobject, Objects/unicodeobject.c
     * unicodeiterobject, Objects/bytesobject.c striterobject, Objects/enumobject.c reversedobject: the
     * object header, an index and the sequence (16 + 8 + 8, GC-tracked).
     */
    readonly sequence: number;
    /** iter() and reversed() of a range: Objects/rangeobject.c rangeiterobject (3.12+: Include/internal/pycore_range.h _PyRangeIterObject), not GC-tracked. */
    readonly range: number;
    /** iter() of a dict or of its views, reversed() of a dict: Objects/dictobject.c dictiterobject (dict, used, pos, result, len). */
    readonly dict: number;
    /** iter() of a set or frozenset: Objects/setobject.c setiterobject (set, used, pos, len). */
    readonly set: number;
    /** Python/bltinmodule.c mapobject (iterators tuple, function). */
    readonly map: number;
    /** Python/bltinmodule.c filterobject (function, iterator). */
    readonly filter: number;
    /** Python/bltinmodule.c zipobject (tuple size, iterators tuple, result tuple; 3.10+: strict). */
    readonly zip: number;
    /** Objects/enumobject.c enumobject (index, iterator, result tuple, long index; 3.11+: a borrowed `one`). */
    readonly enumerate: number;
    /** Objects/dictobject.c _PyDictViewObject: dict.keys(), values(), items() (the object header and the dict). */
    readonly dictView: number;
  };
  /** Instances of classes defined in Python. */
  readonly instance: {
    /** Include/object.h: PyObject, the header of every instance (GC header not included). */
    readonly header: number;
    readonly attributes: AttributeStorage;
    /**
     * Include/internal/pycore_object.h: pointers a class without `__slots__` keeps in front of the GC header
     * (3.11: dict and values; 3.12+: dict-or-values and weakref list, Py_TPFLAGS_MANAGED_DICT | MANAGED_WEAKREF).
     */
    readonly preHeader: number;
    /** Objects/typeobject.c type_new: `__dict__` and `__weakref__` slots inside the object (3.8-3.10: 16, 3.11: 8, 3.12+: 0). */
    readonly slots: number;
    /**
     * Objects/dictobject.c init_inline_values: attribute values live in an array of the shared
     * keys' usable size, which shrinks by one per new instance until one spare slot is left.
     */
    readonly spareValueSlots: number;
    /** Objects/dictobject.c new_values: a prefix of one byte per value slot plus this many, rounded up to a pointer. */
    readonly valuesPrefixExtra: number;
    /** Objects/dictobject.c SHARED_KEYS_MAX_SIZE: more attributes than fit here get a dict of their own (3.11+). */
    readonly sharedKeysMaxSize: number;
  };
  readonly compiler: {
    readonly constantDisplay: ConstantDisplay;
    /** Python/compile.c starunpack_helper: a display of at least this many constants is built from one constant tuple. */
    readonly constantDisplayMinimum: number;
    /** Python/compile.c STACK_USE_GUIDELINE (3.10+): longer displays are built by appending item by item. */
    readonly stackUseGuideline: number;
    /** Python/ast_opt.c: MAX_INT_SIZE (bits), MAX_STR_SIZE, MAX_COLLECTION_SIZE: larger results are not folded into constants. */
    readonly foldMaxIntBits: number;
    readonly foldMaxStrLength: number;
    readonly foldMaxCollection: number;
  };
}
