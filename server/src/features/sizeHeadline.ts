// The first line of every size hover, and the tooltip of the inlay hint beside
// the same code: the total a user would measure, then what it is.
// "**34.3 MiB** (36000056 bytes) — a list of 1,000,000 items",
// "**84 + 8·k B**, k = `len(rows)` — a list of k items".
import type { CPythonLayout } from '../sizes/cpython';
import { countDefinitions, exactFigure, totalFigure, type NamedCount, type Total } from '../sizes/format';
import type { Estimate } from '../sizes/sizeEstimate';
import { estimateTotal } from '../sizes/total';

const MAX_CODE_LENGTH = 60;

/** Inline code, or nothing when the text would not read well inline. */
export function inlineCode(text: string): string | undefined {
  if (text.length > MAX_CODE_LENGTH || /[`\r\n]/.test(text)) return undefined;
  return `\`${text}\``;
}

export interface Headline {
  readonly total: Total;
  /** What it is, in words: "a list of 1,000,000 items". */
  readonly what: string;
  /** Words that belong with the figure: "as loaded", "per instance". */
  readonly qualifier?: string;
  /** What the names of the total's count are bound to. */
  readonly bindings?: readonly NamedCount[];
}

/** The headline of an estimate: its total, and what it is (saying so when its items are left out). */
export function estimateHeadline(
  estimate: Estimate,
  layout: CPythonLayout,
  bindings: readonly NamedCount[] = [],
): Headline {
  const total = estimateTotal(estimate, layout);
  const what = total.atLeast ? `${estimate.what}, not counting its items (the code does not show them)` : estimate.what;
  return { total, what, bindings };
}

/** The headline in Markdown; exact totals get their bytes where the model was checked against the interpreter. */
export function headlineMarkdown(headline: Headline, layout: CPythonLayout): string {
  const { total, what, qualifier, bindings } = headline;
  const definitions = countDefinitions(total.size, bindings, (code) => inlineCode(code) ?? 'its assignment');
  const figure = `**${totalFigure(total)}${qualifier ? ` ${qualifier}` : ''}**${exactFigure(total, layout.measured)}`;
  return `${[figure, ...definitions].join(', ')} — ${what}`;
}

/** The last line of a size hover: which interpreter the figures are for, after what else they assume. */
export function estimatedFor(layout: CPythonLayout, also = '', assuming = ''): string {
  return `_${assuming ? `${assuming} ` : ''}Estimated for ${layout.label}${also}._`;
}
