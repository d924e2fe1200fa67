// What `memhints check` does with a file's text, file reading aside: the
// limits it checks before parsing, then the parse and the analysis.
import type { Parser } from 'web-tree-sitter';
import { lintText } from '../server/src/cli/lint';
import { DEFAULT_MAX_FILE_SIZE, whyNotParsed } from '../server/src/document/limits';
import { ALL_RULES } from '../server/src/rules';

/** How many findings the text holds (so that the work cannot be skipped); 0 for a text the CLI would not check. */
export function findingsInText(parser: Parser, text: string): number {
  if (whyNotParsed(text, DEFAULT_MAX_FILE_SIZE)) return 0;
  return lintText(parser, text, { rules: ALL_RULES, ignoreNoqa: false }).length;
}
