// The bytes evaluating an expression asks the allocator for, as tracemalloc
// counts them: the requests of allocationTables.ts for the object the expression
// makes and for every object made for it (not the shared and constant ones,
// which exist before it runs). memhints shows no allocated sizes: the model
// serves the allocation oracle, which checks through it against tracemalloc
// that an estimate counts the objects made for a value, and only those.
import type { CPythonLayout } from '../../server/src/sizes/cpython';
import type { Estimate } from '../../server/src/sizes/sizeEstimate';
import { ALLOCATIONS, type AllocatedKind, type AllocationTable, type Request } from './allocationTables';

export interface AllocatedSize {
  readonly bytes: number;
  /** True when the estimate it comes from counted some objects by extrapolating. */
  readonly approximate: boolean;
  /** At most this many of the bytes may come from free lists, which tracemalloc does not see as requests. */
  readonly freeListBytes: number;
}

interface Requested {
  readonly bytes: number;
  readonly freeListBytes: number;
}

/** What `count` objects of `kind`, each of `sizeofEach` bytes by sys.getsizeof, request; undefined for a kind without a table. */
function requested(
  table: AllocationTable,
  kind: string,
  sizeofEach: number,
  count: number,
  dimensions = 0,
): Requested | undefined {
  const requests: readonly Request[] | undefined = Object.hasOwn(table, kind)
    ? table[kind as AllocatedKind]
    : undefined;
  if (!requests) return undefined;
  const fixed = (request: Request): number =>
    request.bytes === 'rest' ? 0 : request.bytes + (request.perDimension ?? 0) * dimensions;
  const rest = sizeofEach - requests.reduce((total, request) => total + fixed(request), 0);
  let bytes = 0;
  let freeListBytes = 0;
  for (const request of requests) {
    const each = request.bytes === 'rest' ? (rest > 0 ? Math.max(rest, request.atLeast ?? 0) : 0) : fixed(request);
    if (each === 0) continue;
    bytes += each * count;
    const freeList = request.freeList;
    if (freeList && (freeList.upTo === undefined || each <= freeList.upTo))
      freeListBytes += each * Math.min(count, freeList.capacity);
  }
  return { bytes, freeListBytes };
}

/**
 * The allocated size of what `estimate` describes, under `layout`'s version:
 * undefined when its objects are unknown or some kind has no allocation table.
 */
export function allocatedSize(estimate: Estimate, layout: CPythonLayout): AllocatedSize | undefined {
  const table = ALLOCATIONS[layout.version];
  if (!estimate.objects || estimate.shallow.perCount) return undefined;
  const dimensions = estimate.ndarray?.shape.length ?? 0;
  const top = requested(table, estimate.kind, estimate.shallow.bytes, 1, dimensions);
  if (!top) return undefined;
  let bytes = top.bytes;
  let freeListBytes = top.freeListBytes;
  for (const group of estimate.objects.sizedGroups()) {
    if (group.sharing !== 'own') continue;
    const objects = requested(table, group.kind, group.bytesEach, group.count);
    if (!objects) return undefined;
    bytes += objects.bytes;
    freeListBytes += objects.freeListBytes;
  }
  return {
    bytes: Math.round(bytes),
    approximate: estimate.shallow.approximate || estimate.objects.approximate,
    freeListBytes: Math.round(freeListBytes),
  };
}
