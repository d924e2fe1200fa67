// Hover Markdown for a class: bytes per instance first, then what `__slots__`
// would make of it, when that saves a material share at a million instances.
import type { CPythonLayout } from '../sizes/cpython';
import { shortBytes, sizeText } from '../sizes/format';
import { isMaterialSaving } from '../sizes/saving';
import { approximateSize, exactSize, type Size } from '../sizes/size';
import type { InstanceSizes } from '../estimates/instanceSizes';
import { estimatedFor, headlineMarkdown } from './sizeHeadline';

/** The scale the saving of `__slots__` is weighed at, and said at. */
const MANY = 1_000_000;

function names(attributes: readonly string[]): string {
  if (attributes.length === 0) return 'no attributes';
  const shown = attributes
    .slice(0, 6)
    .map((name) => `\`${name}\``)
    .join(', ');
  return `${attributes.length} attribute${attributes.length === 1 ? '' : 's'} (${shown}${attributes.length > 6 ? ', …' : ''})`;
}

export function classSizeMarkdown(sizes: InstanceSizes, layout: CPythonLayout): string {
  const { shape, withDict, withSlots } = sizes;
  // Figures for an interpreter the tests did not measure are the model's reading of its sources.
  const size = (bytes: number): Size => (layout.measured ? exactSize(bytes) : approximateSize(bytes));
  const slotsCode = shape.dataclass ? '`@dataclass(slots=True)`' : '`__slots__`';
  const about = `\`${shape.name}\`, ${names(shape.attributes)}`;
  const lines: string[] = [];
  if (shape.slotted) {
    lines.push(
      headlineMarkdown(
        { total: { size: size(withSlots), atLeast: false }, qualifier: 'per instance', what: `${about} in slots` },
        layout,
      ),
    );
    if (withDict !== undefined) lines.push('', `- Without slots: ${sizeText(size(withDict))} per instance`);
  } else {
    lines.push(
      withDict === undefined
        ? `**An object plus a dict of its own per instance** — ${about}: too many attributes to share keys`
        : headlineMarkdown(
            { total: { size: size(withDict), atLeast: false }, qualifier: 'per instance', what: about },
            layout,
          ),
    );
    const saved = withDict === undefined ? undefined : (withDict - withSlots) * MANY;
    if (saved === undefined || isMaterialSaving(saved, withDict! * MANY)) {
      const saving = saved === undefined ? '' : `, saves ${shortBytes(saved)} per million instances`;
      lines.push('', `- **Cheaper:** ${slotsCode}: ${sizeText(size(withSlots))} per instance${saving}`);
    }
  }
  lines.push(
    '',
    estimatedFor(layout, '', 'Once a program has made many (tracemalloc), not counting the attribute values.'),
  );
  return lines.join('\n');
}
