// Whether a list of metrics is read only for numbers: summed, counted,
// averaged, printed, or stacked into one tensor to be reduced. Each of these
// gives the same number from a list of Python numbers (`torch.tensor` in the
// place of `torch.stack`); any other read (the list returned, passed to a
// function, an item's tensor methods called, `torch.cat`) may need tensors.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { describeBinding } from '../../semantics/initialValues';
import { expressionChildren, isField, parenthesesAround, unparenthesized } from '../../semantics/syntax';
import { usesOfName } from '../../semantics/uses';

export interface NumericReads {
  /** The `stack` of each `torch.stack(list)` read: `torch.tensor` makes the same tensor of numbers. */
  readonly stacks: readonly Node[];
}

/** Calls that read a list of numbers (its first argument) and give a number whatever the items are. */
const NUMBER_READERS: ReadonlySet<string> = new Set([
  'builtins.len',
  'math.fsum',
  ...['mean', 'fmean', 'median', 'median_low', 'median_high', 'stdev', 'pstdev', 'variance', 'pvariance'].map(
    (name) => `statistics.${name}`,
  ),
  ...['mean', 'average', 'sum', 'std', 'var', 'median', 'max', 'min', 'amax', 'amin', 'nanmean', 'nansum'].map(
    (name) => `numpy.${name}`,
  ),
]);

/** Builtins whose result is one of the items, or their sum: a tensor when they are. */
const ITEM_READERS: ReadonlySet<string> = new Set(['builtins.sum', 'builtins.max', 'builtins.min']);

/** Reductions of the stacked tensor. */
const STACK_REDUCTIONS: ReadonlySet<string> = new Set(['mean', 'sum', 'max', 'min', 'std', 'var', 'median']);

const ARITHMETIC_PARENTS: ReadonlySet<string> = new Set([
  'binary_operator',
  'unary_operator',
  'parenthesized_expression',
]);

/**
 * How the list `name` names is read, when every read needs only numbers;
 * undefined otherwise. It must be a name bound to `[]` (or `list()`), grown by
 * `append` or `+= [...]`, and emptied at most by `[]` or `.clear()`. `written`
 * is the one statement that grows it, when a `torch.stack` read is to become
 * `torch.tensor`: another might add tensors still.
 */
export function numericReads(name: Node, written: Node, facts: DocumentFacts): NumericReads | undefined {
  const uses = usesOfName(facts, name);
  if (!uses) return undefined;
  let writes = 0;
  for (const site of uses.sites) {
    const binding = describeBinding(site);
    if (binding.kind === 'value' && isEmptyList(unparenthesized(binding.value), facts)) continue;
    if (binding.kind === 'augmented' && binding.operator === '+=' && unparenthesized(binding.value).type === 'list') {
      writes++;
      continue;
    }
    return undefined;
  }
  if (!uses.sites.some((site) => site.node.startIndex < written.startIndex)) return undefined;
  const stacks: Node[] = [];
  for (const read of uses.reads) {
    const method = methodCalled(read);
    if (method === 'append') writes++;
    else if (method === 'clear') continue;
    else {
      const stack = stackedName(read, facts);
      if (stack) stacks.push(stack);
      else if (!readsNumbers(read, facts)) return undefined;
    }
  }
  return stacks.length > 0 && writes !== 1 ? undefined : { stacks };
}

/** `[]` or `list()`. */
function isEmptyList(value: Node, facts: DocumentFacts): boolean {
  if (value.type === 'list') return expressionChildren(value).length === 0;
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  return callee !== null && facts.callArguments(value).length === 0 && facts.qualifiedName(callee) === 'builtins.list';
}

/** The method called on the read: `append` of `xs.append(x)`. */
function methodCalled(read: Node): string | undefined {
  const attribute = parenthesesAround(read).parent;
  const call = attribute?.parent;
  if (attribute?.type !== 'attribute' || !isField(attribute, 'object', parenthesesAround(read))) return undefined;
  return call?.type === 'call' && isField(call, 'function', attribute)
    ? attribute.childForFieldName('attribute')?.text
    : undefined;
}

/**
 * The call the read is the list argument of: the read itself, or a slice of
 * it (`sum(accs[-100:])`), as the first positional argument.
 */
function argumentOf(read: Node): { call: Node; index: number } | undefined {
  let argument = parenthesesAround(read);
  const sliced = argument.parent;
  if (
    sliced?.type === 'subscript' &&
    isField(sliced, 'value', argument) &&
    sliced.childForFieldName('subscript')?.type === 'slice'
  )
    argument = parenthesesAround(sliced);
  const list = argument.parent;
  const call = list?.parent;
  if (list?.type !== 'argument_list' || call?.type !== 'call') return undefined;
  const index = expressionChildren(list).findIndex((part) => part.id === argument.id);
  return index >= 0 ? { call, index } : undefined;
}

/** `print(accs)`, `len(accs)`, `np.mean(accs)`, `sum(accs) / len(accs)` (but not `sum(accs).item()`, which needs a tensor). */
function readsNumbers(read: Node, facts: DocumentFacts): boolean {
  const found = argumentOf(read);
  if (!found) return false;
  const callee = found.call.childForFieldName('function');
  const name = callee ? facts.qualifiedName(callee) : undefined;
  if (name === 'builtins.print') return true;
  if (found.index !== 0 || name === undefined) return false;
  if (NUMBER_READERS.has(name)) return true;
  return ITEM_READERS.has(name) && !usedAsTensor(found.call);
}

/** Whether a method or attribute is read from the value, or from arithmetic on it: `sum(accs).item()`, `(sum(accs) / n).cpu()`. */
function usedAsTensor(value: Node): boolean {
  let current = value;
  for (let parent = current.parent; parent && ARITHMETIC_PARENTS.has(parent.type); parent = current.parent)
    current = parent;
  const parent = current.parent;
  return parent?.type === 'attribute' && isField(parent, 'object', current);
}

/** The `stack` of `torch.stack(accs)` reduced at once (`torch.stack(accs).mean()`), read as the list's only argument. */
function stackedName(read: Node, facts: DocumentFacts): Node | undefined {
  const argument = parenthesesAround(read);
  const list = argument.parent;
  const call = list?.parent;
  if (list?.type !== 'argument_list' || call?.type !== 'call' || facts.callArguments(call).length !== 1)
    return undefined;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || facts.qualifiedName(callee) !== 'torch.stack') return undefined;
  const reduction = parenthesesAround(call).parent;
  const reduced = reduction?.parent;
  const reduces =
    reduction?.type === 'attribute' &&
    STACK_REDUCTIONS.has(reduction.childForFieldName('attribute')?.text ?? '') &&
    reduced?.type === 'call' &&
    isField(reduced, 'function', reduction);
  return reduces ? (callee.childForFieldName('attribute') ?? undefined) : undefined;
}
