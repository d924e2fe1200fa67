// range(...) calls: their arguments, their length, and the int objects
// iterating them produces (counted per size class, not one by one, so that
// range(10**9) costs no more to estimate than range(10)).
import type { Node } from 'web-tree-sitter';
import { callArguments, unparenthesized } from '../semantics/syntax';
import type { CPythonLayout } from '../sizes/cpython';
import { floorDivide } from '../sizes/operators';
import { cachedObjectKey, intSize } from '../sizes/objects';
import { ObjectTally } from '../sizes/tally';
import type { EstimateContext } from './types';
import { rangeLength, type RangeValues } from '../semantics/rangeLength';
import { int } from '../sizes/values';

/** Whether `call` calls the builtin `name` (not a local function of that name). */
export function callsBuiltin(call: Node, name: string, context: EstimateContext): boolean {
  if (call.type !== 'call') return false;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier' || callee.text !== name) return false;
  return context.facts ? context.facts.qualifiedName(callee) === `builtins.${name}` : true;
}

/** The 1 to 3 positional arguments of a builtin range call, or undefined. */
export function rangeArguments(node: Node, context: EstimateContext): Node[] | undefined {
  const call = unparenthesized(node);
  if (!callsBuiltin(call, 'range', context)) return undefined;
  const args = callArguments(call);
  const positional = args.every(
    (arg) => arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat',
  );
  return positional && args.length >= 1 && args.length <= 3 ? args : undefined;
}

/** The item count of range(args) as source text: `n`, `(b - a)`. */
export function rangeCountText(args: readonly Node[]): string {
  if (args.length === 1) return args[0]!.text;
  if (args.length === 2) return `${args[1]!.text} - ${args[0]!.text}`;
  return `len(range(${args.map((arg) => arg.text).join(', ')}))`;
}

/** How many items of the range lie in [low, high]. */
function countBetween(range: RangeValues, low: bigint, high: bigint): bigint {
  const length = rangeLength(range);
  if (length === 0n || low > high) return 0n;
  const stride = range.step > 0n ? range.step : -range.step;
  // Index i holds start + i·step; for a negative step, mirror the bounds.
  const [from, to] =
    range.step > 0n ? [low - range.start, high - range.start] : [range.start - high, range.start - low];
  const first = -floorDivide(-from, stride);
  const last = floorDivide(to, stride);
  const clampedFirst = first < 0n ? 0n : first;
  const clampedLast = last > length - 1n ? length - 1n : last;
  return clampedLast < clampedFirst ? 0n : clampedLast - clampedFirst + 1n;
}

function contains(range: RangeValues, value: bigint): boolean {
  return countBetween(range, value, value) > 0n;
}

/** The int objects `list(range)` holds: CPython's shared small ints once each, a new int for every other value. */
export function rangeObjects(layout: CPythonLayout, range: RangeValues): ObjectTally {
  const tally = new ObjectTally();
  const length = rangeLength(range);
  if (length === 0n) return tally;
  const last = range.start + (length - 1n) * range.step;
  const abs = (value: bigint): bigint => (value < 0n ? -value : value);
  // biome-ignore lint/complexity/useMathMinMax: the operands are bigints, which Math.max does not take.
  const largest = abs(range.start) > abs(last) ? abs(range.start) : abs(last);
  const bits = BigInt(layout.int.digitBits);
  let cachedInFirstClass = 0n;
  for (let value = BigInt(layout.int.cachedMin); value <= BigInt(layout.int.cachedMax); value++) {
    if (!contains(range, value)) continue;
    tally.add({
      kind: 'int',
      bytes: intSize(layout, value),
      sharing: 'cached',
      key: `cached:${cachedObjectKey(layout, int(value))}`,
      example: value.toString(),
    });
    cachedInFirstClass++;
  }
  // Ints with the same number of digits have the same size.
  for (let digits = 1n, low = 0n; low <= largest; digits++, low = 1n << (bits * (digits - 1n))) {
    const high = (1n << (bits * digits)) - 1n;
    let count = countBetween(range, low, high) + countBetween(range, -high, low === 0n ? -1n : -low);
    if (digits === 1n) count -= cachedInFirstClass;
    if (count > 0n) tally.add({ kind: 'int', bytes: intSize(layout, high), sharing: 'own' }, Number(count));
  }
  return tally;
}
