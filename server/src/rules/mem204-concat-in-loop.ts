import type { Node } from 'web-tree-sitter';
import { mayEndIn } from '../semantics/calleeNames';
import { lastPart } from '../text/dottedNames';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf, type NameBinding } from '../semantics/initialValues';
import { alwaysRunsWith, contains, enclosingLoops, isShortLoop } from '../semantics/loops';
import { callArguments, descendants, SCOPE_TYPES, unparenthesized } from '../semantics/syntax';
import { calleeAnchors } from './anchors';
import type { Rule } from './types';
import { DataScales } from '../scale/dataScale';
import { joinScalesOf, type Scale } from '../scale/scale';

/** Where a combining function takes the arrays or frames it copies. */
type Inputs = {
  readonly positional: readonly number[];
  readonly keywords: readonly string[];
  readonly sequence: boolean;
};

/**
 * Functions that return a new array or frame holding a copy of their inputs.
 * `np.stack` is left out: it adds a dimension, so its result cannot be fed back in.
 */
const COMBINING_CALLS: ReadonlyMap<string, Inputs> = new Map<string, Inputs>([
  ['numpy.append', { positional: [0, 1], keywords: ['arr', 'values'], sequence: false }],
  ['numpy.insert', { positional: [0], keywords: ['arr'], sequence: false }],
  ...['concatenate', 'vstack', 'hstack', 'dstack', 'column_stack', 'row_stack'].map((name): [string, Inputs] => [
    `numpy.${name}`,
    { positional: [0], keywords: ['arrays', 'tup'], sequence: true },
  ]),
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
      "Flags `arr = np.append(arr, x)`, `arr = np.concatenate([arr, x])` (also `np.insert`, `vstack`, `hstack`, `dstack`, `column_stack`, `row_stack`), `df = pd.concat([df, row])` and `df = df.append(row)` (`DataFrame.append` was removed in pandas 2.0 but is common in older code) inside a `for` or `while` loop: the result is stored back into one of the inputs, so the value grows by one copy per pass. numpy and pandas are recognised through their imports (`import numpy as np`, `from numpy import append`, `import pandas as pd`). `df.append` is flagged only when `df` is bound from a `pd.*` call (`pd.DataFrame(...)`, `pd.read_csv(...)`, `pd.concat(...)`) or is a parameter annotated `pd.DataFrame`/`pd.Series`, since lists have an `append` too. Not flagged: calls whose result goes to another name, calls outside loops or in a function merely defined inside a loop, and loops that store another value in the name on every pass (`arr = np.empty(0)` before the call, `arr = arr[-100:]` after it); a reset inside an `if`, as when flushing batches, does not stop the growth between resets. Loops the code shows to be short (`for block in (a, b, c)`, `range(5)`: at most 10 passes) are left alone. The finding is at data scale (a warning) when a loop that grows the value runs over data (a file's chunks, a frame's rows, a range over 100,000) or each pass adds data (a file read, a frame, an array); where the code shows neither (a `while` loop, a loop over a parameter adding a number per pass) the scale is unknown and the finding information. A frame the loop also reads (a model fitted or predicting on it, a test of each row against it, any use but its own growth and `len(df)`) is left alone too: its rows cannot wait in preallocated columns. An array the loop reads is still flagged: the filled part of a preallocated array (`centers[:count]`) reads the same.",
    whyBadForMemory:
      'numpy arrays and pandas frames never grow in place: each call allocates a new block for old + new rows and copies everything into it while the old block is still alive, so near the end two copies of the value are alive at once, and n passes copy it about n/2 times over. Measured under tracemalloc with CPython 3.11, numpy 1.24 and pandas 1.5 for 100,000 rows arriving in 100 blocks: growing a 3-column float array (2,400,000 bytes) with `np.vstack` peaks at 4,811,288 bytes, filling a preallocated `np.empty((100_000, 3))` at 2,434,728 bytes (the array and one block; the same within 1% on CPython 3.9 with numpy 1.19 and 3.13 with numpy 2.2); growing a 2-column frame (1,600,128 bytes) with `pd.concat` peaks at 3,254,130 bytes, filling preallocated columns and making one DataFrame of them at 1,650,046 bytes. Collecting the pieces in a list and combining them once ends the repeated copying (time), but not the peak: the pieces and the result are two copies again (4,826,040 bytes for the array, 3,545,992 for the frame with one `pd.concat`), and more when pieces are small: a one-row DataFrame costs about 7 KB, so 20,000 of them in a list peaked at 147 MB where growing the 0.5 MB frame peaked at 1.2 MB, and a Python float costs 32 bytes in a list against 8 in an array. When the final size is unknown, preallocate a bound and trim, or double the capacity when it is full.',
    example:
      'import numpy as np\nimport pandas as pd\n\nrows = np.empty((0, 3))\nfor i in range(blocks):\n    rows = np.vstack([rows, read_block(i)])\n\nframe = pd.DataFrame()\nfor i in range(blocks):\n    frame = pd.concat([frame, read_frame(i)], ignore_index=True)',
    useInstead:
      'import numpy as np\nimport pandas as pd\n\nrows = np.empty((blocks * size, 3))  # each block has `size` rows; rows[:filled] reads the part filled so far\nfor i in range(blocks):\n    rows[i * size:(i + 1) * size] = read_block(i)\n\ncolumns = np.empty((blocks * size, 2))\nfor i in range(blocks):\n    columns[i * size:(i + 1) * size] = read_frame(i).to_numpy()\nframe = pd.DataFrame(columns, columns=["a", "b"], copy=False)',
    fixSafety:
      'No automatic fix: the final size, the row shape and the dtypes are for the reader to write into the preallocated array; `DataFrame.append` and `pd.concat` differ in how they treat dtypes and empty frames; and a loop that reads the partial result must read the filled part (`rows[:filled]`).',
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
    const grows = (loop: Node): boolean =>
      !isShortLoop(loop, context.facts) && !isReboundIn(loop, assignment, target, context.facts);
    const loops = enclosingLoops(assignment).filter(grows);
    if (loops.length === 0) return undefined;
    // A frame the loop reads (a model fitted on it, a test against it) cannot wait for columns filled in place.
    if (growth.library === 'pandas' && loops.some((loop) => readsGrowingValue(loop, target, context.facts)))
      return undefined;
    const instead =
      growth.library === 'numpy' ? 'fill a preallocated `np.empty`' : 'preallocate columns, build one frame';
    return {
      code: mem204.code,
      message: `Old and new \`${target.text}\` alive (2× peak), recopied each pass by \`${growth.label}\`${growth.removed ? ' (pandas < 2)' : ''}: ${instead}`,
      severity: mem204.defaultSeverity,
      scale: growthScale(loops, growth.pieces, new DataScales(context.facts, context.dataReads)),
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
  /** What grows: a numpy array can be preallocated whatever the loop does with it; a frame cannot be while the loop reads it. */
  readonly library: 'numpy' | 'pandas';
  /** Where the call takes the growing value in: these are not reads of it. */
  readonly inputs: readonly Node[];
  /** What each pass adds to it. */
  readonly pieces: readonly Node[];
}

/** The call, when it combines `target` with something into a new value. */
function growingCall(call: Node, target: Node, facts: DocumentFacts): Growth | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  // Most calls are ruled out before any lookup.
  if (!mayEndIn(callee, GROWING_NAMES, facts)) return undefined;
  const name = facts.qualifiedName(callee);
  const inputs = name === undefined ? undefined : COMBINING_CALLS.get(name);
  if (inputs) {
    const all = inputsOf(call, inputs);
    const fedBack = all.filter((input) => sameReference(input, target));
    const library = name!.startsWith('pandas.') ? 'pandas' : 'numpy';
    // `pd.concat([a, a])` doubles the value itself: no pieces arrive that storage filled in place could take.
    if (inputs.sequence && fedBack.length === all.length) return undefined;
    const pieces = all.filter((input) => !fedBack.includes(input));
    return fedBack.length > 0 ? { label: callee.text, removed: false, library, inputs: fedBack, pieces } : undefined;
  }
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'append') return undefined;
  const receiver = callee.childForFieldName('object');
  if (!receiver || !sameReference(receiver, target) || target.type !== 'identifier') return undefined;
  return isPlausiblyPandas(target, facts)
    ? {
        label: `${target.text}.append`,
        removed: true,
        library: 'pandas',
        inputs: [receiver],
        pieces: callArguments(call).filter((arg) => arg.type !== 'keyword_argument'),
      }
    : undefined;
}

/** The expressions the call copies: the listed arguments, or the items of a list/tuple display passed there. */
function inputsOf(call: Node, inputs: Inputs): Node[] {
  const args = callArguments(call);
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const chosen = [
    ...inputs.positional.map((index) => positional[index]),
    ...args
      .filter(
        (arg) => arg.type === 'keyword_argument' && inputs.keywords.includes(arg.childForFieldName('name')?.text ?? ''),
      )
      .map((arg) => arg.childForFieldName('value') ?? undefined),
  ].filter((arg): arg is Node => arg !== undefined && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat');
  if (!inputs.sequence) return chosen;
  return chosen.flatMap((arg) => {
    const display = unparenthesized(arg);
    return display.type === 'list' || display.type === 'tuple'
      ? display.namedChildren.filter((item): item is Node => item !== null)
      : [];
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

/**
 * Whether the loop reads the growing value other than to grow it: anything
 * but the growth's own inputs, stores into it and `len(…)` of it (a count
 * kept beside preallocated storage answers that).
 */
function readsGrowingValue(loop: Node, target: Node, facts: DocumentFacts): boolean {
  const text = referenceText(target);
  const fedBack = new Set(
    growthAssignments(loop, target, facts).flatMap((growth) => growth.inputs.map((input) => unparenthesized(input).id)),
  );
  return repeatedParts(loop).some((part) => {
    for (const node of descendants(part)) {
      if (node.type !== target.type || referenceText(node) !== text || !isWholeReference(node)) continue;
      if (!fedBack.has(node.id) && !isStore(node) && !isLengthOf(node, facts)) return true;
    }
    return false;
  });
}

/** The growths of `target` in the loop (this finding's and any other). */
function growthAssignments(loop: Node, target: Node, facts: DocumentFacts): Growth[] {
  const found: Growth[] = [];
  for (const node of descendants(loop)) {
    const left = node.type === 'assignment' ? node.childForFieldName('left') : null;
    const right = node.type === 'assignment' ? node.childForFieldName('right') : null;
    if (!left || !right || !sameReference(left, target) || unparenthesized(right).type !== 'call') continue;
    const growth = growingCall(unparenthesized(right), target, facts);
    if (growth) found.push(growth);
  }
  return found;
}

/** What runs on every pass: a `for`'s body (its iterable runs once), a `while`'s condition and body. */
function repeatedParts(loop: Node): Node[] {
  const parts = [
    loop.childForFieldName('body'),
    loop.type === 'while_statement' ? loop.childForFieldName('condition') : null,
  ];
  return parts.filter((part): part is Node => part !== null);
}

/** `arr` as a value of its own: not the `arr` of `obj.arr`, nor a keyword's name (`f(arr=…)`), nor part of a longer chain being matched. */
function isWholeReference(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return false;
  return !(parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id);
}

/** The target of a plain assignment or a `for`: a store, not a read. */
function isStore(node: Node): boolean {
  const parent = node.parent;
  return (
    (parent?.type === 'assignment' || parent?.type === 'for_statement') &&
    parent.childForFieldName('left')?.id === node.id
  );
}

function isLengthOf(node: Node, facts: DocumentFacts): boolean {
  const call = node.parent?.type === 'argument_list' ? node.parent.parent : null;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  return callee !== null && facts.callArguments(call!).length === 1 && facts.qualifiedName(callee) === 'builtins.len';
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
    if (binding.kind === 'parameter')
      return binding.annotation !== undefined && PANDAS_TYPES.has(facts.qualifiedName(binding.annotation) ?? '');
    return binding.kind === 'value' && isPandasCall(binding.value, facts);
  };
  const grows = (binding: NameBinding): boolean => binding.kind === 'value' && isSelfAppend(binding.value, name);
  return (
    found.bindings.some(fromPandas) &&
    found.bindings.every((binding) => fromPandas(binding) || grows(binding) || binding.kind === 'annotation')
  );
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
  return (
    callee?.type === 'attribute' &&
    callee.childForFieldName('attribute')?.text === 'append' &&
    callee.childForFieldName('object')?.text === name.text
  );
}

/**
 * What grows is data scale when a loop that grows it runs over data (rows,
 * chunks, a long range) or a pass adds data (a frame, an array, a file's
 * rows); small when every loop runs over literals or a short range; else the
 * code does not show how far it grows (`while` loops, a loop over a parameter
 * adding a number per pass).
 */
function growthScale(loops: readonly Node[], pieces: readonly Node[], scales: DataScales): Scale {
  const iterations = loops.map((loop) => (loop.type === 'for_statement' ? scales.ofIteration(loop) : 'unknown'));
  if (iterations.every((scale) => scale === 'small')) return 'small';
  if (iterations.includes('large')) return 'large';
  return joinScalesOf(pieces, (piece) => scales.of(piece)) === 'large' ? 'large' : 'unknown';
}
