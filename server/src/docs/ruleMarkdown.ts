// A rule's documentation page in Markdown, laid out as Ruff's rule pages are.
// docs/rules/<code>.md and `memhints rule <code>` both print it.
import type { FixAvailability, Rule } from '../rules/types';

const FIX_AVAILABILITY: Readonly<Record<FixAvailability, string>> = {
  always: 'Fix is always available.',
  sometimes: 'Fix is sometimes available.',
  none: 'Fix is not available.',
};

export function fixAvailabilityText(availability: FixAvailability): string {
  return FIX_AVAILABILITY[availability];
}

export function ruleMarkdown(rule: Rule): string {
  const { docs } = rule;
  const sections = [
    `# ${rule.name} (${rule.code})`,
    sentence(rule.summary),
    `Default severity: ${rule.defaultSeverity} at data scale, at most information where the scale is unknown, and a hint (reported only on request) where it is small. ${fixAvailabilityText(rule.fixAvailability)}`,
    '## What it does',
    docs.whatItDoes,
    '## Why is this bad for memory?',
    docs.whyBadForMemory,
    '## Example',
    pythonBlock(docs.example),
    '## Use instead',
    pythonBlock(docs.useInstead),
    '## Fix safety',
    docs.fixSafety,
    '## Options',
    docs.options ?? noOptions(rule.code),
  ];
  return `${sections.join('\n\n')}\n`;
}

function noOptions(code: string): string {
  return `None of its own. Turn the rule off with \`memhints.ignore\` in VS Code or \`memhints check --ignore ${code}\`, or silence one line with \`# noqa: ${code}\`.`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Blank lines inside examples may carry indentation; it means nothing in Python and only makes trailing spaces. */
function pythonBlock(code: string): string {
  const lines = code.split('\n').map((line) => line.trimEnd());
  return ['```python', ...lines, '```'].join('\n');
}
