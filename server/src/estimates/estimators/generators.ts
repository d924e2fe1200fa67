// Generator expressions: `(x * x for x in xs)` is one small object however many items it yields.
import { isAsyncComprehension } from '../../semantics/syntax';
import { foldsAtCompileTime } from '../compile-time';
import { generatorEstimate } from '../generator';
import { approximateSize, exactSize } from '../../sizes/size';
import { ObjectTally } from '../../sizes/tally';
import type { Estimator } from '../types';

export const generatorExpression: Estimator = (node, context) => {
  if (isAsyncComprehension(node)) return undefined;
  const generator = generatorEstimate(node, context.layout, context.facts, (expression) =>
    foldsAtCompileTime(expression, context.folder, context.layout),
  );
  if (!generator) return undefined;
  const shallow = generator.exact ? exactSize(generator.bytes) : approximateSize(generator.bytes);
  return {
    kind: 'generator',
    what: 'a generator object',
    shallow,
    shallowParts: [],
    deep: shallow,
    deepParts: [],
    objects: new ObjectTally(),
    notes: [
      'It holds its paused frame (the loop variables and the iterator), never the items: each is made when asked for.',
    ],
    alternative: undefined,
  };
};
