// Loads web-tree-sitter and the Python grammar once per thread, from WASM
// modules compiled once per process (compiledGrammar), which the worker
// threads are given rather than compiling them again.
// Note: given a JS string, web-tree-sitter parses UTF-16, so node indices and
// point columns are UTF-16 code units: the same unit as LSP positions.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

export { Edit } from 'web-tree-sitter';
export type { Node, Tree } from 'web-tree-sitter';

/** A compiled WebAssembly.Module. TypeScript declares the WebAssembly API with the DOM's types only, which this project leaves out. */
type WasmModule = object & { readonly __wasm?: 'module' };
declare const WebAssembly: {
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Instance: new (module: WasmModule, imports: object) => object;
};

/**
 * web-tree-sitter's runtime and the Python grammar, compiled. A compiled
 * WebAssembly.Module sent to a worker thread (workerData, postMessage) shares
 * its code, so a worker given these compiles neither, nor tiers up alone the
 * functions another thread has made hot.
 */
export interface CompiledGrammar {
  /** web-tree-sitter.wasm, instantiated as it is (Parser.init's instantiateWasm). */
  readonly runtime: WasmModule;
  /**
   * tree-sitter-python.wasm. web-tree-sitter loads a language from its bytes
   * only; V8 keeps one compiled copy of a module per process, found by its
   * bytes while a thread holds it, so this one is held for pythonBytes' sake.
   */
  readonly python: WasmModule;
  readonly pythonBytes: Uint8Array;
}

let compiled: CompiledGrammar | undefined;
let ready: Promise<Parser> | undefined;

/** The grammars/ folder of the package: beside dist/ when bundled, further up when compiled to out/. */
function grammarsDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'grammars');
    if (existsSync(join(candidate, 'tree-sitter-python.wasm'))) return candidate;
  }
  throw new Error(`grammars/tree-sitter-python.wasm not found above ${__dirname}; run "npm run build"`);
}

/**
 * This process's compiled grammar, compiled on first use. Compiled at once,
 * on this thread: V8 compiles a module's functions lazily, when first called,
 * so compiling is decoding and validating it, a few milliseconds, and waits
 * for no other thread (as asynchronous compiling would, on a busy machine).
 */
export function compiledGrammar(): CompiledGrammar {
  if (!compiled) {
    const dir = grammarsDir();
    const pythonBytes = readFileSync(join(dir, 'tree-sitter-python.wasm'));
    compiled = {
      runtime: new WebAssembly.Module(readFileSync(join(dir, 'web-tree-sitter.wasm'))),
      python: new WebAssembly.Module(pythonBytes),
      pythonBytes,
    };
  }
  return compiled;
}

async function createParser(grammar: CompiledGrammar): Promise<Parser> {
  await Parser.init({
    // Emscripten's hook for instantiating the runtime itself: from the compiled module, with the imports it is given.
    instantiateWasm: (imports: object, receive: (instance: object, module: WasmModule) => void) => {
      receive(new WebAssembly.Instance(grammar.runtime, imports), grammar.runtime);
      return {};
    },
  });
  const python = await Language.load(grammar.pythonBytes);
  const parser = new Parser();
  parser.setLanguage(python);
  return parser;
}

/**
 * This thread's Python parser, made on first use from `grammar` (a worker
 * thread's is given by the thread that started it), else from this process's.
 */
export function pythonParser(grammar?: CompiledGrammar): Promise<Parser> {
  ready ??= createParser(grammar ?? compiledGrammar());
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
