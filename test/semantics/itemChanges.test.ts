import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containersOfAssignedItem, mayChangeAnItem, writesInPlace } from '../../server/src/semantics/itemChanges';
import { withSource } from '../support/tree';

/** Whether the body of `def f(adj, n, u, other)` may change an item of `container` in place. */
async function changesAnItem(body: string, container = 'adj'): Promise<boolean> {
  const text = `def f(adj, n, u, other):\n${body.replace(/^/gm, '    ')}\n`;
  return withSource(text, ({ facts, tree }) => {
    const block = tree.rootNode.namedChild(0)!.childForFieldName('body')!;
    return mayChangeAnItem([block], container.split('.'), facts);
  });
}

test('writing, deleting or handing on an item of an item changes an item', async () => {
  for (const body of [
    'del adj[u][n]',
    'adj[u][n] = 1',
    'adj[u][n] += 1',
    'adj[u][n][0] = 1',
    'adj[u].pop(n)',
    'adj[u].clear()',
    'nbrs = adj[u]',
    'other(adj[u])',
    'adj[u].weight = 2',
  ]) {
    assert.equal(await changesAnItem(body), true, body);
  }
  assert.equal(await changesAnItem('del self.adj[u][n]', 'self.adj'), true);
});

test('reading items changes none, nor do changes elsewhere or in nested functions', async () => {
  for (const body of [
    'print(adj[u][n])',
    'x = adj[u][n] + 1',
    'for v in adj[u]:\n    print(v)',
    'print(len(adj[u]), adj[u].get(n), list(adj[u].items()))',
    'del other[u][n]',
    'def later():\n    del adj[u][n]',
    'adj.pop(u)',
  ]) {
    assert.equal(await changesAnItem(body), false, body);
  }
});

test('the containers a local was assigned an item of, before the place asked about', async () => {
  const source = [
    'def f(adj, graph, n):',
    '    a = adj[n]',
    '    b = graph.adj[n]',
    '    c = adj',
    '    for u in a:',
    '        d = adj[u]',
    '',
  ].join('\n');
  await withSource(source, ({ facts, find }) => {
    const loop = find('for_statement');
    assert.deepEqual(containersOfAssignedItem('a', loop, facts), [['adj']]);
    assert.deepEqual(containersOfAssignedItem('b', loop, facts), [['graph', 'adj']]);
    assert.deepEqual(containersOfAssignedItem('c', loop, facts), []);
    assert.deepEqual(containersOfAssignedItem('d', loop, facts), []);
  });
});

/** Whether the body of `for item, (k, v) in pairs:` writes into anything but its items. */
async function writesElsewhere(body: string): Promise<boolean> {
  const text = `for item, (k, v) in pairs:\n${body.replace(/^/gm, '    ')}\n`;
  return withSource(text, ({ find }) => {
    const loop = find('for_statement');
    return writesInPlace(loop.childForFieldName('body')!, new Set(['item', 'k', 'v']));
  });
}

test('writes through another name count; those into the loop’s own items, to names, or in nested functions do not', async () => {
  for (const body of ['del holder[0][k]', 'tree["kids"][0] = item', 'self.count = k', 'a.b[0] += 1', 'f().x = 1'])
    assert.equal(await writesElsewhere(body), true, body);
  for (const body of ['item[0] = 1', 'v.seen = True', 'del k.cache[0]', 'total = k', 'def later():\n    del holder[0]'])
    assert.equal(await writesElsewhere(body), false, body);
});
