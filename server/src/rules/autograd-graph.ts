// What autograd records, as far as the code shows: which parts of an
// expression a tensor's graph comes through, where recording is off
// (`torch.no_grad()`, `torch.inference_mode()`), and where a backward pass is
// run. The PyTorch rules (MEM5xx) read these.
import type { Node } from 'web-tree-sitter';
import { decoratorExpression, decoratorsOf } from '../semantics/decorators';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf } from '../semantics/initialValues';
import { contains } from '../semantics/loops';
import { calleeCall, descendants, unparenthesized } from '../semantics/syntax';
import { isReference } from '../semantics/uses';

const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '//', '%', '**', '@']);

/**
 * Tensor methods whose result keeps its receiver's graph: moves, casts,
 * reshapes, elementwise maps and reductions. `item()`, `tolist()`,
 * `detach()`, `argmax()` and comparisons give values without one.
 */
const GRAPH_KEEPING_METHODS: ReadonlySet<string> = new Set([
  'cpu',
  'cuda',
  'to',
  'float',
  'double',
  'half',
  'squeeze',
  'unsqueeze',
  'view',
  'reshape',
  'flatten',
  'softmax',
  'log_softmax',
  'sigmoid',
  'tanh',
  'exp',
  'clone',
  'contiguous',
  't',
  'transpose',
  'permute',
  'sum',
  'mean',
]);

/**
 * The parts of `expression` whose graph its value carries: names and calls
 * reached through arithmetic, subscripts and GRAPH_KEEPING_METHODS. A call
 * of another method (`loss.item()`) or function is a part of its own, for the
 * caller to judge.
 */
export function graphSources(expression: Node): Node[] {
  const node = unparenthesized(expression);
  switch (node.type) {
    case 'identifier':
      return [node];
    case 'binary_operator':
      if (!ARITHMETIC.has(node.childForFieldName('operator')?.text ?? '')) return [];
      return [node.childForFieldName('left'), node.childForFieldName('right')].flatMap((side) =>
        side ? graphSources(side) : [],
      );
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      return operand && node.childForFieldName('operator')?.text !== '~' ? graphSources(operand) : [];
    }
    case 'subscript': {
      const value = node.childForFieldName('value');
      return value ? graphSources(value) : [];
    }
    case 'call': {
      const callee = node.childForFieldName('function');
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      const receiver = callee?.childForFieldName('object');
      return method && receiver && GRAPH_KEEPING_METHODS.has(method) ? graphSources(receiver) : [node];
    }
    default:
      return [];
  }
}

/** Context managers and decorators that stop autograd recording. */
const NO_GRAD: ReadonlySet<string> = new Set([
  'torch.no_grad',
  'torch.inference_mode',
  'torch.autograd.no_grad',
  'torch.autograd.inference_mode',
  'torch.autograd.grad_mode.no_grad',
  'torch.autograd.grad_mode.inference_mode',
]);

const SET_GRAD_ENABLED: ReadonlySet<string> = new Set(['torch.set_grad_enabled', 'torch.autograd.set_grad_enabled']);

/**
 * Whether the call turns recording off: `torch.no_grad()`,
 * `torch.inference_mode()` (unless given a literal False),
 * `torch.set_grad_enabled(…)` of anything but a literal True.
 */
function turnsRecordingOff(expression: Node, facts: DocumentFacts): boolean {
  const call = unparenthesized(expression);
  const callee = call.type === 'call' ? call.childForFieldName('function') : call;
  const name = callee ? facts.qualifiedName(callee) : undefined;
  if (name === undefined) return false;
  const first = call.type === 'call' ? facts.callArguments(call)[0] : undefined;
  if (NO_GRAD.has(name)) return first?.type !== 'false';
  return SET_GRAD_ENABLED.has(name) && call.type === 'call' && first?.type !== 'true';
}

/**
 * Whether the code runs with recording off as far as its own text shows: in
 * a `with` of NO_GRAD or `set_grad_enabled`, or in a function decorated with
 * one of NO_GRAD (`@torch.no_grad()`, `@torch.inference_mode()`).
 */
export function recordingOffAt(node: Node, facts: DocumentFacts): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'with_statement' && withItems(parent).some((item) => turnsRecordingOff(item, facts)))
      return true;
    if (parent.type === 'function_definition' && decoratedOff(parent, facts)) return true;
  }
  return false;
}

function decoratedOff(definition: Node, facts: DocumentFacts): boolean {
  return decoratorsOf(definition).some((decorator) => {
    const expression = decoratorExpression(decorator);
    return expression !== undefined && turnsRecordingOff(expression, facts);
  });
}

/** The context managers of a `with` statement: the values of its items (`torch.no_grad()` in `with torch.no_grad() as g`). */
function withItems(statement: Node): Node[] {
  const clause = statement.namedChildren.find((child) => child?.type === 'with_clause');
  return (clause?.namedChildren ?? [])
    .filter((item): item is Node => item?.type === 'with_item')
    .map((item) => {
      const value = item.childForFieldName('value');
      const expression = value ? unparenthesized(value) : item;
      // `with torch.no_grad() as g` is an as_pattern around the call.
      return expression.type === 'as_pattern' ? (expression.namedChild(0) ?? expression) : expression;
    });
}

/**
 * `torch.set_grad_enabled(False)` as a statement of its own anywhere in the
 * document: recording is off from there on, for code anywhere that runs after.
 */
export function turnsRecordingOffGlobally(facts: DocumentFacts): boolean {
  const root = facts.module.main;
  return facts.names.spellings('set_grad_enabled', root).some((identifier) => {
    const call = calleeCall(identifier);
    return call?.parent?.type === 'expression_statement' && turnsRecordingOff(call, facts);
  });
}

/** Whether some call spelled `name` runs with recording off (`with torch.no_grad(): evaluate(model)`). */
export function calledWithRecordingOff(name: string, facts: DocumentFacts): boolean {
  return facts.names.spellings(name, facts.module.main).some((identifier) => {
    const call = calleeCall(identifier);
    return call !== undefined && recordingOffAt(call, facts);
  });
}

/** The calls `….backward(…)` inside `within`. */
function backwardCalls(within: Node, facts: DocumentFacts): Node[] {
  return facts.names
    .spellings('backward', within)
    .map((identifier) => calleeCall(identifier))
    .filter((call): call is Node => call?.childForFieldName('function')?.type === 'attribute');
}

/** The backward passes inside `within`: `x.backward()`, `torch.autograd.backward(…)` and `torch.autograd.grad(…)` calls. */
export function backwardPasses(within: Node, facts: DocumentFacts): Node[] {
  const grads = facts.names.spellings('grad', within).flatMap((identifier) => {
    const call = calleeCall(identifier);
    const callee = call?.childForFieldName('function');
    return call && callee && facts.qualifiedName(callee) === 'torch.autograd.grad' ? [call] : [];
  });
  return [...backwardCalls(within, facts), ...grads];
}

/**
 * Whether `name` is a loss the loop runs backward through: the loop binds it
 * on its passes and a `.backward()` in it is called on an expression that
 * reads it.
 */
export function isBackpropagatedLoss(name: Node, loop: Node, facts: DocumentFacts): boolean {
  const bound = bindingsOf(facts, name.text, name)?.bindings ?? [];
  if (!bound.some((binding) => contains(loop, binding.site.node))) return false;
  return backwardCalls(loop, facts).some((call) => {
    const receiver = call.childForFieldName('function')?.childForFieldName('object');
    return receiver !== null && receiver !== undefined && readsName(receiver, name.text);
  });
}

/** Whether the expression reads the name (a reference, not an attribute or keyword spelled the same). */
export function readsName(expression: Node, name: string): boolean {
  for (const node of descendants(expression)) {
    if (node.type === 'identifier' && node.text === name && isReference(node)) return true;
  }
  return false;
}
