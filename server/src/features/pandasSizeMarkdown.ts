// Hover Markdown for a Series or DataFrame: its size as pandas accounts for
// it, what pandas counts part by part, and what sys.getsizeof adds; "unknown"
// where an object column's items are not in the code.
import type { CPythonLayout } from '../sizes/cpython';
import { bytesWithExact, shortBytes } from '../sizes/format';
import { memoryUsage, PANDAS_VERSION, pandasSize, type PandasFrame } from '../sizes/pandas';
import {
  accountingNote,
  countedParts,
  describeBlocks,
  describeFrame,
  overheadPart,
  unknownColumns,
  type FramePart,
} from '../sizes/pandasDescribe';
import { inlineCode } from './sizeMarkdown';

function partLine(part: FramePart): string {
  return `  - ${part.bytes === undefined ? 'unknown:' : shortBytes(part.bytes)} ${part.label}`;
}

function unknownReason(frame: PandasFrame): string {
  const names = unknownColumns(frame).map((column) =>
    column.label === undefined ? 'the values' : `\`${column.label}\``,
  );
  return `unknown: pandas counts every object of ${names.join(', ')} (memory_usage(deep=True)), and the code does not show what they all are`;
}

export function pandasSizeMarkdown(source: string, frame: PandasFrame, layout: CPythonLayout): string {
  const code = inlineCode(source);
  const size = pandasSize(layout, frame);
  const counted = memoryUsage(layout, frame);
  const overhead = overheadPart(layout, frame);
  const blocks = describeBlocks(frame);
  const lines = [
    `**${code ? `${code}: ` : ''}${describeFrame(frame)}**, estimated for ${layout.label} and pandas ${PANDAS_VERSION}`,
    '',
  ];
  lines.push(`- **Size** (\`sys.getsizeof\`): ${size === undefined ? unknownReason(frame) : bytesWithExact(size)}`);
  lines.push(
    `- **Counted by pandas** (\`memory_usage(deep=True)\`): ${counted === undefined ? 'unknown' : bytesWithExact(counted)}`,
  );
  lines.push(...countedParts(layout, frame).map(partLine));
  lines.push(`- **Added by \`sys.getsizeof\`:** ${shortBytes(overhead.bytes!)} ${overhead.label}`);
  lines.push('', `_${accountingNote(frame)}_`);
  if (blocks) lines.push('', `_${blocks}_`);
  return lines.join('\n');
}
