// `--diff`: a unified diff (as `diff -u` prints it, three lines of context) of
// the fixed text against the original, from a line-level Myers diff.

const CONTEXT = 3;

type Operation = { readonly kind: ' ' | '-' | '+'; readonly line: string };

export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const operations = lineOperations(splitLines(before), splitLines(after));
  let output = `--- ${path}\n+++ ${path}\n`;
  for (const hunk of hunks(operations)) output += hunk;
  return output;
}

/** Lines with their line endings, so a changed ending shows as a changed line. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The shortest edit script (Myers, 1986); step d keeps only the 2d + 1 diagonals it can reach. */
function lineOperations(a: readonly string[], b: readonly string[]): Operation[] {
  const trace: Int32Array[] = [];
  for (let d = 0; d <= a.length + b.length; d++) {
    const previous = trace[d - 1];
    const v = new Int32Array(2 * d + 1);
    trace.push(v);
    for (let k = -d; k <= d; k += 2) {
      let x =
        previous === undefined
          ? 0
          : comesFromAbove(previous, d, k)
            ? furthest(previous, d - 1, k + 1)
            : furthest(previous, d - 1, k - 1) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + d] = x;
      if (x >= a.length && y >= b.length) return backtrack(trace, a, b);
    }
  }
  throw new Error('unreachable: an edit script never needs more than a.length + b.length steps');
}

/** The furthest x reached on diagonal k after step d. */
function furthest(v: Int32Array, d: number, k: number): number {
  return v[k + d]!;
}

/** Whether diagonal k at step d continues from k + 1 (an insertion) rather than k - 1 (a deletion). */
function comesFromAbove(previous: Int32Array, d: number, k: number): boolean {
  return k === -d || (k !== d && furthest(previous, d - 1, k - 1) < furthest(previous, d - 1, k + 1));
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[]): Operation[] {
  const reversed: Operation[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!;
    const k = x - y;
    const previousK = comesFromAbove(previous, d, k) ? k + 1 : k - 1;
    const previousX = furthest(previous, d - 1, previousK);
    const previousY = previousX - previousK;
    for (; x > previousX && y > previousY; x--, y--) reversed.push({ kind: ' ', line: a[x - 1]! });
    if (x === previousX) reversed.push({ kind: '+', line: b[--y]! });
    else reversed.push({ kind: '-', line: a[--x]! });
  }
  for (; x > 0; x--) reversed.push({ kind: ' ', line: a[x - 1]! });
  return reversed.reverse();
}

function* hunks(operations: readonly Operation[]): Generator<string> {
  const changed = operations.flatMap((operation, index) => (operation.kind === ' ' ? [] : [index]));
  // Line numbers before each operation, in the old and new text.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 0;
  let n = 0;
  for (const operation of operations) {
    oldLine.push(o);
    newLine.push(n);
    if (operation.kind !== '+') o++;
    if (operation.kind !== '-') n++;
  }
  for (let i = 0; i < changed.length; ) {
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - changed[j]! <= 2 * CONTEXT + 1) j++;
    const from = Math.max(0, changed[i]! - CONTEXT);
    const to = Math.min(operations.length, changed[j]! + CONTEXT + 1);
    const slice = operations.slice(from, to);
    const oldCount = slice.filter((operation) => operation.kind !== '+').length;
    const newCount = slice.filter((operation) => operation.kind !== '-').length;
    // As diff -u does, an empty side is numbered by the line before it.
    const oldStart = oldCount === 0 ? oldLine[from]! : oldLine[from]! + 1;
    const newStart = newCount === 0 ? newLine[from]! : newLine[from]! + 1;
    let hunk = `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`;
    for (const operation of slice) {
      hunk += `${operation.kind}${operation.line.replace(/\n$/, '')}\n`;
      if (!operation.line.endsWith('\n')) hunk += '\\ No newline at end of file\n';
    }
    yield hunk;
    i = j + 1;
  }
}
