// An estimate as hover Markdown: what the expression makes, its shallow and
// deep sizes with what each part is, and the cheaper alternative.
import type { CountBinding } from '../estimates/countBindings';
import type { CPythonLayout } from '../sizes/cpython';
import type { Estimate } from '../estimates/estimate';
import { formatPart, formatSize } from '../sizes/format';
import { isSmaller } from '../sizes/size';
import type { Alternative, Part } from '../sizes/sizeEstimate';

const MAX_CODE_LENGTH = 60;

/** Inline code, or nothing when the text would not read well inline. */
export function inlineCode(text: string): string | undefined {
  if (text.length > MAX_CODE_LENGTH || /[`\r\n]/.test(text)) return undefined;
  return `\`${text}\``;
}

function partsText(parts: readonly Part[]): string {
  return parts.map((part) => `${formatPart(part.size)} ${part.label}`).join(' + ');
}

function deepLine(estimate: Estimate): string {
  if (!estimate.deep) return '- **Deep:** unknown: the size model cannot tell what the items are';
  if (estimate.deepParts.length === 0) return `- **Deep:** ${formatSize(estimate.deep)}: it holds no other objects`;
  return `- **Deep:** ${formatSize(estimate.deep)}: the ${estimate.kind} + ${partsText(estimate.deepParts)}`;
}

/** One list item; code too long to read inline follows in a block of its own. */
function alternativeLine(alternative: Alternative, estimate: Estimate): string {
  const code = inlineCode(alternative.code);
  const label = isSmaller(alternative.size, estimate.deep ?? estimate.shallow) ? 'Cheaper' : 'Alternative';
  if (code) return `- **${label}:** ${code}: ${formatSize(alternative.size)}, ${alternative.what}`;
  const block = /[\r\n]|```/.test(alternative.code) ? '' : `\n  \`\`\`python\n  ${alternative.code}\n  \`\`\``;
  return `- **${label}:** ${formatSize(alternative.size)}, ${alternative.what}${block}`;
}

/** ", n = `len(rows)`": what the names of a formula's count are bound to. */
function bindingsText(bindings: readonly CountBinding[]): string {
  return bindings.map(({ name, expression }) => `, ${name} = ${inlineCode(expression) ?? 'its assignment'}`).join('');
}

export function sizeMarkdown(
  source: string,
  estimate: Estimate,
  layout: CPythonLayout,
  bindings: readonly CountBinding[] = [],
): string {
  const code = inlineCode(source);
  const lines = [`**${code ? `${code}: ` : ''}${estimate.what}**, estimated for ${layout.label}`, ''];
  const shallowParts = estimate.shallowParts.length > 1 ? `: ${partsText(estimate.shallowParts)}` : '';
  lines.push(
    `- **Shallow** (\`sys.getsizeof\`): ${formatSize(estimate.shallow)}${bindingsText(bindings)}${shallowParts}`,
  );
  lines.push(deepLine(estimate));
  for (const alternative of [
    ...(estimate.alternative ? [estimate.alternative] : []),
    ...(estimate.compactForms ?? []),
  ]) {
    lines.push(alternativeLine(alternative, estimate));
  }
  if (estimate.notes.length > 0) lines.push('', ...estimate.notes.map((note) => `_${note}_`));
  return lines.join('\n');
}
