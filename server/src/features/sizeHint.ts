// One size hint: the total's figure after the code, and the hover's first line
// as its tooltip, so that the two say the same thing in the same words.
import { InlayHintKind, MarkupKind, type InlayHint, type Position } from 'vscode-languageserver';
import type { CPythonLayout } from '../sizes/cpython';
import { totalFigure } from '../sizes/format';
import { estimatedFor, headlineMarkdown, type Headline } from './sizeHeadline';

/** Whether a headline's total is a figure above the threshold (a formula has no figure to compare). */
export function isOverThreshold(headline: Headline, threshold: number): boolean {
  return headline.total.size.perCount === undefined && headline.total.size.bytes > threshold;
}

/** The hint after code whose headline is `headline`: its figure, and the headline as the tooltip. */
export function sizeHint(position: Position, headline: Headline, layout: CPythonLayout): InlayHint {
  return {
    position,
    label: `${totalFigure(headline.total)}${headline.qualifier ? ` ${headline.qualifier}` : ''}`,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    tooltip: { kind: MarkupKind.Markdown, value: `${headlineMarkdown(headline, layout)}\n\n${estimatedFor(layout)}` },
  };
}
