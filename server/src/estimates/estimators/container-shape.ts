// An estimate from a container's own size, what that size is made of, and the
// objects it holds (for the deep size).
import { deepSize, objectParts } from '../../sizes/describe';
import { exactSize } from '../../sizes/size';
import type { ObjectTally } from '../../sizes/tally';
import type { Alternative, Estimate, Part } from '../../sizes/sizeEstimate';

export interface ContainerShape {
  readonly kind: string;
  readonly what: string;
  readonly bytes: number;
  readonly parts: readonly { readonly bytes: number; readonly label: string }[];
  readonly objects: ObjectTally | undefined;
  readonly notes?: readonly string[];
  readonly alternative?: Alternative;
}

export function containerEstimate(shape: ContainerShape): Estimate {
  const shallow = exactSize(shape.bytes);
  const shallowParts: Part[] = shape.parts
    .filter((part) => part.bytes > 0)
    .map((part) => ({ size: exactSize(part.bytes), label: part.label }));
  return {
    kind: shape.kind,
    what: shape.what,
    shallow,
    shallowParts,
    deep: shape.objects ? deepSize(shallow, shape.objects) : undefined,
    deepParts: shape.objects ? objectParts(shape.objects) : [],
    objects: shape.objects,
    notes: shape.notes ?? [],
    alternative: shape.alternative,
  };
}
