// `memhints rule --all`: the rules in columns (`memhints rule CODE` prints ruleMarkdown's page).
import type { Rule } from '../rules/types';

/** One line per rule: code, name, summary. */
export function ruleList(rules: readonly Rule[]): string {
  const nameWidth = Math.max(...rules.map((rule) => rule.name.length));
  return rules.map((rule) => `${rule.code}  ${rule.name.padEnd(nameWidth)}  ${rule.summary}\n`).join('');
}
