import type { Node } from 'web-tree-sitter';
import { lastPart, mayEndIn } from '../analysis/calleeNames';
import type { DocumentFacts } from '../analysis/facts';
import { bindingsOf, type NameBinding } from '../analysis/initialValues';
import { alwaysRunsWith, contains, enclosingLoops, isShortLoop } from '../analysis/loops';
import { callArguments, descendants, SCOPE_TYPES, unparenthesized } from '../analysis/syntax';
import { calleeAnchors } from './anchors';
import type { Rule } from './types';

/** Where a combining function takes the arrays or frames it copies. */
type Inputs = { readonly positional: readonly number[]; readonly keywords: readonly string[]; readonly sequence: boolean };

/**
 * Functions that return a new array or frame holding a copy of their inputs.
 * `np.stack` is left out: it adds a dimension, so its result cannot be fed back in.
 */
const COMBINING_CALLS: ReadonlyMap<string, Inputs> = new Map<string, Inputs>([
  ['numpy.append', { positional: [0, 1], keywords: ['arr', 'values'], sequence: false }],
  ['numpy.insert', { positional: [0], keywords: ['arr'], sequence: false }],
  ...['concatenate', 'vstack', 'hstack', 'dstack', 'column_stack', 'row_stack'].map(
    (name): [string, Inputs] => [`numpy.${name}`, { positional: [0], keywords: ['arrays', 'tup'], sequence: true }],
  ),
  ['pandas.concat', { positional: [0], keywords: ['objs'], sequence: true }],
]);

/** The last names of COMBINING_CALLS, and `append` for DataFrame.append. */
const GROWING_NAMES: readonly string[] = [...new Set([...[...COMBINING_CALLS.keys()].map(lastPart), 'append'])];

const PANDAS_TYPES: ReadonlySet<string> = new Set(['pandas.DataFrame', 'pandas.Series']);

/** The assignment that stores this call's result: `arr = np.append(arr, x)`. */
function assignmentOfValue(call: Node): Node | undefined {
  // Each parent read is a call into WASM that climbs from the root: once per level.
  let parent = call.parent;
  while (parent?.type === 'parenthesized_expression') parent = parent.parent;
  return parent?.type === 'assignment' ? parent : undefined;
}

export const mem204: Rule = {
  code: 'MEM204',
  name: 'concat-in-loop',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary: 'An array or DataFrame grown by copying inside a loop (`np.append`, `pd.concat`, `DataFrame.append`)',
  docs: {
    whatItDoes:
      'Flags `arr = np.append(arr, x)`, `arr = np.concatenate([arr, x])` (also `np.insert`, `vstack`, `hstack`, `dstack`, `column_stack`, `row_stack`), `df = pd.concat([df, row])` and `df = df.append(row)` (`DataFrame.append` was removed in pandas 2.0 but is common in older code) inside a `for` or `while` loop: the result is stored back into one of the inputs, so the value grows by one copy per pass. numpy and pandas are recognised through their imports (`import numpy as np`, `from numpy import append`, `import pandas as pd`). `df.append` is flagged only when `df` is bound from a `pd.*` call (`pd.DataFrame(...)`, `pd.read_csv(...)`, `pd.concat(...)`) or is a parameter annotated `pd.DataFrame`/`pd.Series`, since lists have an `append` too. Not flagged: calls whose result goes to another name, calls outside loops or in a function merely defined inside a loop, and loops that store another value in the name on every pass (`arr = np.empty(0)` before the call, `arr = arr[-100:]` after it); a reset inside an `if`, as when flushing batches, does not stop the growth between resets. Loops the code shows to be short (`for block in (a, b, c)`, `range(5)`: at most 10 passes) are left alone.',
    whyBadForMemory:
      'numpy arrays and pandas frames never grow in place: each call allocates a new block for old + new rows and copies everything into it while the old block is still alive. Appending n rows of k float64 values one at a time copies 8·k·(1 + 2 + … + n) bytes in total: for 10,000 rows of 100 columns (an 8 MB result) that is about 40 GB of copying, and each step needs the old and the new array at once, 16 MB at the end instead of 8 MB. `pd.concat` and `DataFrame.append` copy the whole frame the same way, plus a new index each time. Collecting the pieces in a list costs 8 bytes of pointer per piece, and one `np.concatenate`/`np.vstack`/`pd.concat` after the loop copies each value once; its peak, pieces plus result, is what every pass of the growing loop needed, reached once. When the final size is known, `np.empty((n, k))` filled row by row needs no copy at all: 8 MB.',
    example:
      'import numpy as np\nimport pandas as pd\n\nrows = np.empty((0, 3))\nfor record in records:\n    rows = np.append(rows, [record], axis=0)\n\nframe = pd.DataFrame()\nfor path in paths:\n    frame = pd.concat([frame, pd.read_csv(path)])',
    useInstead:
      'import numpy as np\nimport pandas as pd\n\npieces = []\nfor record in records:\n    pieces.append(record)\nrows = np.array(pieces).reshape(-1, 3)  # or np.empty((n, 3)) filled in place when n is known\n\nframe = pd.concat([pd.read_csv(path) for path in paths])',
    fixSafety:
      'No automatic fix: the loop may read the partial result, the pieces may need reshaping before they combine, and `DataFrame.append` and `pd.concat` differ in how they treat dtypes and empty frames.',
  },
  anchors: calleeAnchors(GROWING_NAMES, assignmentOfValue),
  check(assignment, context) {
    const target = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (!target || !right || !isReference(target)) return undefined;
    const call = unparenthesized(right);
    if (call.type !== 'call') return undefined;
    // A growth takes the target in (as an input or the receiver), so its text is in the call's:
    // a cheaper test than resolving what the callee is.
    if (!referenceText(call).includes(referenceText(target))) return undefined;
    const growth = growingCall(call, target, context.facts);
    if (!growth) return undefined;
    const grows = (loop: Node): boolean => !isShortLoop(loop, context.facts) && !isReboundIn(loop, assignment, target, context.facts);
    if (!enclosingLoops(assignment).some(grows)) return undefined;
    return {
      code: mem204.code,
      message: `\`${growth.label}\`${growth.removed ? ' (removed in pandas 2.0)' : ''} inside a loop copies the whole of \`${target.text}\` on every pass (quadratic copying, old and new copies alive at once): collect the pieces in a list and combine them once after the loop`,
      severity: mem204.defaultSeverity,
      start: call.startIndex,
      end: call.endIndex,
    };
  },
};

interface Growth {
  /** The call as the message names it: `np.append`, `pd.concat`, `df.append`. */
  readonly label: string;
  /** `DataFrame.append`, which pandas 2.0 removed. */
  readonly removed: boolean;
}

/** The call, when it combines `target` with something into a new value. */
function growingCall(call: Node, target: Node, facts: DocumentFacts): Growth | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  // Most calls are ruled out before any lookup.
  if (!mayEndIn(callee, GROWING_NAMES, facts)) return undefined;
  const name = facts.qualifiedName(callee);
  const inputs = name === undefined ? undefined : COMBINING_CALLS.get(name);
  if (inputs) return inputsOf(call, inputs).some((input) => sameReference(input, target)) ? { label: callee.text, removed: false } : undefined;
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'append') return undefined;
  const receiver = callee.childForFieldName('object');
  if (!receiver || !sameReference(receiver, target) || target.type !== 'identifier') return undefined;
  return isPlausiblyPandas(target, facts) ? { label: `${target.text}.append`, removed: true } : undefined;
}

/** The expressions the call copies: the listed arguments, or the items of a list/tuple display passed there. */
function inputsOf(call: Node, inputs: Inputs): Node[] {
  const args = callArguments(call);
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const chosen = [
    ...inputs.positional.map((index) => positional[index]),
    ...args.filter((arg) => arg.type === 'keyword_argument' && inputs.keywords.includes(arg.childForFieldName('name')?.text ?? '')).map((arg) => arg.childForFieldName('value') ?? undefined),
  ].filter((arg): arg is Node => arg !== undefined && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat');
  if (!inputs.sequence) return chosen;
  return chosen.flatMap((arg) => {
    const display = unparenthesized(arg);
    return display.type === 'list' || display.type === 'tuple' ? display.namedChildren.filter((item): item is Node => item !== null) : [];
  });
}

/** A name or a chain of attributes on a name (`arr`, `self.rows`): targets the rule can follow. */
function isReference(node: Node): boolean {
  if (node.type === 'identifier') return true;
  const object = node.childForFieldName('object');
  return node.type === 'attribute' && object !== null && isReference(object);
}

function sameReference(expression: Node, target: Node): boolean {
  const node = unparenthesized(expression);
  return isReference(node) && referenceText(node) === referenceText(target);
}

function referenceText(node: Node): string {
  return node.text.replace(/\s+/g, '');
}

/**
 * Whether something in the loop other than a growth stores into the target on
 * every pass: before the growth it starts the value over (one copy per fresh
 * start), after it it replaces the value (`arr = arr[-100:]` keeps a window),
 * so growth across passes is unproven. For a name, every binding counts (loop
 * targets, `with … as`, plain assignments); for an attribute, assignments to
 * the same attribute chain. A reset inside an `if` (flushing a batch) does not
 * count: the value still grows quadratically between resets.
 */
function isReboundIn(loop: Node, growth: Node, target: Node, facts: DocumentFacts): boolean {
  const sites = target.type === 'identifier' ? nameSites(target, facts) : attributeAssignments(loop, target);
  return sites.some(({ site, value }) => {
    if (!contains(loop, site) || contains(growth, site)) return false;
    if (value && isGrowingValue(value, target, facts)) return false;
    return alwaysRunsWith(site, growth, loop);
  });
}

interface AssignmentSite {
  readonly site: Node;
  /** The value stored there, when it is a plain assignment. */
  readonly value?: Node;
}

function nameSites(name: Node, facts: DocumentFacts): AssignmentSite[] {
  return (bindingsOf(facts, name.text, name)?.bindings ?? []).map((binding) =>
    binding.kind === 'value' ? { site: binding.site.node, value: binding.value } : { site: binding.site.node },
  );
}

/** Assignments to the attribute chain `target` inside `within`, nested scopes excluded. */
function attributeAssignments(within: Node, target: Node): AssignmentSite[] {
  const found: AssignmentSite[] = [];
  const text = referenceText(target);
  for (const node of descendants(within, (node) => !SCOPE_TYPES.has(node.type))) {
    if (node.type !== 'assignment' && node.type !== 'augmented_assignment') continue;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left && left.type === 'attribute' && referenceText(left) === text) {
      found.push(node.type === 'assignment' && right ? { site: left, value: right } : { site: left });
    }
  }
  return found;
}

function isGrowingValue(value: Node, target: Node, facts: DocumentFacts): boolean {
  const call = unparenthesized(value);
  return call.type === 'call' && growingCall(call, target, facts) !== undefined;
}

/**
 * A name is plausibly a pandas object when it is bound from a `pd.*` call (or
 * is a parameter annotated with a pandas type) and every other binding in its
 * scope either does the same or grows it; a list bound anywhere rules it out.
 */
function isPlausiblyPandas(name: Node, facts: DocumentFacts): boolean {
  const found = bindingsOf(facts, name.text, name);
  if (!found) return false;
  const fromPandas = (binding: NameBinding): boolean => {
    if (binding.kind === 'parameter') return binding.annotation !== undefined && PANDAS_TYPES.has(facts.qualifiedName(binding.annotation) ?? '');
    return binding.kind === 'value' && isPandasCall(binding.value, facts);
  };
  const grows = (binding: NameBinding): boolean => binding.kind === 'value' && isSelfAppend(binding.value, name);
  return found.bindings.some(fromPandas) && found.bindings.every((binding) => fromPandas(binding) || grows(binding) || binding.kind === 'annotation');
}

function isPandasCall(value: Node, facts: DocumentFacts): boolean {
  const call = unparenthesized(value);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  return callee !== null && (facts.qualifiedName(callee)?.startsWith('pandas.') ?? false);
}

/** `df.append(...)`: the binding the rule itself reports. */
function isSelfAppend(value: Node, name: Node): boolean {
  const call = unparenthesized(value);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  return callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'append' && callee.childForFieldName('object')?.text === name.text;
}
