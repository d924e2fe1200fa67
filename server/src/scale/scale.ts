// How much data a finding is about. A warning is for data scale: a pattern
// that holds a few hundred bytes is not worth a data scientist's attention,
// one that holds a copy of a DataFrame is.

/**
 * small: bounded by literals or a known count, and under the size threshold;
 * large: data from files, databases or the network, a DataFrame, array or
 *   Series, a range over 10^5, or a loop over one of these;
 * unknown: anything else (a parameter, the result of another function).
 */
export type Scale = 'small' | 'large' | 'unknown';

/** Data made from several parts is as large as its largest part. */
export function joinScales(scales: Iterable<Scale>): Scale {
  let joined: Scale = 'small';
  for (const scale of scales) {
    if (scale === 'large') return 'large';
    if (scale === 'unknown') joined = 'unknown';
  }
  return joined;
}

/**
 * joinScales of each item's scale, asked item by item: past the first large one
 * the others are not asked. Following a name through a dozen bindings, each
 * naming others, would otherwise ask for every path to the depth limit.
 */
export function joinScalesOf<T>(items: Iterable<T>, scaleOf: (item: T) => Scale): Scale {
  let joined: Scale = 'small';
  for (const item of items) {
    const scale = scaleOf(item);
    if (scale === 'large') return 'large';
    if (scale === 'unknown') joined = 'unknown';
  }
  return joined;
}

/** A range with more items than this is data scale. */
export const LARGE_COUNT = 100_000;

/** Findings that hold less than this many bytes, when the count is known, are small (64 KiB). */
export const DEFAULT_SMALL_BYTES = 64 * 1024;
