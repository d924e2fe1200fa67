// When another way to write the same thing is worth naming as cheaper: it
// saves at least a tenth of the total and at least 1 KiB. A few bytes or a
// few percent are noise next to the figure the user reads first.
import type { Size } from './size';

const MATERIAL_SHARE = 0.1;
const MATERIAL_BYTES = 1024;

/** Whether saving `saved` bytes of `total` is worth a line. */
export function isMaterialSaving(saved: number, total: number): boolean {
  return saved >= MATERIAL_BYTES && saved >= total * MATERIAL_SHARE;
}

/**
 * Whether `alternative` is materially smaller than `total`. Sizes that grow
 * with the same count are compared at scale, by their growth; one that grows
 * against a constant saves without bound; different counts do not compare.
 */
export function isMateriallyCheaper(alternative: Size, total: Size): boolean {
  const growth = total.perCount?.bytes ?? 0;
  if (!alternative.perCount)
    return total.perCount ? growth > 0 : isMaterialSaving(total.bytes - alternative.bytes, total.bytes);
  if (!total.perCount || total.perCount.count !== alternative.perCount.count) return false;
  return growth - alternative.perCount.bytes >= growth * MATERIAL_SHARE && growth > alternative.perCount.bytes;
}

/** What choosing `alternative` saves, when it reads as one figure: "26.7 MiB", "28·n B"; undefined otherwise. */
export function savedSize(alternative: Size, total: Size): Size | undefined {
  const approximate = alternative.approximate || total.approximate;
  if (!alternative.perCount && !total.perCount) return { bytes: total.bytes - alternative.bytes, approximate };
  if (!alternative.perCount || !total.perCount || alternative.perCount.count !== total.perCount.count) return undefined;
  const perCount = { bytes: total.perCount.bytes - alternative.perCount.bytes, count: total.perCount.count };
  return { bytes: 0, perCount, approximate };
}
