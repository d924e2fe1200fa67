// Which top-level chunks of the new text are unchanged chunks of the old one.
// The pairs keep their order (a common subsequence of the two key lists), so
// a reused chunk sees every unchanged chunk on the same side of it as before.

/** For each new key, the index of the old key it keeps, or undefined for new text. */
export function unchangedChunks(oldKeys: readonly string[], newKeys: readonly string[]): (number | undefined)[] {
  const matches: (number | undefined)[] = new Array<number | undefined>(newKeys.length).fill(undefined);
  let prefix = 0;
  while (prefix < oldKeys.length && prefix < newKeys.length && oldKeys[prefix] === newKeys[prefix]) {
    matches[prefix] = prefix;
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < oldKeys.length - prefix &&
    suffix < newKeys.length - prefix &&
    oldKeys[oldKeys.length - 1 - suffix] === newKeys[newKeys.length - 1 - suffix]
  ) {
    matches[newKeys.length - 1 - suffix] = oldKeys.length - 1 - suffix;
    suffix++;
  }
  // In between (several places edited at once, or text moved): the first old
  // chunk of the same key after the last one kept.
  const oldByKey = new Map<string, number[]>();
  for (let i = prefix; i < oldKeys.length - suffix; i++) {
    const list = oldByKey.get(oldKeys[i]!);
    if (list) list.push(i);
    else oldByKey.set(oldKeys[i]!, [i]);
  }
  let lastKept = prefix - 1;
  for (let j = prefix; j < newKeys.length - suffix; j++) {
    const candidates = oldByKey.get(newKeys[j]!);
    while (candidates && candidates.length > 0 && candidates[0]! <= lastKept) candidates.shift();
    const kept = candidates?.shift();
    if (kept !== undefined) {
      matches[j] = kept;
      lastKept = kept;
    }
  }
  return matches;
}
