// The scale of a document's data reads, from the data files the workspace
// holds: what DataScales asks when a read names a file it can find.
import type { Node } from 'web-tree-sitter';
import type { DataEstimate, SampleLimits } from '../data/dataEstimate';
import type { DataFiles } from '../data/dataFiles';
import { dataReadOf } from '../data/readCalls';
import type { DataReadScales } from '../scale/dataScale';
import { memoryLimit, type MachineMemory } from '../scale/memoryLimit';
import type { DocumentFacts } from '../semantics/facts';
import type { CPythonLayout } from '../sizes/cpython';

/** Where a document's reads are estimated from, and what they are measured against. */
export interface DataReadSettings {
  /** The document's file, whose folder a relative path is tried from first. */
  readonly documentPath: string | undefined;
  /** The objects the estimates count are sized for it. */
  readonly layout: CPythonLayout;
  /** Reads whose file will hold less than this many bytes once loaded are small. */
  readonly smallBytes: number;
  /** At most this many bytes are read from a file (the dataSampleSize setting). */
  readonly sampleBytes: number;
  /** The memory the program may take (the memoryBudget setting); 0 for the machine's. */
  readonly memoryBudget: number;
  readonly machine: MachineMemory;
}

export function dataReadScales(files: DataFiles, settings: DataReadSettings): DataReadScales {
  const limits: SampleLimits = { maxSampleBytes: settings.sampleBytes };
  const estimateOf = (call: Node, facts: DocumentFacts): DataEstimate | undefined => {
    const read = dataReadOf(call, facts);
    return read && files.estimate(read, settings.documentPath, settings.layout, limits)?.estimate;
  };
  return {
    estimateOf,
    scaleOf(call: Node, facts: DocumentFacts) {
      const bytes = estimateOf(call, facts)?.bytes;
      if (bytes === undefined) return undefined;
      return bytes < settings.smallBytes ? 'small' : 'large';
    },
    memoryLimit: () => memoryLimit(settings.memoryBudget, settings.machine),
  };
}
