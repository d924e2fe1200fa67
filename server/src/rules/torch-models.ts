// Which calls run a PyTorch model, as far as the code shows: a name bound to
// a model it builds (a layer of torch.nn with parameters, a torchvision model,
// a class of the file that derives from nn.Module), or a parameter annotated
// as one; and which calls pass a model's output on with its graph (a loss, a
// function of torch.nn.functional).
import type { Node } from 'web-tree-sitter';
import { derivesFrom, localClass } from '../semantics/classes';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf, type NameBinding } from '../semantics/initialValues';
import { contains } from '../semantics/loops';
import { unparenthesized } from '../semantics/syntax';
import { graphSources } from './autograd-graph';

const MODULE = new Set(['torch.nn.Module']);

/** Whether the file names torch or torchvision: every model and tensor the PyTorch rules know comes from them. */
export function importsTorch(facts: DocumentFacts): boolean {
  const root = facts.module.main;
  return facts.names.spellings('torch', root).length > 0 || facts.names.spellings('torchvision', root).length > 0;
}

/** Methods of a module that return the module itself: `Net().to(device).eval()` is a Net. */
const RETURNING_SELF: ReadonlySet<string> = new Set(['to', 'cuda', 'cpu', 'eval', 'train', 'float', 'double', 'half']);

/**
 * Layers of torch.nn without parameters (activations, pooling, dropout,
 * reshaping): their output has a graph only when their input has one.
 */
const PARAMETERLESS =
  /^(Identity|Flatten|Unflatten|Dropout\w*|\w*Pool\w*|\w*Pad\dd|Upsample\w*|Pixel\w*|ChannelShuffle|Threshold|\w*ReLU\d*|[GS]?ELU|CELU|GELU|SiLU|Mish|GLU|Hard\w+|LogSigmoid|Sigmoid|Tanh|Tanhshrink|Softmax\w*|Softmin|LogSoftmax|Softplus|Softsign|Softshrink)$/;

/** The greatest number of names followed from an accumulated value back to a model call. */
const MAX_DEPTH = 4;

/** Whether `callee` names a model: every value bound to the name is one the code builds, or it is a parameter annotated as one. */
export function isModel(callee: Node, facts: DocumentFacts): boolean {
  if (callee.type !== 'identifier') return false;
  const bindings = (bindingsOf(facts, callee.text, callee)?.bindings ?? []).filter(
    (binding) => binding.kind !== 'annotation',
  );
  return bindings.length > 0 && bindings.every((binding) => isModelBinding(binding, facts));
}

function isModelBinding(binding: NameBinding, facts: DocumentFacts): boolean {
  if (binding.kind === 'value') return buildsModel(binding.value, facts);
  if (binding.kind !== 'parameter' || !binding.annotation) return false;
  return isModuleClass(binding.annotation, facts);
}

/** `nn.Linear(…)`, `torchvision.models.resnet18()`, `Net()`, and any of them `.to(device)`, `.eval()`. */
function buildsModel(value: Node, facts: DocumentFacts): boolean {
  let call = unparenthesized(value);
  for (let callee = call.childForFieldName('function'); call.type === 'call' && callee?.type === 'attribute'; ) {
    const method = callee.childForFieldName('attribute')?.text ?? '';
    const receiver = callee.childForFieldName('object');
    if (!RETURNING_SELF.has(method) || !receiver || unparenthesized(receiver).type !== 'call') break;
    call = unparenthesized(receiver);
    callee = call.childForFieldName('function');
  }
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  if (!callee) return false;
  const name = facts.qualifiedName(callee);
  if (name?.startsWith('torchvision.models.')) return true;
  if (name?.startsWith('torch.nn.')) return isLayerWithParameters(name.slice('torch.nn.'.length));
  return isModuleClass(callee, facts);
}

function isLayerWithParameters(name: string): boolean {
  return /^[A-Z]\w*$/.test(name) && !name.endsWith('Loss') && !PARAMETERLESS.test(name);
}

/** `nn.Module`, or a class of the file that derives from it. */
function isModuleClass(expression: Node, facts: DocumentFacts): boolean {
  if (facts.qualifiedName(expression) === 'torch.nn.Module') return true;
  const local = localClass(expression, facts);
  return local !== undefined && derivesFrom(local, facts, MODULE);
}

/** Functions whose result keeps their tensor arguments' graphs. */
const GRAPH_KEEPING_FUNCTIONS: ReadonlySet<string> = new Set(
  ['softmax', 'log_softmax', 'sigmoid', 'tanh', 'exp', 'sum', 'mean', 'cat', 'stack', 'squeeze', 'flatten'].map(
    (name) => `torch.${name}`,
  ),
);

/** A call that passes its tensor arguments' graphs on: `F.cross_entropy(out, y)`, `torch.softmax(out, 1)`, `criterion(out, y)`. */
function passesGraphOn(call: Node, facts: DocumentFacts): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  const name = facts.qualifiedName(callee);
  if (name !== undefined)
    return (
      (name.startsWith('torch.nn.functional.') && name !== 'torch.nn.functional.one_hot') ||
      GRAPH_KEEPING_FUNCTIONS.has(name)
    );
  return criterionBuilds(callee, facts) !== undefined;
}

/**
 * The losses of torch.nn a criterion is built as (`nn.CrossEntropyLoss()`),
 * when `callee` is a name bound only to such; undefined for anything else.
 */
export function criterionBuilds(callee: Node, facts: DocumentFacts): Node[] | undefined {
  if (callee.type !== 'identifier') return undefined;
  const builds: Node[] = [];
  for (const binding of bindingsOf(facts, callee.text, callee)?.bindings ?? []) {
    const value = binding.kind === 'value' ? unparenthesized(binding.value) : undefined;
    const builder = value?.type === 'call' ? value.childForFieldName('function') : null;
    const built = builder ? facts.qualifiedName(builder) : undefined;
    if (!value || built?.startsWith('torch.nn.') !== true || !built.endsWith('Loss')) return undefined;
    builds.push(value);
  }
  return builds.length > 0 ? builds : undefined;
}

/**
 * The call of a model whose output, with its graph, the expression's value
 * carries: the call itself (`model(x)`), a name the loop binds to it (`out`),
 * or a loss or function of it (`criterion(out, y)`, `out.softmax(1)`).
 */
export function modelCallCarried(expression: Node, loop: Node, facts: DocumentFacts): Node | undefined {
  return modelCallsCarried(expression, loop, facts)[0];
}

/**
 * Every model call whose graph the expression's value carries, those a model
 * is given included (`D(G(z))` carries both calls): what a backward pass
 * through the value runs through. `reach: 'any call'` takes any function's
 * result to carry what its arguments do (`real_loss(D(x))`, a loss the file
 * defines): the calls a backward pass may run through, over-counted rather
 * than missed.
 */
export function modelCallsCarried(
  expression: Node,
  loop: Node,
  facts: DocumentFacts,
  reach: 'graph-keeping calls' | 'any call' = 'graph-keeping calls',
  depth = 0,
): Node[] {
  if (depth > MAX_DEPTH) return [];
  return graphSources(expression).flatMap((source) =>
    source.type === 'call'
      ? carriedByCall(source, loop, facts, reach, depth)
      : carriedByName(source, loop, facts, reach, depth),
  );
}

function carriedByCall(
  call: Node,
  loop: Node,
  facts: DocumentFacts,
  reach: 'graph-keeping calls' | 'any call',
  depth: number,
): Node[] {
  const callee = call.childForFieldName('function');
  const model = callee !== null && isModel(callee, facts);
  if (!model && reach !== 'any call' && !passesGraphOn(call, facts)) return [];
  const given = facts
    .callArguments(call)
    .filter((argument) => argument.type !== 'keyword_argument')
    .flatMap((argument) => modelCallsCarried(argument, loop, facts, reach, depth + 1));
  return model ? [call, ...given] : given;
}

/** What a name carries when every binding of it inside the loop stores what a model's output carries. */
function carriedByName(
  name: Node,
  loop: Node,
  facts: DocumentFacts,
  reach: 'graph-keeping calls' | 'any call',
  depth: number,
): Node[] {
  const inLoop = (bindingsOf(facts, name.text, name)?.bindings ?? []).filter((binding) =>
    contains(loop, binding.site.node),
  );
  const found: Node[] = [];
  for (const binding of inLoop) {
    if (binding.kind !== 'value') return [];
    const carried = modelCallsCarried(binding.value, loop, facts, reach, depth + 1);
    if (carried.length === 0) return [];
    found.push(...carried);
  }
  return found;
}
