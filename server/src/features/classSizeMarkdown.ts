// Hover Markdown for a class: bytes per instance as written and with `__slots__`.
import type { CPythonLayout } from '../sizes/cpython';
import { bytesWithExact, shortBytes } from '../sizes/format';
import type { InstanceSizes } from '../estimates/instanceSizes';

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
  const approximate = layout.measured ? '' : '≈ ';
  const lines = [`**\`${shape.name}\`: instances with ${names(shape.attributes)}**, estimated for ${layout.label}`, ''];
  const slotsCode = shape.dataclass ? '`@dataclass(slots=True)`' : '`__slots__`';
  if (shape.slotted) {
    lines.push(
      `- **Per instance:** ${approximate}${bytesWithExact(withSlots)}: the attributes live in slots (${slotsCode}), no \`__dict__\``,
    );
    if (withDict !== undefined) lines.push(`- **Without slots:** ${approximate}${bytesWithExact(withDict)} each`);
  } else {
    lines.push(
      withDict === undefined
        ? `- **Per instance:** an object plus a dict of its own (too many attributes to share keys)`
        : `- **Per instance:** ${approximate}${bytesWithExact(withDict)}: the object and the array its attribute values live in`,
    );
    const saving =
      withDict === undefined ? '' : `, ${shortBytes((withDict - withSlots) * MANY)} less per million instances`;
    lines.push(`- **Cheaper:** ${slotsCode}: ${approximate}${bytesWithExact(withSlots)} each${saving}`);
  }
  lines.push(
    '',
    '_Bytes per instance once a program has made many (tracemalloc), not counting the attribute values themselves._',
  );
  return lines.join('\n');
}
