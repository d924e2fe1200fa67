import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { contains } from '../semantics/loops';
import { descendants } from '../semantics/syntax';
import {
  backwardPasses,
  calledWithRecordingOff,
  readsName,
  recordingOffAt,
  turnsRecordingOffGlobally,
} from './autograd-graph';
import { importsTorch, modelCallCarried, modelCallsCarried } from './torch-models';
import { type Accumulation, ACCUMULATION_ANCHORS, accumulationAt, accumulationScale } from './tensor-accumulations';
import type { Scale } from '../scale/scale';
import type { Rule } from './types';

export const mem502: Rule = {
  code: 'MEM502',
  name: 'inference-without-no-grad',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary:
    'A model’s outputs collected across a loop that never runs backward, with autograd recording: each keeps its pass’s activations',
  docs: {
    whatItDoes:
      'Flags `outputs.append(out)`, `total += loss` and `total = total + loss` inside a `for` or `while` loop when what is added carries the output of a model called in the loop (the call itself, a name the loop binds to it, a loss of it through a `torch.nn` criterion or `torch.nn.functional`, arithmetic, a subscript, `.softmax()`, `.cpu()` and other methods that keep the graph) and nothing turns autograd off or uses what it records: no `with torch.no_grad():`, `with torch.inference_mode():` or `with torch.set_grad_enabled(False):` around the loop, no `@torch.no_grad()` or `@torch.inference_mode()` on its function, no call of that function inside such a block anywhere in the file, no `torch.set_grad_enabled(False)` statement, and no backward pass (`.backward()`, `torch.autograd.grad`) in the loop or after it in the code of its function (or of the module, outside its functions) that may run through what is kept: gradients accumulated over batches and applied once need every graph. A backward pass may run through the kept values when its loss reads the list or total, carries the kept outputs’ model call (`out = model(x)`, `criterion(out, y).backward()`, `outputs.append(out)`), or carries model calls the code does not show; one through other calls of the models only frees none of the kept activations, as a GAN’s training steps beside the samples it keeps of a fixed input (`samples.append(generator(fixed_z))` once an epoch), and the loop is flagged. The scale is the loops’ own, but a few passes are not small: each keeps a pass’s activations, of a size the code does not show (information, not a hint). A backward pass in a function defined elsewhere is not followed, nor one in an earlier training loop, which cannot reach what this loop keeps. A model is a name bound only to a model the code builds: a `torch.nn` layer with parameters (`nn.Linear(…)`, `nn.Sequential(…)`; not losses, activations, pooling or dropout), a `torchvision.models` constructor, or a class of the file that derives from `nn.Module`, also after `.to(device)`, `.eval()` and the like; or a parameter annotated `nn.Module` (or such a class). Not flagged: a model that is an attribute (`self.encoder(x)`, as inside a `forward` that unrolls a sequence) or an unannotated parameter; values without a graph (`out.argmax(1)`, `loss.item()`, `out.detach()`, `out.tolist()`); an output that does not outlive its pass (`correct += (out.argmax(1) == y).sum().item()`); a list or total returned or yielded by its function, whose caller may run backward through it; files that set `requires_grad` anywhere (a frozen model records nothing); and loops the code shows to be short. `model.eval()` does not turn autograd off: it changes what dropout and batch norm do, and the loop is still flagged.',
    whyBadForMemory:
      'Outside `torch.no_grad()`, every operation on a tensor that requires grad (a model’s parameters do) records a node and saves the tensors its backward pass would need: a linear layer its input, a ReLU its output. A model’s output reaches them all through its `grad_fn`, so while the output lives, so do its pass’s saved activations; kept in a list or a running total, every pass’s are kept until the loop ends. Under `torch.no_grad()` the output is a plain tensor and each pass’s activations are freed as soon as the next layer has read them. Measured on Debian’s CPython 3.11 with torch 1.13.1 (CPU) as the bytes malloc has handed out (mallinfo2: tracemalloc sees none of libtorch’s memory), for the example’s 100 batches of 1,000 rows through a 64–256–10 network: the outputs alone are 4,000,000 bytes; collected outside `no_grad` the loop keeps 107,056,240 bytes, inside it 4,129,520, and the difference, 102,926,720 bytes, is the 1,024,000 bytes a batch that the graph saved (the ReLU’s output, which the second layer saved as its input too), as torch’s own saved-tensor hooks count them, and 5 KB a batch of graph nodes. A loop that drops each output before the next pass (`threes += int((out.argmax(1) == 3).sum())`) keeps only the last pass’s activations, whatever the number of passes: in the same run it kept 1,174,880 bytes against 139,632 under `no_grad`, and peaked at 3,223,632 against 2,187,712, one pass’s 1,024,000 bytes either way. It is not flagged.',
    example:
      'import torch\nfrom torch import nn\n\nmodel = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))\nmodel.eval()\noutputs = []\nfor x in batches:\n    outputs.append(model(x))',
    useInstead:
      'import torch\nfrom torch import nn\n\nmodel = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))\nmodel.eval()\noutputs = []\nwith torch.no_grad():\n    for x in batches:\n        outputs.append(model(x))',
    fixSafety:
      'No automatic fix: the loop must be indented into the `with` block, and code that turns out to need the graph later (a backward pass in another file, gradients of the outputs for saliency maps) would break with `element 0 of tensors does not require grad`. `torch.inference_mode()` saves a little more than `no_grad()` but its tensors cannot enter autograd later at all. Where only numbers are wanted, `out.detach()`, `loss.item()` or `out.argmax(1)` in the list also frees the activations, but each pass still records them until its output is dropped.',
  },
  anchors: ACCUMULATION_ANCHORS,
  check(node, context) {
    const { facts } = context;
    // Every model the rule knows is built from torch or torchvision: other files' loops are not followed.
    if (!importsTorch(facts)) return undefined;
    const accumulation = accumulationAt(node, facts);
    if (accumulation?.accumulator.type !== 'identifier') return undefined;
    const innermost = accumulation.loops[0]!;
    const model = modelCallCarried(accumulation.value, innermost, facts);
    if (!model || !recordsForNothing(accumulation, facts)) return undefined;
    return {
      code: mem502.code,
      message: `Every pass’s activations kept alive by \`${accumulation.accumulator.text}\` for a backward never run: loop under \`torch.no_grad()\``,
      severity: mem502.defaultSeverity,
      // A few passes keep a few passes' activations, of a size the code does not show: megabytes for a convolutional model.
      scale: atLeastUnknown(accumulationScale(accumulation, context)),
      start: accumulation.statement.startIndex,
      end: accumulation.statement.endIndex,
    };
  },
};

function atLeastUnknown(scale: Scale): Scale {
  return scale === 'small' ? 'unknown' : scale;
}

/**
 * Whether autograd records the loop's passes and nothing could use what it
 * recorded: see the docs for each condition.
 */
function recordsForNothing(accumulation: Accumulation, facts: DocumentFacts): boolean {
  const { statement, accumulator } = accumulation;
  if (recordingOffAt(statement, facts) || turnsRecordingOffGlobally(facts)) return false;
  if (facts.names.spellings('requires_grad', facts.module.main).length > 0) return false;
  if (facts.names.spellings('requires_grad_', facts.module.main).length > 0) return false;
  const scope = enclosingFunction(statement);
  if (runsBackwardWith(accumulation, scope, facts)) return false;
  if (!scope) return true;
  const name = scope.childForFieldName('name')?.text;
  if (name && calledWithRecordingOff(name, facts)) return false;
  return !handsOut(scope, accumulator.text);
}

/** The function a node runs in; undefined at module level. */
function enclosingFunction(node: Node): Node | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'function_definition') return parent;
  }
  return undefined;
}

/**
 * Whether the code of the loop's own function (or of the module, outside its
 * functions and classes) runs a backward pass that could run through what the
 * loops keep, in them or after them: through the kept outputs, or the list or
 * total itself. A pass through other outputs only (a GAN's training steps
 * beside the samples it keeps of a fixed input, a later loop's) frees none of
 * the kept ones' activations.
 */
function runsBackwardWith(accumulation: Accumulation, scope: Node | undefined, facts: DocumentFacts): boolean {
  const outermost = accumulation.loops[accumulation.loops.length - 1]!;
  const kept = new Set(modelCallsCarried(accumulation.value, accumulation.loops[0]!, facts).map((call) => call.id));
  return backwardPasses(scope ?? facts.module.main, facts).some((pass) => {
    if (enclosingDefinition(pass) !== (scope?.id ?? undefined)) return false;
    const after = pass.startIndex >= outermost.endIndex;
    if (!after && !contains(outermost, pass)) return false;
    // Where the names the pass reads are bound: the loops, or the loop or code the later pass runs in.
    const bindingsWithin = after ? (enclosingLoop(pass) ?? scope ?? facts.module.main) : outermost;
    return mayRunThrough(pass, kept, accumulation, bindingsWithin, facts);
  });
}

/** Whether a backward pass in the loops may reach what they keep: unless the code shows it runs through other model calls only. */
function mayRunThrough(
  pass: Node,
  kept: ReadonlySet<number>,
  accumulation: Accumulation,
  bindingsWithin: Node,
  facts: DocumentFacts,
): boolean {
  // `torch.autograd.grad(…)` and `torch.autograd.backward(…)`: what they run through is not followed.
  const receiver = pass.childForFieldName('function')?.childForFieldName('object');
  if (!receiver || facts.qualifiedName(pass.childForFieldName('function')!)?.startsWith('torch.autograd.')) return true;
  if (readsName(receiver, accumulation.accumulator.text)) return true;
  const through = modelCallsCarried(receiver, bindingsWithin, facts, 'any call');
  return through.length === 0 || through.some((call) => kept.has(call.id));
}

function enclosingLoop(node: Node): Node | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'for_statement' || parent.type === 'while_statement') return parent;
    if (parent.type === 'function_definition') return undefined;
  }
  return undefined;
}

/** The id of the innermost function or class a node is in; undefined at module level. */
function enclosingDefinition(node: Node): number | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'function_definition' || parent.type === 'class_definition') return parent.id;
  }
  return undefined;
}

/** Whether the function returns or yields something that reads the name: its caller may run backward through it. */
function handsOut(scope: Node, name: string): boolean {
  for (const node of descendants(scope)) {
    if ((node.type === 'return_statement' || node.type === 'yield') && readsName(node, name)) return true;
  }
  return false;
}
