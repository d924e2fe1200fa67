// Loads web-tree-sitter and the Python grammar once per process.
// Note: given a JS string, web-tree-sitter parses UTF-16, so node indices and
// point columns are UTF-16 code units: the same unit as LSP positions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

export { Edit } from 'web-tree-sitter';
export type { Node, Point, Tree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** The grammars/ folder: beside dist/ when bundled, two levels up from out/server when compiled. */
function grammarsDir(): string {
  const candidates = [join(__dirname, '..', 'grammars'), join(__dirname, '..', '..', 'grammars')];
  const found = candidates.find((dir) => existsSync(join(dir, 'tree-sitter-python.wasm')));
  if (!found) {
    throw new Error(`tree-sitter-python.wasm not found in ${candidates.join(' or ')}; run "npm run build"`);
  }
  return found;
}

async function createParser(): Promise<Parser> {
  const dir = grammarsDir();
  await Parser.init({ locateFile: (file: string) => join(dir, file) });
  const python = await Language.load(join(dir, 'tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(python);
  return parser;
}

/** The shared Python parser; initialised on first use. */
export function pythonParser(): Promise<Parser> {
  ready ??= createParser();
  return ready;
}

/** Parses text, reusing oldTree (already edited) for an incremental parse. */
export function parse(parser: Parser, text: string, oldTree?: Tree): Tree {
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
