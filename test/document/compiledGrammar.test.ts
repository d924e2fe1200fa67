// The grammar's WASM modules are compiled once per process: a worker thread
// is given them compiled (a WebAssembly.Module crosses threads with its code)
// and parses with them as the thread that compiled them does.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { compiledGrammar, parse, pythonParser } from '../../server/src/document/parser';

const TEXT = ['def f(xs):', '    total = sum([x * 2 for x in xs])', '    return total', ''].join('\n');

test('the grammar is compiled once per process, to WebAssembly modules', () => {
  const grammar = compiledGrammar();
  assert.equal(compiledGrammar(), grammar);
  for (const module of [grammar.runtime, grammar.python])
    assert.equal(Object.prototype.toString.call(module), '[object WebAssembly.Module]');
  assert.ok(grammar.pythonBytes.length > 0);
});

test('a worker thread given the compiled grammar parses as this thread does', async () => {
  const here = parse(await pythonParser(), TEXT);
  const expected = here.rootNode.toString();
  here.delete();
  const worker = new Worker(join(__dirname, '..', 'support', 'grammarWorker.js'), {
    workerData: { grammar: compiledGrammar(), text: TEXT },
  });
  const answer = await new Promise<{ given: string[]; tree: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  assert.deepEqual(answer.given, ['[object WebAssembly.Module]', '[object WebAssembly.Module]']);
  assert.equal(answer.tree, expected);
  assert.match(expected, /^\(module \(function_definition/);
});
