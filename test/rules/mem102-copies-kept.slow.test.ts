// Loops whose copy is what keeps them correct: MEM102 must not flag them, and
// python3 shows why. Each script runs as written, then with the loop marked
// `# copy kept` iterating directly, as a fix would have made it: that run must
// raise RuntimeError or print something else (an item skipped).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { lineOfOffset, lineStarts } from '../../server/src/document/positions';
import { mem102 } from '../../server/src/rules/mem102-loop-over-copy';
import { findingsIn } from '../support/analyze';
import { runPythonScript } from '../support/python';

const scratch = mkdtempSync(join(tmpdir(), 'memhints-copies-kept-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const MARK = '  # copy kept';

const GRAPH = 'adj = {1: {1: "loop", 2: "a"}, 2: {1: "a", 3: "b"}, 3: {2: "b"}}\n';

const TREE = `class Node:
    def __init__(self, name, children=()):
        self.name = name
        self.parent = None
        self.children = list(children)
        for child in self.children:
            child.parent = self

    def remove(self, child):
        self.children.remove(child)


root = Node("root", [Node("x1"), Node("x2"), Node("x3", [Node("x4")])])
`;

const CASES: ReadonlyArray<{ readonly title: string; readonly script: string }> = [
  {
    title: 'networkx remove_node: del adj[u][n] deletes from adj[n] itself when u == n',
    script: `${GRAPH}
def remove_node(n):
    for u in list(adj[n]):${MARK}
        del adj[u][n]
    del adj[n]


remove_node(1)
print(adj)
`,
  },
  {
    title: 'a local assigned an item of the container the loop deletes from',
    script: `${GRAPH}
def remove_node(n):
    nbrs = adj[n]
    for u in list(nbrs):${MARK}
        del adj[u][n]
    del adj[n]


remove_node(1)
print(adj)
`,
  },
  {
    title: 'a dict held by another container, deleted from through it',
    script: `def drain():
    a = {1: "x", 2: "y", 3: "z"}
    holder = [a]
    for k in list(a):${MARK}
        del holder[0][k]
    print(a)


drain()
`,
  },
  {
    title: 'a generator whose caller removes edges between the items it yields',
    script: `class Graph:
    def __init__(self):
        self.adj = {1: {2: {}}, 2: {1: {}, 3: {}}, 3: {2: {}}}

    def edges(self):
        for u, nbrs in list(self.adj.items()):
            for v in list(nbrs):${MARK}
                yield u, v

    def remove_edge(self, u, v):
        del self.adj[u][v]
        del self.adj[v][u]


G = Graph()
for u, v in G.edges():
    if v in G.adj[u]:
        G.remove_edge(u, v)
print(G.adj)
`,
  },
  {
    title: 'children removed from the node whose children are walked',
    script: `${TREE}
def prune(node):
    for child in list(node.children):${MARK}
        node.remove(child)


prune(root)
print([child.name for child in root.children])
`,
  },
  {
    title: 'a recursive walk that removes each emptied node from its parent',
    script: `${TREE}
def prune(node):
    for child in list(node.children):${MARK}
        prune(child)
    if node.parent is not None and not node.children:
        node.parent.children.remove(node)


prune(root)
print([child.name for child in root.children])
`,
  },
  {
    title: 'a comprehension keeping the children that the loop removes through their parent',
    script: `${TREE}
for child in [c for c in root.children if c.name.startswith("x")]:${MARK}
    child.parent.children.remove(child)
print([child.name for child in root.children])
`,
  },
];

/** The script with its marked loop iterating directly: `list(X)` → `X`, `[e for …]` → `(e for …)`. */
function iteratingDirectly(script: string): string {
  return script.replace(/^(\s*for .+? in )(.+):\s+# copy kept$/m, (_line, head: string, copy: string) => {
    const unwrapped = /^list\((.*)\)$/.exec(copy)?.[1] ?? `(${copy.slice(1, -1)})`;
    return `${head}${unwrapped}:`;
  });
}

for (const [index, { title, script }] of CASES.entries()) {
  test(`MEM102 keeps the copy: ${title}`, async () => {
    const markedLine = lineOfOffset(lineStarts(script), script.indexOf(MARK));
    const starts = lineStarts(script);
    const findings = (await findingsIn(script, { rules: [mem102] })).filter(
      (finding) => lineOfOffset(starts, finding.start) === markedLine,
    );
    assert.deepEqual(
      findings.map((finding) => finding.message),
      [],
      'the loop that needs its copy is flagged',
    );

    const kept = runPythonScript(scratch, `kept-${index}.py`, script);
    assert.equal(kept.status, 0, `the script fails as written:\n${kept.stderr}`);
    const directScript = iteratingDirectly(script);
    assert.notEqual(directScript, script, 'the marked loop was not rewritten');
    const direct = runPythonScript(scratch, `direct-${index}.py`, directScript);
    if (direct.status === 0)
      assert.notEqual(direct.stdout, kept.stdout, `iterating directly changes nothing:\n${directScript}`);
    else assert.match(direct.stderr, /RuntimeError/, `iterating directly fails otherwise:\n${direct.stderr}`);
  });
}
