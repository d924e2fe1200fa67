// An estimate as hover Markdown: what the expression makes, its shallow and
// deep sizes with what each part is, and the cheaper alternative.
import type { CPythonLayout } from '../sizes/cpython';
import type { Estimate } from '../sizes/estimate';
import { formatPart, formatSize } from '../sizes/format';
import type { Size } from '../sizes/size';
import type { Part } from '../sizes/types';

const MAX_CODE_LENGTH = 60;

/** Inline code, or nothing when the text would not read well inline. */
function inlineCode(text: string): string | undefined {
  if (text.length > MAX_CODE_LENGTH || /[`\r\n]/.test(text)) return undefined;
  return `\`${text}\``;
}

function partsText(parts: readonly Part[]): string {
  return parts.map((part) => `${formatPart(part.size)} ${part.label}`).join(' + ');
}

/** Whether a is known to be smaller than b (for sizes that grow with the same count, compare the growth first). */
function isSmaller(a: Size, b: Size): boolean {
  const growthA = a.perCount?.bytes ?? 0;
  const growthB = b.perCount?.bytes ?? 0;
  if (a.perCount && b.perCount && a.perCount.count !== b.perCount.count) return false;
  return growthA !== growthB ? growthA < growthB : a.bytes < b.bytes;
}

function deepLine(estimate: Estimate): string {
  if (!estimate.deep) return '- **Deep:** unknown: the size model cannot tell what the items are';
  if (estimate.deepParts.length === 0) return `- **Deep:** ${formatSize(estimate.deep)}: it holds no other objects`;
  return `- **Deep:** ${formatSize(estimate.deep)}: the ${estimate.kind} + ${partsText(estimate.deepParts)}`;
}

export function sizeMarkdown(source: string, estimate: Estimate, layout: CPythonLayout): string {
  const code = inlineCode(source);
  const lines = [`**${code ? `${code}: ` : ''}${estimate.what}**, estimated for ${layout.label}`, ''];
  const shallowParts = estimate.shallowParts.length > 1 ? `: ${partsText(estimate.shallowParts)}` : '';
  lines.push(`- **Shallow** (\`sys.getsizeof\`): ${formatSize(estimate.shallow)}${shallowParts}`);
  lines.push(deepLine(estimate));
  const alternative = estimate.alternative;
  if (alternative) {
    const alternativeCode = inlineCode(alternative.code) ?? 'the alternative';
    const label = isSmaller(alternative.size, estimate.deep ?? estimate.shallow) ? 'Cheaper' : 'Alternative';
    lines.push(`- **${label}:** ${alternativeCode}: ${formatSize(alternative.size)}, ${alternative.what}`);
  }
  if (estimate.notes.length > 0) lines.push('', ...estimate.notes.map((note) => `_${note}_`));
  return lines.join('\n');
}
