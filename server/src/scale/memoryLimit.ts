// The memory a checked program may take: the budget the settings give, else
// the memory of the machine memhints runs on, asked of a port so that tests
// can say what the machine has.
import { freemem, totalmem } from 'node:os';

export interface MachineMemory {
  /** Bytes of memory the machine has: in a container with a memory limit, that limit. */
  total(): number;
  /** Bytes a new program could take now (os.freemem: MemAvailable on Linux). */
  available(): number;
}

// process.constrainedMemory (node 19.6) and process.availableMemory (node 22) know a
// container's cgroup limit, which os.totalmem and os.freemem do not; node 20 lacks the second.
const node = process as Partial<Pick<NodeJS.Process, 'constrainedMemory' | 'availableMemory'>>;

/** The cgroup's limit when there is one below the machine's memory; an unlimited cgroup reports 2^64. */
function containerLimit(): number {
  const limit = node.constrainedMemory?.() ?? 0;
  return limit > 0 ? limit : Number.POSITIVE_INFINITY;
}

export const THIS_MACHINE: MachineMemory = {
  total: () => Math.min(totalmem(), containerLimit()),
  available: () => Math.min(node.availableMemory?.() ?? freemem(), THIS_MACHINE.total()),
};

export type MemoryLimit =
  | { readonly source: 'budget'; readonly bytes: number }
  | { readonly source: 'machine'; readonly bytes: number; readonly availableBytes: number };

/** `budget` bytes (the memoryBudget setting), or the machine's memory when it is 0. */
export function memoryLimit(budget: number, machine: MachineMemory): MemoryLimit {
  return budget > 0
    ? { source: 'budget', bytes: budget }
    : { source: 'machine', bytes: machine.total(), availableBytes: machine.available() };
}
