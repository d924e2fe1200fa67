// Words for the objects behind a deep size: "28 B for the int 0, shared by
// the whole program", "27 KiB for 1000 int objects". Why CPython shares them
// (one int per value from -5 to 256, one None) is for docs/sizes.md.
import { formatCount } from './format';
import { addSizes, approximateSize, exactSize, type Size } from './size';
import type { ObjectGroup, ObjectTally } from './tally';
import type { Part } from './sizeEstimate';

function plural(kind: string, count: number): string {
  const whole = Math.round(count);
  return `${formatCount(whole)} ${kind} object${whole === 1 ? '' : 's'}`;
}

function groupLabel(group: ObjectGroup): string {
  if (group.sharing === 'cached') {
    return group.count === 1 && group.example !== undefined
      ? `for the ${group.kind} ${group.example}, shared by the whole program`
      : `for ${plural(group.kind, group.count)}, shared by the whole program`;
  }
  if (group.sharing === 'constant') {
    return group.count === 1 && group.example !== undefined
      ? `for the ${group.kind} ${group.example}, one object however often it is referenced`
      : `for ${plural(group.kind, group.count)}, each one object however often it is referenced`;
  }
  return `for ${plural(group.kind, group.count)}`;
}

/** Parts describing the objects of a tally. */
export function objectParts(objects: ObjectTally): Part[] {
  return objects.groups().map((group) => ({
    size: objects.approximate ? approximateSize(group.bytes) : exactSize(group.bytes),
    label: groupLabel(group),
  }));
}

/** The deep size of an object of `shallow` size that holds `objects`. */
export function deepSize(shallow: Size, objects: ObjectTally): Size {
  const held = objects.approximate ? approximateSize(objects.bytes) : exactSize(objects.bytes);
  return addSizes(shallow, held)!;
}
