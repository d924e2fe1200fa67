// The parser the figures are for: web-tree-sitter's runtime and the Python
// grammar as grammars.lock.json pins them (the build checks that the installed
// packages match). Parse speed differs by several percent between releases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ParserVersions {
  readonly webTreeSitter: string;
  readonly pythonGrammar: string;
}

type Lock = Record<string, { readonly version?: unknown } | undefined>;

export function parserVersions(repoRoot: string): ParserVersions {
  const lockPath = join(repoRoot, 'grammars', 'grammars.lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as Lock;
  const pinned = (file: string): string => {
    const version = lock[file]?.version;
    if (typeof version !== 'string') throw new Error(`${lockPath} pins no version for ${file}`);
    return version;
  };
  return { webTreeSitter: pinned('web-tree-sitter.wasm'), pythonGrammar: pinned('tree-sitter-python.wasm') };
}
