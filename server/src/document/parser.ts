// Loads web-tree-sitter and the Python grammar once per process.
// Note: given a JS string, web-tree-sitter parses UTF-16, so node indices and
// point columns are UTF-16 code units: the same unit as LSP positions.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

export { Edit } from 'web-tree-sitter';
export type { Node, Tree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** The grammars/ folder of the package: beside dist/ when bundled, further up when compiled to out/. */
function grammarsDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'grammars');
    if (existsSync(join(candidate, 'tree-sitter-python.wasm'))) return candidate;
  }
  throw new Error(`grammars/tree-sitter-python.wasm not found above ${__dirname}; run "npm run build"`);
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

/**
 * A new parser in place of one that faulted: after an error inside its WASM
 * code a parser stays unusable. Later pythonParser() calls get the new one.
 */
export function renewPythonParser(broken: Parser): Parser {
  const parser = new Parser();
  parser.setLanguage(broken.language);
  ready = Promise.resolve(parser);
  return parser;
}

/** Parses text, reusing oldTree (already edited) for an incremental parse. */
export function parse(parser: Parser, text: string, oldTree?: Tree): Tree {
  const seen = treeSitterText(text);
  const tree = parser.parse(seen, oldTree ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return seen === text ? tree : readingText(tree, (index) => text.slice(index));
}

const LONE_CR = /\r(?!\n)/;
const LONE_CRS = /\r(?!\n)/g;

/**
 * The text as tree-sitter is given it: a lone "\r" ends a line for Python (a
 * classic Mac file runs as written) and for LSP positions, but the grammar's
 * scanner takes it for blanks, and a file of such lines for one broken line.
 * Read as "\n", one code unit for one, offsets stay and rows agree with LSP lines.
 */
export function treeSitterText(text: string): string {
  return LONE_CR.test(text) ? text.replace(LONE_CRS, '\n') : text;
}

/**
 * Gives a tree parsed from treeSitterText's copy the document's own text
 * back: nodes read their text (node.text) through the reader their parse
 * read, and a fix made of a node's text must keep the document's line ends.
 * web-tree-sitter keeps that reader on the tree as `textCallback` (its copies
 * and edits pass it on); test/document/loneCarriageReturn.test.ts checks it.
 */
export function readingText(tree: Tree, read: (index: number) => string): Tree {
  (tree as unknown as { textCallback: (index: number) => string }).textCallback = read;
  return tree;
}
