// MEM502's premise, measured: its documented example, a 64-256-10 network run
// over 100 batches of 1,000 rows, with the outputs collected outside
// `torch.no_grad()` as the example does and inside it as its replacement
// does, each in a process of its own, on Debian's /usr/bin/python3 alone:
// the one interpreter the suite installs torch for (a CPU build). tracemalloc
// sees none of libtorch's memory: what the code keeps is counted as the bytes
// malloc has handed out and not had back (heap_run.py). The message says every
// pass's activations are kept: the replacement must keep that much less, one
// pass's saved tensors (as torch's own saved-tensor hooks count them) per
// batch, and the same outputs. A loop that drops each output before the next
// pass, which the rule leaves alone, must cost one pass's activations at
// most, whatever the number of passes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mem502 } from '../../server/src/rules/mem502-inference-without-no-grad';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { heapRun } from '../support/premise/heapRun';
import { onDebianPython } from '../support/premise/interpreters';

const BATCHES = 100;
const ROWS = 1_000;

/**
 * The batches the example reads, and what one pass of a model saves for its
 * backward pass: the storages autograd's pack hook is given, less the
 * parameters' and the input's (alive anyway).
 */
const SETUP = `
import torch
torch.manual_seed(0)
torch.set_num_threads(1)
batches = [torch.randn(${ROWS}, 64) for _ in range(${BATCHES})]


def saved_by_a_pass(model, x):
    storages = {}

    def pack(tensor):
        storages[tensor.storage().data_ptr()] = tensor.storage().nbytes()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        model(x)
    alive = {parameter.storage().data_ptr() for parameter in model.parameters()} | {x.storage().data_ptr()}
    return sum(size for pointer, size in storages.items() if pointer not in alive)
`;

/** What the outputs are, exactly: the same with and without the graph. */
const OUTPUTS = {
  sum: 'float(torch.cat(outputs).double().sum())',
  absolute: 'float(torch.cat(outputs).double().abs().sum())',
  bytes: 'sum(output.nelement() * output.element_size() for output in outputs)',
};

test('the documented example is flagged once, its replacement not', async () => {
  const [finding, ...others] = await findingsOf(mem502, mem502.docs.example);
  assert.equal(others.length, 0);
  assert.match(finding!.message, /^Every pass’s activations kept alive by `outputs`/);
  assert.deepEqual(await findingsOf(mem502, mem502.docs.useInstead), []);
});

onDebianPython(
  `MEM502: outputs collected with autograd recording keep every pass's activations (${BATCHES} batches of ${ROWS.toLocaleString('en-US')} rows)`,
  ({ python }, context) => {
    const kept = heapRun(python, {
      setup: SETUP,
      code: mem502.docs.example,
      figures: { ...OUTPUTS, saved: 'saved_by_a_pass(model, batches[0])' },
    });
    const fixed = heapRun(python, { setup: SETUP, code: mem502.docs.useInstead, figures: OUTPUTS });
    const { saved, bytes } = kept.figures as Record<string, number>;
    const claimed = BATCHES * saved!;
    context.diagnostic(kept.interpreter);
    context.diagnostic(
      `held ${kept.held} -> ${fixed.held} B (saved ${kept.held - fixed.held}, claimed ${BATCHES} x ${saved} = ${claimed}); the outputs: ${bytes} B`,
    );
    assert.equal(kept.figures.sum, fixed.figures.sum, 'no_grad changes no output');
    assert.equal(kept.figures.absolute, fixed.figures.absolute, 'no_grad changes no output');
    // The ReLU's output, saved once though the second layer saves it as its input too.
    assert.equal(saved, ROWS * 256 * 4);
    assertClaim('bytes no_grad saves, against every pass’s saved tensors', kept.held - fixed.held, claimed, {
      below: 0.02,
      above: 0.02,
      slack: 65_536,
      why: 'each pass also keeps its graph’s nodes (a few hundred bytes each) beside the saved tensors',
    });
    // With no_grad the loop keeps the outputs and little else.
    assertClaim('bytes kept under no_grad, against the outputs', fixed.held, bytes!, {
      below: 0,
      above: 0.05,
      slack: 65_536,
      why: 'the list and each tensor’s own header are counted beside the outputs’ data',
    });
  },
  ['torch'],
);

/** A loop that drops each output before the next pass: what MEM502 leaves alone. */
const DROPPED = `import torch
from torch import nn

model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))
threes = 0
for x in batches:
    out = model(x)
    threes += int((out.argmax(1) == 3).sum())`;

const DROPPED_UNDER_NO_GRAD = DROPPED.replace(
  'for x in batches:\n    out = model(x)\n    threes',
  'with torch.no_grad():\n    for x in batches:\n        out = model(x)\n        threes',
);

onDebianPython(
  'MEM502: a loop that drops each output costs one pass’s activations, whatever the passes, and is not flagged',
  async ({ python }, context) => {
    assert.deepEqual(await findingsOf(mem502, DROPPED), []);
    const recorded = heapRun(python, {
      setup: SETUP,
      code: DROPPED,
      figures: { threes: 'threes', saved: 'saved_by_a_pass(model, batches[0])' },
      peak: true,
    });
    const off = heapRun(python, {
      setup: SETUP,
      code: DROPPED_UNDER_NO_GRAD,
      figures: { threes: 'threes' },
      peak: true,
    });
    const saved = recorded.figures.saved!;
    context.diagnostic(
      `held ${recorded.held} -> ${off.held} B, peak ${recorded.peak} -> ${off.peak} B; a pass saves ${saved} B`,
    );
    assert.equal(recorded.figures.threes, off.figures.threes);
    // The last pass's output outlives the loop, with its activations: one pass's, not a hundred.
    assertClaim('bytes kept beyond no_grad', recorded.held - off.held, saved, {
      below: 0.02,
      above: 0.02,
      slack: 65_536,
      why: 'the last pass’s graph keeps its nodes beside its saved tensors',
    });
    assertClaim('peak beyond no_grad', recorded.peak! - off.peak!, saved, {
      below: 0.02,
      above: 1,
      slack: 65_536,
      why: 'while a pass runs, the previous pass’s output and activations may still be alive until `out` is rebound: up to two passes’ worth',
    });
  },
  ['torch'],
);
