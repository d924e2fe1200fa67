// Tables of rules: the index page docs/rules/README.md and the table in the repository README.
import type { FixAvailability, Rule } from '../rules/types';

/** Rule families by the first digit of the code, as in RULES.md. */
const FAMILIES: Readonly<Record<string, string>> = {
  '1': 'Materialisation where a lazy form would do',
  '2': 'Growth and accumulation',
  '3': 'Per-object overhead',
  '4': 'pandas and numpy',
  '5': 'PyTorch',
};

const FIX_COLUMN: Readonly<Record<FixAvailability, string>> = {
  always: 'always',
  sometimes: 'sometimes',
  none: '—',
};

/** The rows of a table linking each code to its page; `pages` is the path from the table to docs/rules/. */
export function rulesTable(rules: readonly Rule[], pages: string): string {
  const rows = rules.map(
    (rule) =>
      `| [${rule.code}](${pages}${rule.code}.md) | ${cell(rule.name)} | ${cell(rule.summary)} | ${FIX_COLUMN[rule.fixAvailability]} |`,
  );
  return ['| code | name | what it flags | fix |', '|---|---|---|---|', ...rows].join('\n');
}

export function rulesIndexMarkdown(rules: readonly Rule[]): string {
  const families = new Map<string, Rule[]>();
  for (const rule of rules) {
    const family = rule.code.charAt(3);
    families.set(family, [...(families.get(family) ?? []), rule]);
  }
  const sections = [...families].map(
    ([digit, members]) => `## MEM${digit}xx: ${FAMILIES[digit] ?? 'other rules'}\n\n${rulesTable(members, '')}`,
  );
  const intro = [
    '# Rules',
    'Every rule memhints checks, by family. Each page says what the rule flags, what the pattern costs in memory, an example and its fix, and whether the fix is safe.',
    '"fix" tells whether findings come with a fix: on every finding (always), on some (sometimes), or never (—). `memhints rule CODE` prints a page in the terminal.',
  ];
  return `${[...intro, ...sections].join('\n\n')}\n`;
}

/** Pipes would end the cell early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
