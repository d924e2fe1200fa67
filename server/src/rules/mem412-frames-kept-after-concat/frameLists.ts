// A list of frames read from files, made only to be combined once: `frames =
// []` filled by `frames.append(pd.read_csv(path))` in a loop (or by a name
// bound to such a read in the loop's body), or `frames = [pd.read_csv(p) for
// p in paths]`, and read nowhere but by that one `pd.concat(frames)`.
import type { Node } from 'web-tree-sitter';
import { REDUCING_METHODS } from '../../scale/dataSources';
import type { DocumentFacts } from '../../semantics/facts';
import { bindingsOf } from '../../semantics/initialValues';
import { contains, enclosingLoops } from '../../semantics/loops';
import { callArguments, methodCallOn, unparenthesized } from '../../semantics/syntax';
import { singleAssignment } from '../../semantics/uses';

/** Keywords with which a pandas reader gives chunks or a reader, not one frame. */
const NOT_ONE_FRAME: ReadonlySet<string> = new Set(['chunksize', 'iterator']);

export interface FrameList {
  /** The list's name where it is bound. */
  readonly name: Node;
  /** The reads of files whose frames the list holds: one per `append`, or the comprehension's. */
  readonly reads: readonly Node[];
}

/** The list `concat` combines, when it is such a list of frames read from files; undefined otherwise. */
export function frameList(list: Node, concat: Node, facts: DocumentFacts): FrameList | undefined {
  const assigned = list.type === 'identifier' ? singleAssignment(facts, list) : undefined;
  if (!assigned) return undefined;
  const { name, value: made, otherReads: others } = assigned;
  if (made.type === 'list_comprehension') {
    const item = made.childForFieldName('body');
    const read = item && frameRead(item, facts);
    return read && others.length === 0 ? { name, reads: [read] } : undefined;
  }
  if (!isEmptyList(made, facts) || others.length === 0) return undefined;
  const reads: Node[] = [];
  for (const read of others) {
    const appended = appendedRead(read, concat, facts);
    if (!appended) return undefined;
    reads.push(appended);
  }
  return { name, reads };
}

/** `[]` or `list()`. */
function isEmptyList(value: Node, facts: DocumentFacts): boolean {
  if (value.type === 'list') return value.namedChildCount === 0;
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  return callee !== null && facts.callArguments(value).length === 0 && facts.qualifiedName(callee) === 'builtins.list';
}

/**
 * The read a `list.append(x)` at `list` stores, when x is a frame read from a
 * file (or a name bound to one in the same loop) and the append runs in a
 * loop the concat is not part of.
 */
function appendedRead(list: Node, concat: Node, facts: DocumentFacts): Node | undefined {
  const call = methodCallOn(list, 'append');
  if (!call) return undefined;
  const args = callArguments(call);
  const loop = enclosingLoops(call)[0];
  if (args.length !== 1 || !loop || contains(loop, concat) || concat.startIndex < call.endIndex) return undefined;
  const value = unparenthesized(args[0]!);
  if (value.type !== 'identifier') return frameRead(value, facts);
  const bindings = bindingsOf(facts, value.text, value)?.bindings ?? [];
  const inLoop = bindings.filter((binding) => contains(loop, binding.site.node));
  if (inLoop.length === 0 || inLoop.some((binding) => binding.kind !== 'value')) return undefined;
  const read = inLoop.find((binding) => binding.kind === 'value' && frameRead(binding.value, facts) !== undefined);
  // Any other binding in the loop must keep the read's frame (`df = df[cols]`, `df = df.dropna()`), not reduce it.
  const keepsFrame = inLoop.every(
    (binding) => binding === read || (binding.kind === 'value' && derivesFrom(binding.value, value.text)),
  );
  return read?.kind === 'value' && keepsFrame ? frameRead(read.value, facts) : undefined;
}

/** `pd.read_csv(path)`, or a method chain on it that keeps its rows (`pd.read_csv(p).dropna()`): the read. */
function frameRead(expression: Node, facts: DocumentFacts): Node | undefined {
  const call = unparenthesized(expression);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  if (!callee) return undefined;
  const name = facts.qualifiedName(callee);
  if (name !== undefined) return name.startsWith('pandas.read_') && readsOneFrame(call) ? call : undefined;
  if (callee.type !== 'attribute' || REDUCING_METHODS.has(callee.childForFieldName('attribute')?.text ?? ''))
    return undefined;
  const receiver = callee.childForFieldName('object');
  return receiver ? frameRead(receiver, facts) : undefined;
}

function readsOneFrame(call: Node): boolean {
  return callArguments(call).every(
    (arg) =>
      arg.type !== 'dictionary_splat' &&
      !(arg.type === 'keyword_argument' && NOT_ONE_FRAME.has(arg.childForFieldName('name')?.text ?? '')),
  );
}

/** `df[cols]`, `df.dropna()`, `df.assign(…)`: a value made from the name that keeps its rows, as far as the code shows. */
function derivesFrom(value: Node, name: string): boolean {
  const node = unparenthesized(value);
  if (node.type === 'subscript') return unparenthesized(node.childForFieldName('value')!).text === name;
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  if (callee?.type !== 'attribute' || REDUCING_METHODS.has(callee.childForFieldName('attribute')?.text ?? ''))
    return false;
  const receiver = callee.childForFieldName('object');
  return receiver !== null && (unparenthesized(receiver).text === name || derivesFrom(receiver, name));
}
