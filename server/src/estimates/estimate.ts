// Expression → size estimate. Each node type has its estimators, tried in
// order; the first that recognises the expression answers.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { unparenthesized } from '../semantics/syntax';
import { CPYTHON, DEFAULT_PYTHON_VERSION, type CPythonLayout } from '../sizes/cpython';
import { listCall, rangeCall } from './estimators/calls';
import { dictCall, dictComprehension, dictDisplay } from './estimators/dicts';
import { numpyCall } from './estimators/numpy';
import { pandasCall } from './estimators/pandas';
import { arrayCopyCall, arrayMethod, arraySubscript, arrayTranspose } from './estimators/numpy-views';
import { arrayCall, bytearrayCall, bytesCall, tupleCall } from './estimators/sequences';
import { setCall, setComprehension, setDisplay } from './estimators/sets';
import { listComprehension } from './estimators/comprehensions';
import { constantValue } from './estimators/constants';
import { listDisplay, tupleDisplay } from './estimators/displays';
import { generatorExpression } from './estimators/generators';
import { dictViewCall, iteratorCall } from './estimators/iterators';
import { appendLoopCall } from './estimators/appendLoop';
import { listRepetition } from './estimators/repetition';
import { Folder, MAX_FOLD_DEPTH } from '../semantics/fold';
import type { EstimateContext, Estimator } from './types';
import type { Estimate } from '../sizes/sizeEstimate';

export type { Estimate } from '../sizes/sizeEstimate';

const ESTIMATORS: Readonly<Record<string, readonly Estimator[]>> = {
  list: [listDisplay],
  tuple: [constantValue, tupleDisplay],
  list_comprehension: [listComprehension],
  generator_expression: [generatorExpression],
  binary_operator: [listRepetition, constantValue],
  unary_operator: [constantValue],
  call: [
    listCall,
    rangeCall,
    tupleCall,
    dictCall,
    setCall,
    bytearrayCall,
    bytesCall,
    arrayCall,
    numpyCall,
    arrayCopyCall,
    arrayMethod,
    pandasCall,
    iteratorCall,
    dictViewCall,
    appendLoopCall,
  ],
  subscript: [arraySubscript],
  attribute: [arrayTranspose],
  dictionary: [dictDisplay],
  dictionary_comprehension: [dictComprehension],
  set: [setDisplay],
  set_comprehension: [setComprehension],
  true: [constantValue],
  false: [constantValue],
  none: [constantValue],
  integer: [constantValue],
  float: [constantValue],
  string: [constantValue],
  concatenated_string: [constantValue],
};

/** Whether some estimator handles this node type (a cheap test before estimating). */
export function mayEstimate(node: Node): boolean {
  return ESTIMATORS[unparenthesized(node).type] !== undefined;
}

export interface EstimateOptions {
  readonly layout?: CPythonLayout;
  /** Facts of the whole document, so that names bound once to constants fold (`n = 1000; [0] * n`). */
  readonly facts?: DocumentFacts;
}

/** Estimates for the expressions of one document, sharing folded names. */
export class SizeEstimator implements EstimateContext {
  readonly layout: CPythonLayout;
  readonly folder: Folder;
  readonly facts: DocumentFacts | undefined;
  // An expression being estimated, reached again through a name (`a = [a]`), has no answer.
  private readonly active = new Set<number>();

  constructor(options: EstimateOptions = {}) {
    this.layout = options.layout ?? CPYTHON[DEFAULT_PYTHON_VERSION];
    this.facts = options.facts;
    this.folder = new Folder(options.facts);
  }

  estimate(node: Node): Estimate | undefined {
    const expression = unparenthesized(node);
    const estimators = ESTIMATORS[expression.type];
    // Estimators estimate their parts; past MAX_FOLD_DEPTH levels that costs more than any hover can wait.
    if (!estimators || this.active.has(expression.id) || this.active.size >= MAX_FOLD_DEPTH) return undefined;
    this.active.add(expression.id);
    try {
      for (const estimator of estimators) {
        const estimate = estimator(expression, this);
        if (estimate) return estimate;
      }
      return undefined;
    } finally {
      this.active.delete(expression.id);
    }
  }
}

/** The estimated size of the object an expression makes, or undefined when it cannot be estimated. */
export function estimateSize(node: Node, options: EstimateOptions = {}): Estimate | undefined {
  return new SizeEstimator(options).estimate(node);
}
