// Fixes applied one at a time, in a given order, the rules run again on the
// text after each: a fix whose finding is gone (another fix took its code
// with it) is passed over, and fixes that only the changed text shows are
// applied after, one at a time, until none is left. Every fix applied is a
// step, with the text before and after it.
import { applyEdits, mapOffset } from './positions.mjs';

/** More steps than this for one document means the fixes do not settle. */
const STEP_LIMIT = 200;

/**
 * Applies `fixes` (those of the original texts) in `order` (indices into
 * `fixes`), then whatever is left. Resolves to `{ texts, steps, passedOver, settled }`.
 */
export function fixOneByOne(engine, kind, originalTexts, fixes, order) {
  const texts = [...originalTexts];
  const applied = originalTexts.map(() => []);
  const steps = [];
  let passedOver = 0;
  const apply = (fix, revealed) => {
    const before = texts[fix.unit];
    texts[fix.unit] = applyEdits(before, fix.edits);
    applied[fix.unit].push(fix.edits);
    steps.push({ fix, before, after: texts[fix.unit], revealed });
  };
  for (const index of order) {
    const wanted = fixes[index];
    const start = applied[wanted.unit].reduce((offset, edits) => mapOffset(edits, offset), wanted.start);
    const current = engine.fixesIn(kind, texts) ?? [];
    const found = current.find((fix) => fix.code === wanted.code && fix.unit === wanted.unit && fix.start === start);
    if (found) apply(found, false);
    else passedOver++;
  }
  while (steps.length < STEP_LIMIT) {
    const [next] = (engine.fixesIn(kind, texts) ?? []).sort((a, b) => a.unit - b.unit || a.start - b.start);
    if (!next) return { texts, steps, passedOver, settled: true };
    apply(next, true);
  }
  return { texts, steps, passedOver, settled: false };
}

/** `count` orders of `n` fixes: document order, its reverse, then seeded shuffles. */
export function ordersOf(n, count, random) {
  const forward = [...Array(n).keys()];
  const orders = [forward, [...forward].reverse()];
  while (orders.length < count) {
    const shuffled = [...forward];
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    orders.push(shuffled);
  }
  return orders.slice(0, count);
}
