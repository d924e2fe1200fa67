// How a bundle says that its run has done the work worth caching the code of
// (a check, a document's first diagnostics) to the loader that ran it
// (runBundle). The two are bundled apart, so they meet on a global, by a
// registered symbol; run otherwise (tests, a bundle required directly), there
// is no one to tell and an offer does nothing.
const SAVE = Symbol.for('memhints.saveCodeCache');

type Holder = { [SAVE]?: () => void };

/** Called by the loader: `save` writes the cache, once, when the bundle offers it. */
export function onCodeCacheOffer(save: () => void): void {
  (globalThis as Holder)[SAVE] = save;
}

/** Called by the bundle when its run has compiled what later runs need. Never throws. */
export function offerCodeCache(): void {
  const holder = globalThis as Holder;
  const save = holder[SAVE];
  if (!save) return;
  delete holder[SAVE];
  try {
    save();
  } catch {
    // The cache is a help, never a reason for a run to fail.
  }
}
