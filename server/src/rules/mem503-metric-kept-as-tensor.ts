import type { Node } from 'web-tree-sitter';
import { bindingInLoop } from './mem503-metric-kept-as-tensor/reachingBindings';
import { deviceKind } from './mem503-metric-kept-as-tensor/devices';
import { numericReads, type NumericReads } from './mem503-metric-kept-as-tensor/numericReads';
import { TensorValues } from './mem503-metric-kept-as-tensor/tensorValues';
import { expressionChildren, unparenthesized } from '../semantics/syntax';
import { graphSources, isBackpropagatedLoss, recordingOffAt, turnsRecordingOffGlobally } from './autograd-graph';
import { type Accumulation, ACCUMULATION_ANCHORS, accumulationAt, accumulationScale } from './tensor-accumulations';
import { importsTorch, modelCallCarried } from './torch-models';
import type { Fix, Rule, RuleContext } from './types';

/** Longer values are not quoted in a message. */
const MAX_QUOTED = 32;
/** Longer list names are not spelled out in a message. */
const MAX_SPELLED = 24;

export const mem503: Rule = {
  code: 'MEM503',
  name: 'metric-kept-as-tensor',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary:
    'A one-number metric appended to a list as a tensor on every step, where the list is only summed, averaged or printed',
  docs: {
    whatItDoes:
      'Flags `metrics.append(value)` and `metrics += [value]` inside a `for` or `while` loop when `value` is a tensor that holds one number, made anew on each pass, and the list is read only for numbers. The value is such a tensor when the code shows it: a reduction without a dimension (`.mean()`, `.sum()`, `.max()`, `.std()`, `.argmax()`, `torch.mean(t)`…) or a loss (a `torch.nn` criterion, `F.cross_entropy` and the other losses of `torch.nn.functional`, without `reduction="none"`), or arithmetic of such with numbers (`acc * 100`, `correct / y.size(0)`), written in the call or bound to a name on each pass; and what it reduces is a tensor the code shows: one moved with `.to(…)`, `.cuda()` or `.cpu()`, a batch of a `DataLoader`, the output of a model the code builds (as MEM502 knows models), a function of torch, and what tensor methods, arithmetic and comparisons make of these. The list must be a name bound to `[]` whose every read needs only numbers: `len`, `sum`, `max` and `min` (unless their result is then used as a tensor, as in `sum(accs).item()`), `np.mean` and the other reductions of numpy and `statistics`, `math.fsum`, `print`, each also of a slice (`sum(accs[-100:])`), and `torch.stack(accs)` reduced at once (`.mean()`, `.sum()`…); or no read at all. Not flagged: numbers already (`acc.item()`, `float(acc)`, `acc.tolist()`) and values moved off the device on purpose (`acc.cpu()`, `acc.to("cpu")`); a value that may carry an autograd graph while autograd records (a loss of a model’s output outside `torch.no_grad()`): a loss run backward is MEM501’s, a model’s output kept for a backward never run MEM502’s, and a graph the rule cannot see may be wanted later; a reduction given a dimension (`.sum(0)`), which keeps a row of numbers; a list returned, passed to a function, concatenated (`torch.cat`) or whose items’ tensor methods are called; a tensor the code does not show (`helper(x).mean()`: numpy arrays have `.mean()` too); a name bound in a branch or before the loop; loops the code shows to be short. The finding is a warning at data scale only when the tensors are on a GPU: the value comes from a tensor moved with `.cuda()` or with `.to(device)` where the device is `"cuda"`, `torch.device("cuda")`, `torch.device("cuda" if torch.cuda.is_available() else "cpu")` or a name bound only to such. On the CPU it costs host memory alone, and the finding is information at most.',
    whyBadForMemory:
      'A tensor that holds one number is still a whole tensor: a Python object, a TensorImpl with its sizes and strides, a storage, and the storage’s block of data, each allocated on its own; a Python float is one 24-byte object. A list that keeps one tensor a step keeps them all until the list goes. Measured on Debian’s CPython 3.11 with torch 1.13 (CPU) over the example’s 10,000 steps of 20 rows, as the bytes malloc has handed out (mallinfo2: tracemalloc sees none of libtorch’s memory), with CPython’s own objects taken from malloc too (PYTHONMALLOC=malloc) so that both lists are counted whole: the list of tensors keeps 5,829,504 bytes when the loop ends, the list of `acc.item()` numbers 1,231,232 (with the rest of what the run allocates, the same in both), 460 bytes a step more for the tensors: a tensor takes about 490 bytes of host memory where a float costs 32 as malloc hands it out (and 8 for its pointer in the list, either way). On a GPU the tensor’s data is device memory instead, and PyTorch’s CUDA caching allocator rounds every allocation up to at least 512 bytes (`kMinBlockSize`, “all sizes are rounded to at least 512 bytes”, in c10/cuda/CUDACachingAllocator.cpp): each kept tensor also holds 512 bytes of the GPU for its 4-byte number, and 100,000 steps hold 51,200,000 bytes of it, beside the tensors’ objects in host memory. That device part is not measured by the suite, which has no GPU.',
    example:
      'import torch\nfrom torch import nn\nfrom torch.utils.data import DataLoader\n\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")\nmodel = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10)).to(device)\nloader = DataLoader(dataset, batch_size=20)\naccuracies = []\nfor x, y in loader:\n    x, y = x.to(device), y.to(device)\n    out = model(x)\n    acc = (out.argmax(1) == y).float().mean()\n    accuracies.append(acc)\nprint(sum(accuracies) / len(accuracies))',
    useInstead:
      'import torch\nfrom torch import nn\nfrom torch.utils.data import DataLoader\n\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")\nmodel = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10)).to(device)\nloader = DataLoader(dataset, batch_size=20)\naccuracies = []\nfor x, y in loader:\n    x, y = x.to(device), y.to(device)\n    out = model(x)\n    acc = (out.argmax(1) == y).float().mean()\n    accuracies.append(acc.item())\nprint(sum(accuracies) / len(accuracies))',
    fixSafety:
      'The fix adds `.item()` to the value appended (in parentheses around arithmetic: `(acc * 100).item()`) and, where the list is stacked, makes `torch.stack(accuracies)` `torch.tensor(accuracies)`; where that stack is in another top-level statement than the loop (in a notebook, maybe another cell) there is no fix, as a fix stays within its statement. It is unsafe: the items become Python numbers (a float, or an int for a count such as `(pred == y).sum()`), so code the rule does not follow that needs tensors breaks (a `total = sum(accuracies)` later read as `total.item()`); the sum is made in float64 rather than the tensors’ float32 (the example’s mean of 10,000 accuracies, about 0.1002, differs in the sixth significant digit); `torch.tensor` makes its tensor on the CPU where `torch.stack` made it on the GPU; and on a GPU `.item()` copies the number to the host, so each step waits for its work to finish where the loop never waited before. Where that wait costs too much, add the values up on the device instead (`total += acc`, a tensor kept once) and call `.item()` once after the loop.',
  },
  anchors: ACCUMULATION_ANCHORS,
  check(node, context) {
    const { facts } = context;
    const accumulation = accumulationAt(node, facts);
    if (accumulation?.accumulator.type !== 'identifier') return undefined;
    const item = listItem(accumulation);
    if (!item || !importsTorch(facts)) return undefined;
    const loop = accumulation.loops[0]!;
    const bound = item.type === 'identifier' ? bindingInLoop(item, loop, facts) : undefined;
    // A name must hold a new value on each pass: one tensor appended over and over costs a pointer a step.
    if (item.type === 'identifier' && bound?.kind !== 'value') return undefined;
    if (movedOffDevice(item, context) || (bound?.kind === 'value' && movedOffDevice(bound.value, context)))
      return undefined;
    const metric = new TensorValues(facts).of(item);
    if (!metric?.scalar || keepsGraph(item, metric.mayHaveGraph, accumulation, context)) return undefined;
    const reads = numericReads(accumulation.accumulator, accumulation.statement, facts);
    if (!reads) return undefined;
    const place = metric.onGpu ? ' on the GPU' : '';
    const name = accumulation.accumulator.text;
    const list = name.length <= MAX_SPELLED ? `\`${name}\`` : 'the list';
    const scale = accumulationScale(accumulation, context);
    return {
      code: mem503.code,
      message: `A tensor per step kept by ${list}${place}: append ${quotedItem(item, '`')}, a number`,
      severity: mem503.defaultSeverity,
      // On the CPU a tensor a step costs a few hundred bytes of host memory: information at most. Warnings are for the GPU's.
      scale: metric.onGpu || scale !== 'large' ? scale : 'unknown',
      start: accumulation.statement.startIndex,
      end: accumulation.statement.endIndex,
      ...itemFix(item, reads),
    };
  },
};

/** What one pass adds to the list: the argument of `append`, the one item of `+= [item]`. */
function listItem(accumulation: Accumulation): Node | undefined {
  const { statement, value } = accumulation;
  if (statement.type === 'call') return value;
  if (statement.type !== 'augmented_assignment') return undefined;
  const list = unparenthesized(value);
  const items = list.type === 'list' ? expressionChildren(list) : [];
  return items.length === 1 && items[0]!.type !== 'list_splat' ? items[0] : undefined;
}

/** `acc.cpu()`, `acc.to("cpu")`: moved off the device on purpose, as the code's own choice of what to keep. */
function movedOffDevice(expression: Node, context: RuleContext): boolean {
  const call = unparenthesized(expression);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  if (callee?.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text;
  if (method === 'cpu') return true;
  const first = context.facts.callArguments(call)[0];
  return method === 'to' && first !== undefined && deviceKind(first, context.facts) === 'cpu';
}

/**
 * Whether the value may keep an autograd graph: then the list keeps far more
 * than a tensor, which MEM501 (a loss run backward) and MEM502 (a model's
 * output) report where they can show it, and what the rule cannot show
 * (a model it does not know) may be wanted for a backward pass later.
 */
function keepsGraph(item: Node, mayHaveGraph: boolean, accumulation: Accumulation, context: RuleContext): boolean {
  const { facts } = context;
  const loop = accumulation.loops[0]!;
  const recording = !recordingOffAt(accumulation.statement, facts) && !turnsRecordingOffGlobally(facts);
  if (recording && (mayHaveGraph || modelCallCarried(item, loop, facts))) return true;
  return graphSources(item).some((source) => source.type === 'identifier' && isBackpropagatedLoss(source, loop, facts));
}

/** Kinds of expression `.item()` can follow without parentheses. */
const PRIMARY: ReadonlySet<string> = new Set([
  'identifier',
  'call',
  'attribute',
  'subscript',
  'parenthesized_expression',
]);

/** The value with `.item()`, as a message quotes it: `acc.item()`, `(acc * 100).item()`; "its .item()" when long. */
function quotedItem(item: Node, quote: string): string {
  const fixed = PRIMARY.has(item.type) ? `${item.text}.item()` : `(${item.text}).item()`;
  return fixed.length <= MAX_QUOTED && !fixed.includes('\n')
    ? `${quote}${fixed}${quote}`
    : `its ${quote}.item()${quote}`;
}

/**
 * `.item()` after the value appended, and `torch.tensor` for each `torch.stack`
 * of the list; none where a stack lies in another top-level statement (in a
 * notebook, another cell), which a fix must not reach.
 */
function itemFix(item: Node, reads: NumericReads): { fix: Fix } | undefined {
  const statement = topLevelStatement(item);
  if (reads.stacks.some((stack) => stack.startIndex < statement.startIndex || stack.endIndex > statement.endIndex))
    return undefined;
  const appended = PRIMARY.has(item.type)
    ? [{ start: item.endIndex, end: item.endIndex, text: '.item()' }]
    : [
        { start: item.startIndex, end: item.startIndex, text: '(' },
        { start: item.endIndex, end: item.endIndex, text: ').item()' },
      ];
  const stacks = reads.stacks.map((stack) => ({ start: stack.startIndex, end: stack.endIndex, text: 'tensor' }));
  const title = `Append ${quotedItem(item, '')}, a number`;
  return {
    fix: {
      title: stacks.length > 0 ? `${title}; torch.tensor for torch.stack` : title,
      safety: 'unsafe',
      edits: [...appended, ...stacks],
    },
  };
}

/** The statement at module level that holds the node. */
function topLevelStatement(node: Node): Node {
  let statement = node;
  while (statement.parent && statement.parent.type !== 'module') statement = statement.parent;
  return statement;
}
