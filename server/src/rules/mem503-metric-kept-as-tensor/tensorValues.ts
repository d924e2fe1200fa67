// What the code shows of a value in a PyTorch loop: that it is a tensor,
// whether it was moved to a GPU, whether it holds one number (a reduction
// without a dimension, a loss), and whether it may carry an autograd graph.
// A tensor is shown by where it comes from: a tensor moved with `.to(…)`,
// `.cuda()` or `.cpu()`, an item of a `DataLoader`, a model the code builds,
// a loss of torch.nn, a function of torch, and what tensor methods,
// arithmetic and comparisons make of these. Anything else (a function of the
// file, `np.mean`) is not shown to be one: numpy arrays have `.mean()` too.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import type { NameBinding } from '../../semantics/initialValues';
import { expressionChildren, isField, unparenthesized, UNPACKING_TARGETS } from '../../semantics/syntax';
import { criterionBuilds, isModel } from '../torch-models';
import { deviceKind } from './devices';
import { reachingBindings } from './reachingBindings';

export interface TensorValue {
  /** Moved to a GPU on its way here, and not back. */
  readonly onGpu: boolean;
  /** One number (a 0-d tensor): `.item()` gives it. */
  readonly scalar: boolean;
  /** It may carry an autograd graph: it comes from a model's output, or from a value the code does not show, through operations that keep one. */
  readonly mayHaveGraph: boolean;
}

/** How many expressions deep a value is followed (`(out.argmax(1) == y).float().mean()` back to `x.to(device)` is ten). */
const MAX_DEPTH = 32;

/** Reductions to one number when given no dimension (`t.mean()`, `torch.sum(t)`), and whether the result keeps the graph. */
const REDUCTIONS: ReadonlyMap<string, boolean> = new Map([
  ...['sum', 'mean', 'max', 'min', 'std', 'var', 'norm', 'prod', 'median', 'amax', 'amin', 'nansum', 'nanmean'].map(
    (name) => [name, true] as const,
  ),
  ...['all', 'any', 'count_nonzero', 'argmax', 'argmin'].map((name) => [name, false] as const),
]);

/** Keywords that make a reduction keep a dimension. */
const DIMENSION_KEYWORDS: ReadonlySet<string> = new Set(['dim', 'axis', 'keepdim']);

/** Tensor methods whose result has the receiver's shape and graph: casts and element-wise maps. */
const ELEMENTWISE: ReadonlySet<string> = new Set([
  'float',
  'double',
  'half',
  'bfloat16',
  'abs',
  'neg',
  'exp',
  'log',
  'sqrt',
  'pow',
  'sigmoid',
  'tanh',
  'relu',
  'clamp',
  'clone',
  'contiguous',
  'mul',
  'div',
  'add',
  'sub',
  'round',
  'floor',
  'ceil',
]);

/** Tensor methods whose result has the receiver's shape and no graph. */
const DETACHING: ReadonlySet<string> = new Set(['detach', 'long', 'int', 'bool', 'byte']);

/** Tensor methods whose result has another shape: views, and comparisons (which broadcast, and keep no graph). */
const RESHAPING: ReadonlyMap<string, boolean> = new Map([
  ...['view', 'reshape', 'flatten', 'squeeze', 'unsqueeze', 't', 'transpose', 'permute', 'softmax', 'log_softmax'].map(
    (name) => [name, true] as const,
  ),
  ...['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'isnan', 'isinf', 'sign'].map((name) => [name, false] as const),
]);

/** Attributes of a tensor that are tensors: the parts of `t.max(1)`, its data, its transpose. */
const TENSOR_ATTRIBUTES: ReadonlyMap<string, boolean> = new Map([
  ['values', true],
  ['indices', false],
  ['data', false],
  ['T', true],
  ['mT', true],
]);

/** Functions of torch.nn.functional that give one number unless told `reduction="none"`. */
const FUNCTIONAL_LOSSES: ReadonlySet<string> = new Set(
  [
    'cross_entropy',
    'nll_loss',
    'mse_loss',
    'l1_loss',
    'smooth_l1_loss',
    'huber_loss',
    'binary_cross_entropy',
    'binary_cross_entropy_with_logits',
    'kl_div',
    'poisson_nll_loss',
    'gaussian_nll_loss',
    'hinge_embedding_loss',
    'soft_margin_loss',
    'multilabel_soft_margin_loss',
    'cosine_embedding_loss',
    'margin_ranking_loss',
  ].map((name) => `torch.nn.functional.${name}`),
);

/** Functions of torch whose result keeps no graph. */
const DETACHING_FUNCTIONS: ReadonlySet<string> = new Set(
  ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'argmax', 'argmin', 'isnan', 'isinf', 'nn.functional.one_hot'].map(
    (name) => `torch.${name}`,
  ),
);

/** Functions of torch that make a tensor from numbers or arrays: on the device their `device=` names. */
const MAKERS: ReadonlySet<string> = new Set(
  ['tensor', 'as_tensor', 'from_numpy', 'zeros', 'ones', 'full', 'empty', 'arange', 'rand', 'randn', 'randint'].map(
    (name) => `torch.${name}`,
  ),
);

/** Functions of torch that are not tensors' (`torch.device("cuda")`, `torch.no_grad()`). */
const NOT_TENSORS =
  /^torch\.(device|cuda\.|no_grad|inference_mode|set_grad_enabled|is_tensor|numel|manual_seed|optim\.|utils\.)/;

const DATA_LOADERS: ReadonlySet<string> = new Set([
  'torch.utils.data.DataLoader',
  'torch.utils.data.dataloader.DataLoader',
]);

const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '//', '%', '**', '@']);

/** The tensors of one document, as far as its code shows them. */
export class TensorValues {
  private readonly visiting = new Set<number>();
  private readonly known = new Map<number, TensorValue | undefined>();
  private readonly mentionsRequiresGrad: boolean;

  constructor(readonly facts: DocumentFacts) {
    const root = facts.module.main;
    // A tensor the code asks to record (`requires_grad=True`, `x.requires_grad_()`) makes its data a graph's start.
    this.mentionsRequiresGrad =
      facts.names.spellings('requires_grad', root).length > 0 ||
      facts.names.spellings('requires_grad_', root).length > 0;
  }

  /** What the code shows of the value, or undefined when it does not show a tensor. */
  of(expression: Node): TensorValue | undefined {
    const node = unparenthesized(expression);
    if (this.known.has(node.id)) return this.known.get(node.id);
    if (this.visiting.has(node.id) || this.visiting.size >= MAX_DEPTH) return undefined;
    this.visiting.add(node.id);
    try {
      const value = this.classify(node);
      this.known.set(node.id, value);
      return value;
    } finally {
      this.visiting.delete(node.id);
    }
  }

  /** A plain number: a literal, `len(…)`, `t.size(0)`, `t.numel()`, `t.shape[0]`, `float(…)`, or a name bound only to one. */
  isNumber(expression: Node, depth = 0): boolean {
    const node = unparenthesized(expression);
    if (depth > MAX_DEPTH) return false;
    switch (node.type) {
      case 'integer':
      case 'float':
        return true;
      case 'unary_operator':
        return this.isNumber(node.childForFieldName('argument') ?? node, depth + 1);
      case 'binary_operator':
        return (
          ARITHMETIC.has(node.childForFieldName('operator')?.text ?? '') &&
          expressionChildren(node).every((side) => this.isNumber(side, depth + 1))
        );
      case 'subscript': {
        const value = node.childForFieldName('value');
        return value?.type === 'attribute' && value.childForFieldName('attribute')?.text === 'shape';
      }
      case 'call': {
        const callee = node.childForFieldName('function');
        if (!callee) return false;
        const name = this.facts.qualifiedName(callee);
        if (name === 'builtins.len' || name === 'builtins.float' || name === 'builtins.int') return true;
        const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
        if (method === 'numel' || method === 'item') return true;
        return method === 'size' && this.facts.callArguments(node).length === 1;
      }
      case 'identifier': {
        const reaching = reachingBindings(node, this.facts);
        return (
          reaching?.every((binding) => binding.kind === 'value' && this.isNumber(binding.value, depth + 1)) === true
        );
      }
      default:
        return false;
    }
  }

  /**
   * Whether the value is a batch of a `DataLoader` (or a part of one): data,
   * with no graph unless the code makes its data record one. Items of other
   * loops may be a model's outputs saved earlier (`for value in saved_values`).
   */
  isData(expression: Node): boolean {
    const node = unparenthesized(expression);
    if (this.mentionsRequiresGrad) return false;
    if (node.type === 'subscript') return this.isData(node.childForFieldName('value') ?? node);
    if (node.type !== 'identifier') return false;
    const reaching = reachingBindings(node, this.facts);
    return (
      reaching !== undefined &&
      reaching.length > 0 &&
      reaching.every((binding) => binding.site.kind === 'loop' && iteratesDataLoader(binding.site.node, this.facts))
    );
  }

  private classify(node: Node): TensorValue | undefined {
    switch (node.type) {
      case 'identifier':
        return this.ofName(node);
      case 'call':
        return this.ofCall(node);
      case 'attribute': {
        const keepsGraph = TENSOR_ATTRIBUTES.get(node.childForFieldName('attribute')?.text ?? '');
        const tensor = keepsGraph === undefined ? undefined : this.of(node.childForFieldName('object') ?? node);
        return tensor && { ...tensor, scalar: false, mayHaveGraph: keepsGraph === true && tensor.mayHaveGraph };
      }
      case 'subscript': {
        const tensor = this.of(node.childForFieldName('value') ?? node);
        return tensor && { ...tensor, scalar: false };
      }
      case 'unary_operator':
        return node.childForFieldName('operator')?.text === '-'
          ? this.of(node.childForFieldName('argument') ?? node)
          : undefined;
      case 'binary_operator':
        return ARITHMETIC.has(node.childForFieldName('operator')?.text ?? '')
          ? this.ofOperands(expressionChildren(node), true)
          : undefined;
      case 'comparison_operator':
        return this.ofOperands(expressionChildren(node), false);
      default:
        return undefined;
    }
  }

  /**
   * Arithmetic (`acc * 100`, `correct / y.size(0)`) or a comparison
   * (`out.argmax(1) == y`) with a tensor: one number when every operand is,
   * and a graph (arithmetic only) when any operand may carry one.
   */
  private ofOperands(operands: readonly Node[], keepsGraph: boolean): TensorValue | undefined {
    const tensors = operands.map((operand) => this.of(operand));
    if (!tensors.some((tensor) => tensor !== undefined)) return undefined;
    const numbers = operands.map((operand, index) => tensors[index] === undefined && this.isNumber(operand));
    return {
      onGpu: tensors.some((tensor) => tensor?.onGpu),
      scalar: tensors.every((tensor, index) => (tensor ? tensor.scalar : numbers[index])),
      mayHaveGraph:
        keepsGraph &&
        tensors.some((tensor, index) =>
          tensor ? tensor.mayHaveGraph : !numbers[index] && !this.isData(operands[index]!),
        ),
    };
  }

  private ofName(name: Node): TensorValue | undefined {
    const reaching = reachingBindings(name, this.facts);
    if (!reaching) return undefined;
    const values = reaching.map((binding) => this.ofBinding(binding));
    if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
    const known = values as TensorValue[];
    return {
      onGpu: known.every((value) => value.onGpu),
      scalar: known.every((value) => value.scalar),
      mayHaveGraph: known.some((value) => value.mayHaveGraph),
    };
  }

  private ofBinding(binding: NameBinding): TensorValue | undefined {
    if (binding.kind === 'value') return this.of(binding.value);
    if (binding.kind !== 'other') return undefined;
    if (binding.site.kind === 'loop')
      return iteratesDataLoader(binding.site.node, this.facts)
        ? { onGpu: false, scalar: false, mayHaveGraph: this.mentionsRequiresGrad }
        : undefined;
    const part = unpackedValue(binding.site.node);
    return part ? this.of(part) : undefined;
  }

  private ofCall(call: Node): TensorValue | undefined {
    const callee = call.childForFieldName('function');
    if (!callee) return undefined;
    if (callee.type === 'attribute') {
      const method = callee.childForFieldName('attribute')?.text ?? '';
      const receiver = callee.childForFieldName('object');
      // `torch.sum(t)` is an attribute of the module torch, not a method.
      const qualified = this.facts.qualifiedName(callee);
      if (qualified === undefined && receiver) return this.ofMethod(call, method, receiver);
      if (qualified !== undefined) return this.ofFunction(call, qualified);
      return undefined;
    }
    const qualified = this.facts.qualifiedName(callee);
    if (qualified !== undefined) return this.ofFunction(call, qualified);
    return this.ofModelOrCriterion(call, callee);
  }

  private ofMethod(call: Node, method: string, receiver: Node): TensorValue | undefined {
    const args = this.facts.callArguments(call);
    if (method === 'to' || method === 'cuda' || method === 'cpu') return this.moved(method, receiver, args);
    const tensor = this.of(receiver);
    if (!tensor) return undefined;
    const reduces = REDUCTIONS.get(method);
    if (reduces !== undefined)
      return {
        onGpu: tensor.onGpu,
        scalar: args.every((arg) => arg.type === 'keyword_argument' && !DIMENSION_KEYWORDS.has(keywordName(arg))),
        mayHaveGraph: reduces && tensor.mayHaveGraph,
      };
    if (ELEMENTWISE.has(method)) return tensor;
    if (DETACHING.has(method)) return { ...tensor, mayHaveGraph: false };
    const keepsGraph = RESHAPING.get(method);
    return keepsGraph === undefined
      ? undefined
      : { ...tensor, scalar: false, mayHaveGraph: keepsGraph && tensor.mayHaveGraph };
  }

  /** `x.to(device)`, `x.cuda()`, `x.cpu()`: a tensor whatever the code shows of `x`; on the device named, else where it was. */
  private moved(method: string, receiver: Node, args: readonly Node[]): TensorValue {
    const tensor = this.of(receiver);
    const device = method === 'to' ? deviceArgument(args) : undefined;
    const kind = device ? deviceKind(device, this.facts) : 'unknown';
    const onGpu =
      method === 'cuda' || kind === 'gpu' || (method === 'to' && kind === 'unknown' && tensor?.onGpu === true);
    return {
      onGpu: method !== 'cpu' && onGpu,
      scalar: tensor?.scalar ?? false,
      mayHaveGraph: tensor ? tensor.mayHaveGraph : !this.isData(receiver),
    };
  }

  private ofFunction(call: Node, name: string): TensorValue | undefined {
    if (!name.startsWith('torch.') || NOT_TENSORS.test(name)) return undefined;
    const args = this.facts.callArguments(call);
    const positional = args.filter(
      (arg) => arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat',
    );
    if (MAKERS.has(name)) {
      const device = deviceArgument(args.filter((arg) => arg.type === 'keyword_argument'));
      return {
        onGpu: device !== undefined && deviceKind(device, this.facts) === 'gpu',
        scalar: false,
        mayHaveGraph: args.some((arg) => keywordName(arg) === 'requires_grad'),
      };
    }
    const tensors = positional.map((arg) => this.of(arg));
    if (!tensors.some((tensor) => tensor !== undefined)) return undefined;
    const shortName = name.slice('torch.'.length);
    const reduces = REDUCTIONS.get(shortName);
    const keepsDimension = args.some((arg) => DIMENSION_KEYWORDS.has(keywordName(arg)));
    const scalar =
      reduces !== undefined
        ? positional.length === 1 && !keepsDimension
        : FUNCTIONAL_LOSSES.has(name) && reducesToOne(args);
    const graphFree = DETACHING_FUNCTIONS.has(name) || reduces === false;
    return {
      onGpu: tensors.some((tensor) => tensor?.onGpu),
      scalar,
      mayHaveGraph: !graphFree && this.anyMayHaveGraph(positional, tensors),
    };
  }

  /** `model(x)` of a model the code builds; `criterion(out, y)` of a loss of torch.nn. */
  private ofModelOrCriterion(call: Node, callee: Node): TensorValue | undefined {
    const positional = this.facts.callArguments(call).filter((arg) => arg.type !== 'keyword_argument');
    const tensors = positional.map((arg) => this.of(arg));
    const onGpu = tensors.some((tensor) => tensor?.onGpu);
    const builds = criterionBuilds(callee, this.facts);
    if (builds)
      return {
        onGpu,
        scalar: builds.every((build) => reducesToOne(this.facts.callArguments(build))),
        mayHaveGraph: this.anyMayHaveGraph(positional, tensors),
      };
    return isModel(callee, this.facts) ? { onGpu, scalar: false, mayHaveGraph: true } : undefined;
  }

  /** Whether any argument may carry a graph: a tensor that may, or a value not shown that is not a loop's data. */
  private anyMayHaveGraph(args: readonly Node[], tensors: readonly (TensorValue | undefined)[]): boolean {
    return args.some((arg, index) => {
      const tensor = tensors[index];
      return tensor ? tensor.mayHaveGraph : !this.isNumber(arg) && !this.isData(arg);
    });
  }
}

function keywordName(arg: Node): string {
  return arg.type === 'keyword_argument' ? (arg.childForFieldName('name')?.text ?? '') : '';
}

/** The device `.to(…)` is given: its `device=`, or its first positional argument (which may be a dtype). */
function deviceArgument(args: readonly Node[]): Node | undefined {
  const keyword = args.find((arg) => keywordName(arg) === 'device');
  if (keyword) return keyword.childForFieldName('value') ?? undefined;
  const first = args[0];
  return first && first.type !== 'keyword_argument' ? first : undefined;
}

/** A loss without `reduction=` or with `reduction="mean"` / `"sum"`: one number. */
function reducesToOne(args: readonly Node[]): boolean {
  const reduction = args.find((arg) => keywordName(arg) === 'reduction')?.childForFieldName('value');
  if (!reduction) return true;
  return /^['"](mean|sum)['"]$/.test(reduction.text);
}

/**
 * Whether a loop target takes its value from a `DataLoader` (`for x, y in
 * loader`, `for i, (x, y) in enumerate(loader)`): the batches are tensors.
 */
function iteratesDataLoader(target: Node, facts: DocumentFacts): boolean {
  let loop: Node | null = target.parent;
  while (loop && loop.type !== 'for_statement') loop = loop.parent;
  const left = loop?.childForFieldName('left');
  let iterable = loop?.childForFieldName('right');
  if (!left || !iterable) return false;
  iterable = unparenthesized(iterable);
  const callee = iterable.type === 'call' ? iterable.childForFieldName('function') : null;
  if (callee && facts.qualifiedName(callee) === 'builtins.enumerate') {
    // The batch is the second part of each (index, batch) pair.
    const parts = UNPACKING_TARGETS.includes(left.type) ? expressionChildren(left) : [];
    const batch = parts[1];
    const source = facts.callArguments(iterable)[0];
    if (
      !batch ||
      parts.length !== 2 ||
      !source ||
      batch.startIndex > target.startIndex ||
      target.endIndex > batch.endIndex
    )
      return false;
    iterable = unparenthesized(source);
  }
  return isDataLoader(iterable, facts);
}

function isDataLoader(expression: Node, facts: DocumentFacts): boolean {
  if (expression.type === 'call') {
    const callee = expression.childForFieldName('function');
    return callee !== null && DATA_LOADERS.has(facts.qualifiedName(callee) ?? '');
  }
  if (expression.type !== 'identifier') return false;
  const bindings = reachingBindings(expression, facts) ?? [];
  return (
    bindings.length > 0 &&
    bindings.every((binding) => binding.kind === 'value' && isDataLoader(unparenthesized(binding.value), facts))
  );
}

/** The part of the right side an unpacking assignment stores in the target (`x` of `x, y = a, b` is `a`). */
function unpackedValue(target: Node): Node | undefined {
  const pattern = target.parent;
  const assignment = pattern?.parent;
  if (!pattern || !UNPACKING_TARGETS.includes(pattern.type) || assignment?.type !== 'assignment') return undefined;
  if (!isField(assignment, 'left', pattern)) return undefined;
  const right = assignment.childForFieldName('right');
  const values = right && (right.type === 'expression_list' || right.type === 'tuple') ? expressionChildren(right) : [];
  const targets = expressionChildren(pattern);
  if (values.length !== targets.length || values.some((value) => value.type === 'list_splat')) return undefined;
  const index = targets.findIndex((part) => part.id === target.id);
  return index >= 0 ? values[index] : undefined;
}
