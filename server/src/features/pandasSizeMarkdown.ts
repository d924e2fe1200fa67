// Hover Markdown for a Series or DataFrame: what pandas' memory_usage(deep=True)
// sums first, then the parts it counts and what sys.getsizeof adds. Where an
// object column's items are not in the code, the total is a lower bound.
import type { CPythonLayout } from '../sizes/cpython';
import { exactFigure, shortBytes } from '../sizes/format';
import { memoryUsage, PANDAS_VERSION, pandasSize, type PandasFrame } from '../sizes/pandas';
import { countedParts, describeFrame, overheadPart, unknownColumns, type FramePart } from '../sizes/pandasDescribe';
import { exactSize } from '../sizes/size';
import { estimatedFor, headlineMarkdown } from './sizeHeadline';

function partLine(part: FramePart): string {
  return `- ${part.bytes === undefined ? 'unknown:' : shortBytes(part.bytes)} ${part.label}`;
}

function unknownObjects(frame: PandasFrame): string {
  const names = unknownColumns(frame).map((column) =>
    column.label === undefined ? 'the values' : `\`${column.label}\``,
  );
  return `not counting the objects of ${names.join(', ')} (the code does not show them)`;
}

export function pandasSizeMarkdown(frame: PandasFrame, layout: CPythonLayout): string {
  const parts = countedParts(layout, frame);
  const counted = memoryUsage(layout, frame);
  const known = parts.reduce((total, part) => total + (part.bytes ?? 0), 0);
  const total = { size: exactSize(counted ?? known), atLeast: counted === undefined };
  const what = counted === undefined ? `${describeFrame(frame)}, ${unknownObjects(frame)}` : describeFrame(frame);
  const overhead = overheadPart(layout, frame);
  const size = pandasSize(layout, frame);
  const sum =
    size === undefined
      ? ''
      : `: ${shortBytes(size)}${exactFigure({ size: exactSize(size), atLeast: false }, layout.measured)}`;
  const getsizeof = `- \`sys.getsizeof\` adds ${shortBytes(overhead.bytes!)} for the ${frame.kind} object${sum}`;
  return [
    headlineMarkdown({ total, what }, layout),
    [...parts.map(partLine), getsizeof].join('\n'),
    estimatedFor(layout, ` and pandas ${PANDAS_VERSION}, as \`memory_usage(deep=True).sum()\` counts`),
  ].join('\n\n');
}
