import type { Node } from 'web-tree-sitter';
import { graphSources, isBackpropagatedLoss } from './autograd-graph';
import { type Accumulation, ACCUMULATION_ANCHORS, accumulationAt, accumulationScale } from './tensor-accumulations';
import type { Fix, Rule } from './types';

export const mem501: Rule = {
  code: 'MEM501',
  name: 'loss-kept-with-graph',
  defaultSeverity: 'warning',
  fixAvailability: 'always',
  summary: 'A loss tensor added to a running total or list in a training loop keeps every step’s autograd graph alive',
  docs: {
    whatItDoes:
      'Flags `total += loss`, `total = total + loss` and `losses.append(loss)` inside a `for` or `while` loop when `loss` is a name the same loop runs a backward pass through (`loss.backward()`, `(loss / steps).backward()`, `scaler.scale(loss).backward()`) and binds on its passes: a tensor with autograd history. Arithmetic on the loss is flagged too (`total += loss * x.size(0)`): its result carries the same graph. Not flagged: `loss.item()`, `float(loss)`, `loss.detach()`, `loss.tolist()` (no graph), a total that the loop starts over on every pass, loops the code shows to be short (at most 10 passes), and a loss accumulated in a loop that runs no backward pass: that is an evaluation loop, whose graphs hold the activations too (MEM502 flags it where the model is known).',
    whyBadForMemory:
      'A tensor that autograd produced holds its `grad_fn`, the node that made it, and through it every node back to the model’s parameters: the step’s whole graph. `backward()` frees the tensors the graph saved for it, but not the nodes, and `total += loss` adds the step’s graph below an addition node of its own: the total reaches every step’s graph, so none is ever freed. Measured on Debian’s CPython 3.11 with torch 1.13.1 (CPU) over the example’s 5,000 steps of 20 rows (a 64–256–10 network, cross-entropy, SGD), as the bytes malloc has handed out (mallinfo2: tracemalloc sees none of libtorch’s memory): `total += loss` keeps 30,034,160 bytes when the loop ends, about 6,000 a step, and the total reaches 40,004 graph nodes, 8 a step and the 4 parameters’ (745 bytes a node); `total += loss.item()` keeps 215,344 bytes. `losses.append(loss)` keeps 30,260,992 bytes (each loss tensor too: 857 bytes a node), `losses.append(loss.item())` 259,296 bytes and a float per step (24 bytes, in Python’s own arenas). With `backward(retain_graph=True)` the graph also keeps its saved tensors: 29,678 bytes a step in the example, its activations, and far more with a larger batch or model. The graph grows with the number of steps, not the batch: a model of a few hundred layers keeps a few hundred nodes a step. The process’s RSS can grow far more: glibc keeps freed heap memory that a live block above it pins, and the small nodes kept on every step pin the activations freed around them. In a run of 100 steps of 256 rows through a 256–1024–10 network, RSS grew 2.6 MB a step with `total += loss` and 0.2 MB with `.item()`, where malloc held 6 KB a step more.',
    example:
      'import torch\nfrom torch import nn\n\nmodel = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))\ncriterion = nn.CrossEntropyLoss()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\ntotal = 0\nfor x, y in batches:\n    optimizer.zero_grad()\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()\n    total += loss',
    useInstead:
      'import torch\nfrom torch import nn\n\nmodel = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))\ncriterion = nn.CrossEntropyLoss()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\ntotal = 0\nfor x, y in batches:\n    optimizer.zero_grad()\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()\n    total += loss.item()',
    fixSafety:
      'The fix adds `.item()` to the loss where it is accumulated, and is unsafe: the total or the list items become Python floats instead of tensors, so code that later calls tensor methods on them (`total.item()`, `torch.stack(losses)`, `total.cpu()`) breaks, the sum is made in float64 rather than the loss’s dtype (the example’s total of 5,000 losses, about 11,566, differs in the seventh significant digit), `.item()` raises for a loss of more than one value (`reduction="none"` with `scaler.scale(loss).backward()`), and on a GPU it waits for the step to finish. `loss.detach()` keeps a tensor on the loss’s device without its graph (no wait on a GPU), but prints without its `grad_fn` and a list of them keeps a tensor per step (432 bytes each in the example against a float’s 24).',
  },
  anchors: ACCUMULATION_ANCHORS,
  check(node, context) {
    const accumulation = accumulationAt(node, context.facts);
    if (!accumulation) return undefined;
    const losses = graphSources(accumulation.value).filter(
      (source) => source.type === 'identifier' && isBackpropagatedLoss(source, accumulation.loops[0]!, context.facts),
    );
    if (losses.length === 0) return undefined;
    const loss = losses[0]!.text;
    const verb = accumulation.statement.type === 'call' ? 'append' : 'add';
    return {
      code: mem501.code,
      message: `Every step’s autograd graph kept alive by \`${accumulation.accumulator.text}\`: ${verb} \`${loss}.item()\`, a float`,
      severity: mem501.defaultSeverity,
      scale: accumulationScale(accumulation, context),
      start: accumulation.statement.startIndex,
      end: accumulation.statement.endIndex,
      fix: itemFix(losses, accumulation),
    };
  },
};

/** `.item()` after each loss the value reads. */
function itemFix(losses: readonly Node[], accumulation: Accumulation): Fix {
  const verb = accumulation.statement.type === 'call' ? 'Append' : 'Add';
  return {
    title: `${verb} ${losses[0]!.text}.item(), a float`,
    safety: 'unsafe',
    edits: losses.map((loss) => ({ start: loss.endIndex, end: loss.endIndex, text: '.item()' })),
  };
}
