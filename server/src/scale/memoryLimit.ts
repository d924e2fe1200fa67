// The memory a checked program may take: the budget the settings give, else
// the memory of the machine memhints runs on, asked of a port so that tests
// can say what the machine has.
import { freemem, totalmem } from 'node:os';

export interface MachineMemory {
  /** Bytes of memory the machine has. */
  total(): number;
  /** Bytes a new program could take now (os.freemem: MemAvailable on Linux). */
  available(): number;
}

export const THIS_MACHINE: MachineMemory = { total: totalmem, available: freemem };

export type MemoryLimit =
  | { readonly source: 'budget'; readonly bytes: number }
  | { readonly source: 'machine'; readonly bytes: number; readonly availableBytes: number };

/** `budget` bytes (the memoryBudget setting), or the machine's memory when it is 0. */
export function memoryLimit(budget: number, machine: MachineMemory): MemoryLimit {
  return budget > 0
    ? { source: 'budget', bytes: budget }
    : { source: 'machine', bytes: machine.total(), availableBytes: machine.available() };
}
