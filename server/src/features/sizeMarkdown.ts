// An estimate as hover Markdown: the total first, then what it is made of
// (the object itself, the objects it holds), the forms that are materially
// cheaper, and the estimator's notes. Why CPython lays objects out as it does
// is for docs/sizes.md, not for the hover.
import type { CountBinding } from '../estimates/countBindings';
import type { Estimate } from '../estimates/estimate';
import type { CPythonLayout } from '../sizes/cpython';
import { exactFigure, sizeText, type Total } from '../sizes/format';
import { isMateriallyCheaper, savedSize } from '../sizes/saving';
import type { Size } from '../sizes/size';
import type { Alternative, Part } from '../sizes/sizeEstimate';
import { estimatedFor, estimateHeadline, headlineMarkdown, inlineCode } from './sizeHeadline';

export function sizeMarkdown(
  estimate: Estimate,
  layout: CPythonLayout,
  bindings: readonly CountBinding[] = [],
): string {
  const headline = estimateHeadline(estimate, layout, bindings);
  const { total } = headline;
  const cheaper = cheaperForms(estimate, total);
  const breakdown = [
    ...itselfLine(estimate, layout),
    ...estimate.deepParts.map((part) => `- ${partText(part)}`),
    ...cheaper.map((alternative) => cheaperLine(alternative, total, layout)),
  ];
  const showsCompactForm = cheaper.some((form) => estimate.compactForms?.includes(form));
  const notes = [
    ...estimate.notes,
    ...(showsCompactForm && estimate.compactFormsNote ? [estimate.compactFormsNote] : []),
  ];
  return [
    headlineMarkdown(headline, layout),
    breakdown.join('\n'),
    notes.map((note) => `_${note}_`).join('\n'),
    estimatedFor(layout),
  ]
    .filter((block) => block !== '')
    .join('\n\n');
}

function partText(part: Part): string {
  return `${sizeText(part.size)} ${part.label}`;
}

/** What `sys.getsizeof` says, when the total adds something to it or it is made of parts worth naming. */
function itselfLine(estimate: Estimate, layout: CPythonLayout): string[] {
  if (estimate.deepParts.length === 0 && estimate.shallowParts.length < 2) return [];
  const shallow = `${sizeText(estimate.shallow)}${exactFigure({ size: estimate.shallow, atLeast: false }, layout.measured)}`;
  const parts = estimate.shallowParts.length > 1 ? ` = ${estimate.shallowParts.map(partText).join(' + ')}` : '';
  return [`- The ${estimate.kind} itself (\`sys.getsizeof\`): ${shallow}${parts}`];
}

/** The alternative and the compact forms that save a material share of the total. */
function cheaperForms(estimate: Estimate, total: Total): Alternative[] {
  return [...(estimate.alternative ? [estimate.alternative] : []), ...(estimate.compactForms ?? [])].filter(
    (alternative) => isMateriallyCheaper(alternative.size, total.size),
  );
}

/** One list item; code too long to read inline follows in a block of its own. */
function cheaperLine(alternative: Alternative, total: Total, layout: CPythonLayout): string {
  const saved = total.atLeast ? undefined : savedSize(alternative.size, total.size);
  const figure = `${sizeText(alternative.size)}${exactFigure({ size: alternative.size, atLeast: false }, layout.measured)}${savesText(saved)}`;
  const code = inlineCode(alternative.code);
  if (code) return `- **Cheaper:** ${code}: ${figure} — ${alternative.what}`;
  const block = /[\r\n]|```/.test(alternative.code) ? '' : `\n  \`\`\`python\n  ${alternative.code}\n  \`\`\``;
  return `- **Cheaper:** ${figure} — ${alternative.what}${block}`;
}

function savesText(saved: Size | undefined): string {
  return saved ? `, saves ${sizeText(saved)}` : '';
}
