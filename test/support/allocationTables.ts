// What building each kind of object asks the allocator for, per CPython
// version, as data: the requests CPython (or numpy) makes and the bytes each
// one asks for, which is what tracemalloc records (before pymalloc rounds a
// block up to its size class). Most requests add up to what sys.getsizeof
// reports; where they do not (an int of one digit from 3.11), the table says
// so. A request a free list can serve is marked: tracemalloc sees no request
// for it then, so the figure is an upper bound by at most what the free lists
// hold.
import { CPYTHON, type CPythonLayout, type PythonVersion } from '../../server/src/sizes/cpython';
import { NUMPY } from '../../server/src/sizes/ndarrays';

/** A free list that serves requests of one kind without asking the allocator. */
interface FreeList {
  /** How many objects it keeps at most (per size, for tuples). */
  readonly capacity: number;
  /** The largest request it serves, when it serves only small ones. */
  readonly upTo?: number;
  readonly source: string;
}

/** One request to the allocator that building an object makes. */
export interface Request {
  readonly what: string;
  /** Where CPython (or numpy) makes the request. */
  readonly source: string;
  /**
   * Bytes requested: a fixed number, or 'rest': what sys.getsizeof counts
   * beyond the object's fixed requests (no request when nothing is left).
   */
  readonly bytes: number | 'rest';
  /** Bytes added per ndarray dimension (its shape and strides). */
  readonly perDimension?: number;
  /** The smallest request, when more is asked for than sys.getsizeof counts. */
  readonly atLeast?: number;
  readonly freeList?: FreeList;
}

export type AllocatedKind =
  | 'int'
  | 'float'
  | 'complex'
  | 'str'
  | 'bytes'
  | 'bytearray'
  | 'list'
  | 'tuple'
  | 'dict'
  | 'set'
  | 'frozenset'
  | 'array'
  | 'ndarray';

export type AllocationTable = Readonly<Record<AllocatedKind, readonly Request[]>>;

// The free lists of 3.8-3.13 keep the same counts; 3.13 moved them into Include/internal/pycore_freelist.h.
const FLOAT_FREE_LIST: FreeList = {
  capacity: 100,
  source: 'Objects/floatobject.c PyFloat_MAXFREELIST (3.13: Include/internal/pycore_freelist.h)',
};
const LIST_FREE_LIST: FreeList = {
  capacity: 80,
  source: 'Objects/listobject.c PyList_MAXFREELIST (3.13: Include/internal/pycore_freelist.h)',
};
const DICT_FREE_LIST: FreeList = {
  capacity: 80,
  source: 'Objects/dictobject.c PyDict_MAXFREELIST (3.13: Include/internal/pycore_freelist.h)',
};

function tupleFreeList(layout: CPythonLayout): FreeList {
  // PyTuple_MAXSAVESIZE 20: tuples of 1 to 19 items, 2000 of each length (PyTuple_MAXFREELIST).
  return {
    capacity: 2000,
    upTo: layout.gcHeader + layout.tupleHeader + 19 * layout.pointer,
    source: 'Objects/tupleobject.c PyTuple_MAXSAVESIZE, PyTuple_MAXFREELIST',
  };
}

function dictKeysFreeList(layout: CPythonLayout): FreeList {
  // Only PyDict_MINSIZE tables are kept (3.11+: only those whose keys are all str, the smaller ones).
  const indices = layout.dict.minSize;
  const entries = Math.floor((layout.dict.minSize * 2) / 3) * layout.dict.entry;
  return {
    capacity: 80,
    upTo: layout.dict.keysHeader + indices + entries,
    source: 'Objects/dictobject.c new_keys_object: keys_free_list',
  };
}

/** The requests of 3.8, whose layout the later versions share but for the int (below). */
function baseTable(layout: CPythonLayout): AllocationTable {
  const gcObject = (bytes: number): number => layout.gcHeader + bytes;
  return {
    int: [
      {
        what: 'the int object',
        source: 'Objects/longobject.c _PyLong_New: offsetof(PyLongObject, ob_digit) + ndigits * sizeof(digit)',
        bytes: 'rest',
      },
    ],
    float: [
      {
        what: 'the float object',
        source: 'Objects/floatobject.c PyFloat_FromDouble: PyObject_Malloc(sizeof(PyFloatObject))',
        bytes: 'rest',
        freeList: FLOAT_FREE_LIST,
      },
    ],
    complex: [
      {
        what: 'the complex object',
        source: 'Objects/complexobject.c complex_subtype_from_c_complex: tp_alloc(sizeof(PyComplexObject))',
        bytes: 'rest',
      },
    ],
    str: [
      {
        what: 'the str object with its text',
        source: 'Objects/unicodeobject.c PyUnicode_New: PyObject_Malloc(struct_size + (size + 1) * char_size)',
        bytes: 'rest',
      },
    ],
    bytes: [
      {
        what: 'the bytes object with its bytes',
        source: 'Objects/bytesobject.c _PyBytes_FromSize: PyObject_Malloc(PyBytesObject_SIZE + size)',
        bytes: 'rest',
      },
    ],
    bytearray: [
      {
        what: 'the bytearray object',
        source: 'Objects/bytearrayobject.c: PyType_GenericAlloc(tp_basicsize), not GC-tracked',
        bytes: layout.bytearrayHeader,
      },
      {
        what: 'the buffer',
        source: 'Objects/bytearrayobject.c PyByteArray_Resize: PyObject_Malloc(size + 1) from empty',
        bytes: 'rest',
      },
    ],
    list: [
      {
        what: 'the list object',
        source: 'Objects/listobject.c PyList_New: PyObject_GC_New(PyListObject)',
        bytes: gcObject(layout.list.header),
        freeList: LIST_FREE_LIST,
      },
      {
        what: 'the item array',
        source:
          'Objects/listobject.c list_resize, list_preallocate_exact, PyList_New: PyMem_Malloc(allocated * sizeof(PyObject *))',
        bytes: 'rest',
      },
    ],
    tuple: [
      {
        what: 'the tuple with its items',
        source: 'Objects/tupleobject.c tuple_alloc: PyObject_GC_NewVar(PyTupleObject, size)',
        bytes: 'rest',
        freeList: tupleFreeList(layout),
      },
    ],
    dict: [
      {
        what: 'the dict object',
        source: 'Objects/dictobject.c new_dict: PyObject_GC_New(PyDictObject)',
        bytes: gcObject(layout.dict.header),
        freeList: DICT_FREE_LIST,
      },
      {
        what: 'the key table',
        source: 'Objects/dictobject.c new_keys_object: PyObject_Malloc(keys header + indices + usable entries)',
        bytes: 'rest',
        freeList: dictKeysFreeList(layout),
      },
    ],
    set: [
      {
        what: 'the set object with its 8-slot smalltable',
        source: 'Objects/setobject.c make_new_set: tp_alloc(PySetObject)',
        bytes: gcObject(layout.set.header),
      },
      {
        what: 'the table beside it',
        source: 'Objects/setobject.c set_table_resize: PyMem_NEW(setentry, newsize)',
        bytes: 'rest',
      },
    ],
    frozenset: [
      {
        what: 'the frozenset object with its 8-slot smalltable',
        source: 'Objects/setobject.c make_new_set: tp_alloc(PySetObject)',
        bytes: gcObject(layout.set.header),
      },
      {
        what: 'the table beside it',
        source: 'Objects/setobject.c set_table_resize: PyMem_NEW(setentry, newsize)',
        bytes: 'rest',
      },
    ],
    array: [
      {
        what: 'the array object',
        source: 'Modules/arraymodule.c newarrayobject: tp_alloc(arrayobject)',
        bytes: layout.array.gcTracked ? gcObject(layout.array.header) : layout.array.header,
      },
      {
        what: 'the buffer',
        source: 'Modules/arraymodule.c newarrayobject, array_resize: PyMem_NEW / PyMem_RESIZE(allocated * itemsize)',
        bytes: 'rest',
      },
    ],
    ndarray: [
      {
        what: 'the ndarray object',
        source: 'numpy ctors.c PyArray_NewFromDescr_int: tp_alloc(PyArrayObject_fields)',
        bytes: NUMPY.objectSize,
      },
      {
        what: 'shape and strides',
        source: 'numpy ctors.c PyArray_NewFromDescr_int: npy_alloc_cache_dim(2 * nd)',
        bytes: 0,
        perDimension: NUMPY.perDimension,
        // numpy's dimension cache keeps NCACHE blocks of each size below NBUCKETS_DIM pointers, as a free list does.
        freeList: {
          capacity: 7,
          upTo: 15 * 8,
          source: 'numpy alloc.c npy_alloc_cache_dim: dimcache, NBUCKETS_DIM 16, NCACHE 7',
        },
      },
      // PyTraceMalloc_Track reports it to tracemalloc under numpy's own domain.
      {
        what: 'the data buffer, when the array owns one',
        source: 'numpy ctors.c PyArray_NewFromDescr_int: PyDataMem_UserNEW(nbytes)',
        bytes: 'rest',
      },
    ],
  };
}

/**
 * From 3.11 an int of one digit is made by _PyLong_FromMedium, which requests a
 * whole PyLongObject: one digit padded to a pointer, 4 bytes more than
 * sys.getsizeof counts. Longer ints still come from _PyLong_New.
 */
function withMediumInts(layout: CPythonLayout): AllocationTable {
  const table = baseTable(layout);
  const wholeObject = layout.int.header + layout.pointer;
  return {
    ...table,
    int: [
      {
        what: 'the int object',
        source:
          'Objects/longobject.c _PyLong_FromMedium: PyObject_Malloc(sizeof(PyLongObject)); longer ints _PyLong_New',
        bytes: 'rest',
        atLeast: wholeObject,
      },
    ],
  };
}

export const ALLOCATIONS: Readonly<Record<PythonVersion, AllocationTable>> = {
  '3.8': baseTable(CPYTHON['3.8']),
  // Checked against 3.9.2.
  '3.9': baseTable(CPYTHON['3.9']),
  '3.10': baseTable(CPYTHON['3.10']),
  // _PyLong_FromMedium is new in 3.11; checked against 3.11.7 and 3.13.5.
  '3.11': withMediumInts(CPYTHON['3.11']),
  '3.12': withMediumInts(CPYTHON['3.12']),
  '3.13': withMediumInts(CPYTHON['3.13']),
};
