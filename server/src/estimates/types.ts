// What estimators get to work with: the layout, constant folding, the document's
// facts, and a way to estimate a sub-expression.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import type { CPythonLayout } from '../sizes/cpython';
import type { Estimate } from '../sizes/sizeEstimate';
import type { Folder } from '../semantics/fold';

export interface EstimateContext {
  readonly layout: CPythonLayout;
  readonly folder: Folder;
  /** Scopes and imports, to tell the builtin `list` from a local one; absent for a bare expression. */
  readonly facts: DocumentFacts | undefined;
  /** Estimates a sub-expression (an item of a list, the value of a name). */
  estimate(node: Node): Estimate | undefined;
}

export type Estimator = (node: Node, context: EstimateContext) => Estimate | undefined;
