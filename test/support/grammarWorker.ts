// A worker script for test/document/compiledGrammar.test.ts: builds its parser
// from the compiled grammar it is given, and answers with what it was given
// and the tree it parsed.
import { parentPort, workerData } from 'node:worker_threads';
import { type CompiledGrammar, parse, pythonParser } from '../../server/src/document/parser';

const { grammar, text } = workerData as { grammar: CompiledGrammar; text: string };

void pythonParser(grammar).then((parser) => {
  const tree = parse(parser, text);
  parentPort?.postMessage({
    given: [grammar.runtime, grammar.python].map((module) => Object.prototype.toString.call(module)),
    tree: tree.rootNode.toString(),
  });
  tree.delete();
});
