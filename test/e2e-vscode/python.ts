// Figures the hover scenarios compare against, from the real python3.
import { execFileSync } from 'node:child_process';

/** What CPython itself says `expression` takes, in bytes (sys.getsizeof). */
export function pythonSizeOf(expression: string): number {
  return Number(
    execFileSync('python3', ['-c', `import sys; print(sys.getsizeof(${expression}))`], { encoding: 'utf8' }).trim(),
  );
}

/** `text` with digit grouping taken out of its numbers (8,056 -> 8056), as hovers may group them. */
export function withoutDigitGrouping(text: string): string {
  return text.replace(/(\d)[,\u00a0\u202f ](?=\d{3}\b)/g, '$1');
}
