import type { Rule } from './types';

// Placeholder registration; the rule's check is implemented in its own change.
export const mem102: Rule = {
  code: 'MEM102',
  name: 'loop-over-copy',
  defaultSeverity: 'warning',
  summary: 'Loop over a materialised copy that is iterated only once',
  docs: { whatItDoes: '', whyBadForMemory: '', example: '', useInstead: '', fixSafety: '' },
  visits: [],
  check: () => undefined,
};
