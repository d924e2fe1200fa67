// What a size estimate says about an expression: its shallow and deep size, the
// parts they are made of, and a cheaper way to write the same thing.
import type { NumberKind } from './compactForms';
import type { NdarrayLayout } from './ndarrays';
import type { PandasFrame } from './pandas';
import type { Size } from './size';
import type { ObjectTally } from './tally';

/** One component of a size: "8000 B of pointers". */
export interface Part {
  readonly size: Size;
  readonly label: string;
}

/** A cheaper way to write the same thing, and what it costs. */
export interface Alternative {
  readonly code: string;
  readonly what: string;
  readonly size: Size;
}

export interface Estimate {
  /** The Python type of the object the expression makes: 'list', 'int'... */
  readonly kind: string;
  /** What it is, in words: "a list of 1000 items". */
  readonly what: string;
  /** sys.getsizeof of the object. */
  readonly shallow: Size;
  readonly shallowParts: readonly Part[];
  /**
   * The object and every object reachable through its items, each counted
   * once, as a walk over list/tuple/set/dict items that remembers id()s adds
   * them up. Shared objects count too (CPython's small ints -5..256, True,
   * None, constants): freeing the value does not free them, and the parts say
   * so. Undefined when the items cannot be known.
   */
  readonly deep: Size | undefined;
  /** What the deep size adds to the shallow one. */
  readonly deepParts: readonly Part[];
  /** The objects it holds, for an enclosing container to count (undefined when unknown or not a plain number). */
  readonly objects: ObjectTally | undefined;
  readonly notes: readonly string[];
  readonly alternative: Alternative | undefined;
  /** Containers that hold the same numbers unboxed (array.array, numpy), when they cost less. */
  readonly compactForms?: readonly Alternative[];
  /** Why the compact forms are worth it beyond today's bytes, said only where one of them is shown. */
  readonly compactFormsNote?: string;
  /** For a numpy array: its shape, strides, item type and whose data it reads. */
  readonly ndarray?: NdarrayLayout;
  /** For a list of numbers of known length: how many, and whether all are ints that fit int64 or numbers a double holds (what numpy and pandas infer). */
  readonly numbers?: NumberSequence;
  /** For a pandas Series or DataFrame: its rows and columns as pandas accounts for them. */
  readonly pandas?: PandasFrame;
}

export interface NumberSequence {
  readonly count: number;
  readonly kind: NumberKind;
}
