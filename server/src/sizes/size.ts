// A size in bytes: exact, or growing with a count known only by its source
// text (`56 + 8·n`), and marked approximate when it is not what CPython reports
// to the byte.

export interface Size {
  /** Bytes; the constant part when the size grows with a count. */
  readonly bytes: number;
  /** Bytes per unit of a count that is not a constant: 8 per `n`. */
  readonly perCount?: { readonly bytes: number; readonly count: string };
  readonly approximate: boolean;
}

export function exactSize(bytes: number): Size {
  return { bytes, approximate: false };
}

export function approximateSize(bytes: number): Size {
  return { bytes, approximate: true };
}

export function perCountSize(bytes: number, perItem: number, count: string, approximate = false): Size {
  return { bytes, perCount: { bytes: perItem, count }, approximate };
}

/** a + b; undefined when both grow with different counts. */
export function addSizes(a: Size, b: Size): Size | undefined {
  if (a.perCount && b.perCount && a.perCount.count !== b.perCount.count) return undefined;
  const perCount =
    a.perCount && b.perCount
      ? { bytes: a.perCount.bytes + b.perCount.bytes, count: a.perCount.count }
      : (a.perCount ?? b.perCount);
  return { bytes: a.bytes + b.bytes, ...(perCount ? { perCount } : {}), approximate: a.approximate || b.approximate };
}

/** Whether a is known to be smaller than b (for sizes that grow with the same count, compare the growth first). */
export function isSmaller(a: Size, b: Size): boolean {
  if (a.perCount && b.perCount && a.perCount.count !== b.perCount.count) return false;
  const growthA = a.perCount?.bytes ?? 0;
  const growthB = b.perCount?.bytes ?? 0;
  return growthA !== growthB ? growthA < growthB : a.bytes < b.bytes;
}
