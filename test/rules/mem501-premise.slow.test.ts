// MEM501's premise, measured: its documented example, 5,000 training steps
// of 20 rows through a 64-256-10 network, run as the example writes it and as
// its fix does, each in a process of its own, on Debian's /usr/bin/python3
// alone: the one interpreter the suite installs torch for (a CPU build).
// tracemalloc sees none of libtorch's memory: what the code keeps is counted
// as the bytes malloc has handed out and not had back (heap_run.py). The
// message says the total keeps every step's autograd graph alive: the graph
// the total reaches must hold every step's nodes, the fix must keep none of
// them, the bytes it saves must be what those nodes take (about 750 bytes a
// node, as the docs say), and the total must be the same number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/rules/fixes';
import { mem501 } from '../../server/src/rules/mem501-loss-kept-with-graph';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { heapRun } from '../support/premise/heapRun';
import { onDebianPython } from '../support/premise/interpreters';

const STEPS = 5_000;
/** What the docs give a node of the graph, as measured on torch 1.13.1. */
const BYTES_PER_NODE = 750;

/** The batches the example's loop reads, and a count of the graph nodes some tensors reach (each node once). */
const SETUP = `
import torch
torch.manual_seed(0)
torch.set_num_threads(1)
batches = [(torch.randn(20, 64), torch.randint(0, 10, (20,))) for _ in range(${STEPS})]


def graph_nodes(*tensors):
    seen, stack = set(), [tensor.grad_fn for tensor in tensors]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        stack.extend(next_node for next_node, _ in node.next_functions)
    return len(seen)
`;

/** The example's code, and the same with its fix. */
async function exampleAndFix(source: string): Promise<{ before: string; after: string }> {
  const [finding, ...others] = await findingsOf(mem501, source);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix?.safety, 'unsafe');
  return { before: source, after: applyEdits(source, finding.fix.edits) };
}

test('the fix turns the documented example into its replacement, and calls it unsafe', async () => {
  const { after } = await exampleAndFix(mem501.docs.example);
  assert.equal(after, mem501.docs.useInstead);
  const [finding] = await findingsOf(mem501, mem501.docs.example);
  assert.match(finding!.message, /^Every step’s autograd graph kept alive by `total`/);
});

/** A shape of accumulation: the example's, or the list's; `kept` is what holds the losses when the loop ends. */
const SHAPES = [
  { label: 'total += loss', source: mem501.docs.example, kept: 'total', ownNodes: 1 },
  {
    label: 'losses.append(loss)',
    source: mem501.docs.example.replace('total = 0', 'losses = []').replace('total += loss', 'losses.append(loss)'),
    kept: '*losses',
    ownNodes: 0,
  },
];

for (const shape of SHAPES) {
  onDebianPython(
    `MEM501: ${shape.label} keeps every step's autograd graph (${STEPS.toLocaleString('en-US')} steps)`,
    async ({ python }, context) => {
      const { before, after } = await exampleAndFix(shape.source);
      const value = shape.kept.startsWith('*') ? `sum(float(v) for v in ${shape.kept.slice(1)})` : 'float(total)';
      const figures = {
        nodes: `graph_nodes(${shape.kept})`,
        // The last step's loss reaches its own step's nodes and the parameters' (shared by every step).
        stepNodes: 'graph_nodes(loss) - len(list(model.parameters()))',
        parameters: 'len(list(model.parameters()))',
        value,
      };
      const kept = heapRun(python, { setup: SETUP, code: before, figures });
      const fixed = heapRun(python, { setup: SETUP, code: after, figures: { value } });
      const { nodes, stepNodes, parameters } = kept.figures as Record<string, number>;
      const saved = kept.held - fixed.held;
      context.diagnostic(kept.interpreter);
      context.diagnostic(
        `held ${kept.held} -> ${fixed.held} B (saved ${saved}, ${Math.round(saved / STEPS)} a step); the graph: ${nodes} nodes, ${stepNodes} + ${shape.ownNodes} a step; ${Math.round(saved / nodes)} B a node`,
      );
      // "every step's graph": each step's nodes, and the accumulation's own, are all reachable.
      assert.equal(nodes, STEPS * (stepNodes! + shape.ownNodes) + parameters!);
      assertClaim(
        'bytes the fix saves, against the nodes kept at the docs’ bytes a node',
        saved,
        nodes! * BYTES_PER_NODE,
        {
          below: 0.2,
          above: 0.2,
          why: 'a node’s size depends on its kind (what it saved, how many inputs it has): 750 bytes is the example’s mean, measured at 749 on torch 1.13.1',
        },
      );
      // A float per step is Python's (pymalloc, not counted here); the list's growth is.
      assert.ok(fixed.held < 64 * STEPS, `the fix keeps ${fixed.held} B`);
      // The tensor sum is float32, rounded at each of 5,000 additions (about √5000·2⁻²⁴ of it); the floats' is float64.
      const [sumBefore, sumAfter] = [kept.figures.value!, fixed.figures.value!];
      assert.ok(Math.abs(sumBefore - sumAfter) <= 1e-4 * Math.abs(sumBefore), `${sumBefore} against ${sumAfter}`);
    },
    ['torch'],
  );
}
