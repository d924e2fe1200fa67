// MEM503's premise, measured: its documented example, 10,000 steps of 20
// rows through a 64-256-10 network with each step's accuracy appended to a
// list, run as the example writes it (a 0-d tensor a step) and as its fix
// does (`acc.item()`, a float), each in a process of its own, on Debian's
// /usr/bin/python3 alone: the one interpreter the suite installs torch for
// (a CPU build). What the lists keep is counted as the bytes malloc has
// handed out (heap_run.py), with CPython's own objects taken from malloc too
// (PYTHONMALLOC=malloc), so that the floats are counted as the tensors are.
// The docs' figures must hold: the bytes a step the fix saves, and a float's
// 32 bytes; the mean printed must be the same number, to float32's rounding. There is no GPU here:
// the 512 bytes of device memory a CUDA tensor also holds are PyTorch's
// caching allocator's rounding, as the docs cite it, not measured.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/rules/fixes';
import { mem503 } from '../../server/src/rules/mem503-metric-kept-as-tensor';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { heapRun } from '../support/premise/heapRun';
import { onDebianPython } from '../support/premise/interpreters';

const STEPS = 10_000;
/** What the docs give: the bytes a step the list of tensors keeps beyond the list of floats, and a float as malloc hands it out. */
const BYTES_SAVED_PER_STEP = 460;
const BYTES_PER_FLOAT = 32;

/** The data the example's loader reads, and a `print` that keeps the number printed as a figure. */
const SETUP = `
import torch
from torch.utils.data import TensorDataset
torch.manual_seed(0)
torch.set_num_threads(1)
dataset = TensorDataset(torch.randn(${STEPS} * 20, 64), torch.randint(0, 10, (${STEPS} * 20,)))


def print(value):
    global printed
    printed = float(value)
`;

/** The source, and the same with its one finding's fix. */
async function fixed(source: string): Promise<string> {
  const [finding, ...others] = await findingsOf(mem503, source);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix?.safety, 'unsafe');
  return applyEdits(source, finding.fix.edits);
}

test('the fix turns the documented example into its replacement, and calls it unsafe', async () => {
  assert.equal(await fixed(mem503.docs.example), mem503.docs.useInstead);
  const [finding] = await findingsOf(mem503, mem503.docs.example);
  assert.match(finding!.message, /^A tensor per step kept by `accuracies` on the GPU: append `acc\.item\(\)`/);
  assert.equal(finding!.severity, 'warning', 'a GPU device and a DataLoader: data scale');
});

test('the docs give the figures this test holds them to', () => {
  const why = mem503.docs.whyBadForMemory;
  assert.ok(why.includes(`${BYTES_SAVED_PER_STEP} bytes a step`), 'the bytes a step');
  assert.ok(why.includes(`a float costs ${BYTES_PER_FLOAT}`), 'a float’s bytes');
  assert.ok(why.includes(`${STEPS.toLocaleString('en-US')} steps`), 'the steps measured');
});

onDebianPython(
  `MEM503: a list of 0-d tensors keeps a tensor per step where .item() keeps a float (${STEPS.toLocaleString('en-US')} steps)`,
  async ({ python }, context) => {
    const after = await fixed(mem503.docs.example);
    const figures = {
      printed: 'printed',
      steps: 'len(accuracies)',
      tensors: 'sum(isinstance(a, torch.Tensor) and a.dim() == 0 for a in accuracies)',
      floats: 'sum(type(a) is float for a in accuracies)',
    };
    const kept = heapRun(python, { setup: SETUP, code: mem503.docs.example, figures, countPythonObjects: true });
    const fixedRun = heapRun(python, { setup: SETUP, code: after, figures, countPythonObjects: true });
    const saved = kept.held - fixedRun.held;
    context.diagnostic(kept.interpreter);
    context.diagnostic(
      `held ${kept.held} -> ${fixedRun.held} B (saved ${saved}, ${(saved / STEPS).toFixed(1)} a step); printed ${kept.figures.printed} -> ${fixedRun.figures.printed}`,
    );
    assert.equal(kept.figures.steps, STEPS);
    assert.equal(kept.figures.tensors, STEPS, 'the example keeps a 0-d tensor a step');
    assert.equal(fixedRun.figures.floats, STEPS, 'the fix keeps a float a step');
    assertClaim('bytes a step the fix saves', saved / STEPS, BYTES_SAVED_PER_STEP, {
      below: 0.05,
      above: 0.05,
      why: 'every step keeps blocks of the same sizes; the lists’ over-allocation and malloc’s slack move the total by a few KB',
    });
    // A float as malloc hands it out, and its pointer: what the fix keeps a step.
    const floats = heapRun(python, {
      setup: '',
      code: `floats = [i + 0.5 for i in range(${STEPS})]`,
      countPythonObjects: true,
    });
    context.diagnostic(`${STEPS} floats in a list: ${floats.held} B, ${(floats.held / STEPS).toFixed(1)} a float`);
    assertClaim('bytes a float and its pointer', floats.held / STEPS, BYTES_PER_FLOAT + 8, {
      below: 0.05,
      above: 0.15,
      why: 'the list over-allocates its array of pointers by up to an eighth as it grows',
    });
    // Summed in float32 over 10,000 steps, against float64: a mean of about 0.1 apart in its sixth significant digit at most, as the docs say.
    const [before, afterValue] = [kept.figures.printed!, fixedRun.figures.printed!];
    assert.ok(Math.abs(before - afterValue) < 1e-5, `${before} against ${afterValue}`);
  },
  ['torch'],
);

/** The fixture's stacked case, the list stacked in the loop's function: `torch.stack` of the list becomes `torch.tensor` of the numbers. */
const STACKED = `import torch
from torch import nn
from torch.utils.data import DataLoader

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10)).to(device)


def report(loader):
    batch_accuracies = []
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            acc = (model(x).argmax(1) == y).float().mean()
            batch_accuracies.append(acc)
    print(torch.stack(batch_accuracies).mean().item())


report(DataLoader(dataset, batch_size=20))`;

onDebianPython(
  'MEM503: stacked, the numbers give the same mean through torch.tensor as the tensors through torch.stack',
  async ({ python }, context) => {
    const after = await fixed(STACKED);
    assert.ok(after.includes('torch.tensor(batch_accuracies).mean().item()'), after);
    const figures = { printed: 'printed' };
    const before = heapRun(python, { setup: SETUP, code: STACKED, figures });
    const fixedRun = heapRun(python, { setup: SETUP, code: after, figures });
    context.diagnostic(`printed ${before.figures.printed} -> ${fixedRun.figures.printed}`);
    // The floats are the float32 values exactly: the same tensor, the same mean.
    assert.equal(fixedRun.figures.printed, before.figures.printed);
  },
  ['torch'],
);
