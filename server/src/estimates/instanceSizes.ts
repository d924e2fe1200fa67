// Bytes per instance of a class defined in the document, as written and with
// `__slots__`, for the hover and for estimates of containers of instances.
import type { Node } from 'web-tree-sitter';
import { hasOnlyObjectBase } from '../semantics/classes';
import { classShape, type ClassShape } from '../semantics/classShape';
import type { DocumentFacts } from '../semantics/facts';
import type { CPythonLayout } from '../sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../sizes/instances';

export interface InstanceSizes {
  readonly shape: ClassShape;
  /** Bytes per instance without `__slots__`; undefined when every instance gets a dict of its own. */
  readonly withDict: number | undefined;
  readonly withSlots: number;
}

/** The shape of a class whose instances hold only what its own body sets: one without base classes other than `object`. */
export function sizedClassShape(classNode: Node, facts: DocumentFacts): ClassShape | undefined {
  return hasOnlyObjectBase(classNode, facts) ? classShape(classNode, facts) : undefined;
}

export function instanceSizes(shape: ClassShape, layout: CPythonLayout): InstanceSizes {
  const count = shape.attributes.length;
  return { shape, withDict: dictInstanceSize(layout, count), withSlots: slottedInstanceSize(layout, count) };
}
