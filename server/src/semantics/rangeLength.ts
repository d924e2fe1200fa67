// How many items a range of constants has: what a loop over `range(0, 10**6, 100)`
// passes, folded through names bound once.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';
import { Folder } from './fold';
import { unparenthesized } from './syntax';

export interface RangeValues {
  readonly start: bigint;
  readonly stop: bigint;
  readonly step: bigint;
}

/** start, stop, step from range's argument values; undefined for a zero step. */
export function rangeValues(args: readonly bigint[]): RangeValues | undefined {
  const [a, b, c] = args;
  if (a === undefined) return undefined;
  const range = b === undefined ? { start: 0n, stop: a, step: 1n } : { start: a, stop: b, step: c ?? 1n };
  return range.step === 0n ? undefined : range;
}

export function rangeLength({ start, stop, step }: RangeValues): bigint {
  const span = step > 0n ? stop - start : start - stop;
  const stride = step > 0n ? step : -step;
  return span <= 0n ? 0n : (span + stride - 1n) / stride;
}

/** The number of items of `range(…)` of constants (`range(0, 10**6, 100)`, a name bound once to an int): what a loop over it passes. */
export function constantRangeLength(iterable: Node, facts: DocumentFacts): bigint | undefined {
  const call = unparenthesized(iterable);
  if (call.type !== 'call' || facts.qualifiedName(call.childForFieldName('function')!) !== 'builtins.range')
    return undefined;
  const folder = new Folder(facts);
  const bounds = facts.callArguments(call).map((arg) => folder.integer(arg));
  if (bounds.length === 0 || bounds.length > 3 || bounds.some((bound) => bound === undefined)) return undefined;
  const range = rangeValues(bounds as bigint[]);
  return range && rangeLength(range);
}
