// In the editor a module is parsed in parts (regions of about REGION_LINES
// lines). A question from module-level code in a part not walked yet is
// answered without walking it, where the part can make no scope of its own or
// the code stands outside the scopes it makes; inside a lambda or a
// comprehension, the part is walked and the name found where Python binds it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { OpenDocuments } from '../../server/src/document/documents';
import { pythonParser } from '../../server/src/document/parser';
import { REGION_LINES } from '../../server/src/document/regionBoundaries';
import { Scopes } from '../../server/src/semantics/scopes';

const padding = (tag: string) =>
  Array.from({ length: REGION_LINES }, (_, index) => `${tag}_${index} = ${index}\n`).join('');

/** Three regions: the frame read; code reading it with `for` and `lambda` only in strings and comments; code with a lambda of its own. */
const SOURCE = [
  `frame = load("sales.csv")\n${padding('a')}`,
  `frame["total"].plot(title="data-for-good")  # a lambda here\nfor row in frame.itertuples():\n    print(row)\n${padding('b')}`,
  `frame.apply(lambda frame: frame.sum())\nkept = [frame for frame in parts]\nframe.describe()\n${padding('c')}`,
].join('');

/** The identifiers spelled `name` in the parts, in document order. */
function identifiersSpelled(parts: readonly { readonly root: Node }[], name: string): Node[] {
  return parts.flatMap(({ root }) =>
    root.descendantsOfType('identifier').filter((node): node is Node => node?.text === name),
  );
}

test('module-level code of a part is answered without walking it; a lambda or comprehension in one is walked', async () => {
  const documents = new OpenDocuments(await pythonParser());
  const opened = documents.opened('file:///parts.py', 'python', 1, SOURCE);
  try {
    const { parts } = opened.module;
    assert.ok(parts.length >= 3, `${parts.length} parts`);
    const scopes = new Scopes(opened.module);
    const frames = identifiersSpelled(parts, 'frame');
    const [, plotted, looped] = frames;
    // The walks the questions make, as the offsets of the nodes walked.
    const walked: { start: number; end: number }[] = [];
    const prototype = Object.getPrototypeOf(parts[0]!.root) as { descendantsOfType: (...args: unknown[]) => unknown };
    const original = prototype.descendantsOfType;
    prototype.descendantsOfType = function (this: Node, ...args: unknown[]) {
      walked.push({ start: this.startIndex, end: this.endIndex });
      return original.apply(this, args);
    };
    try {
      for (const read of [plotted!, looped!]) {
        assert.equal(scopes.scopeOf(read).node.type, 'module');
        const found = scopes.lookup('frame', read);
        assert.ok(found && found !== 'unknown');
        assert.deepEqual(
          found.sites.map((site) => site.node.parent?.text),
          ['frame = load("sales.csv")'],
        );
      }
      const walkedOver = (node: Node) =>
        walked.some(({ start, end }) => start <= node.startIndex && node.endIndex <= end);
      assert.equal(walkedOver(plotted!) || walkedOver(looped!), false, 'the code reading the frame was walked');
      assert.ok(walked.length > 0, 'the part binding the frame was walked');
    } finally {
      prototype.descendantsOfType = original;
    }
    // In the third part: the lambda's parameter, the comprehension's variable, then the module's frame again.
    const [applied, parameter, inBody, kept, target, described] = frames.slice(3);
    assert.equal(scopes.scopeOf(applied!).node.type, 'module');
    assert.equal(scopes.scopeOf(inBody!).node.type, 'lambda');
    const fromLambda = scopes.lookup('frame', inBody!);
    assert.ok(fromLambda && fromLambda !== 'unknown');
    assert.equal(fromLambda.scope.node.type, 'lambda');
    assert.equal(fromLambda.sites[0]!.node.id, parameter!.id);
    const fromComprehension = scopes.lookup('frame', kept!);
    assert.ok(fromComprehension && fromComprehension !== 'unknown');
    assert.equal(fromComprehension.scope.node.type, 'list_comprehension');
    assert.ok(target);
    const fromModule = scopes.lookup('frame', described!);
    assert.ok(fromModule && fromModule !== 'unknown');
    assert.equal(fromModule.scope.node.type, 'module');
  } finally {
    documents.closed('file:///parts.py');
  }
});
