// Whether a frame is used only in ways that read it chunk by chunk just as
// well: totals that add up across chunks (sum, min, max, count, of the frame
// or of columns named by literals), its length, and loops over its rows.
// Anything else (a mean, a sort, a join, passing it on) and the frame is
// taken to need all its rows at once.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { callArguments, isField } from '../../semantics/syntax';
import { frameReads, selectedColumns } from '../frame-columns';

/** Reductions whose result over the whole is the same reduction of the chunks' results. */
const ADDING_UP: ReadonlySet<string> = new Set(['sum', 'min', 'max', 'count']);
const ROW_ITERATORS: ReadonlySet<string> = new Set(['itertuples', 'iterrows']);

/** Whether every use of the frame `call` binds to `frame` adds up over chunks of its rows. */
export function usedChunkwise(frame: Node, call: Node, facts: DocumentFacts): boolean {
  return frameReads(frame, call, facts)?.every((read) => addsUp(read, facts)) === true;
}

function addsUp(read: Node, facts: DocumentFacts): boolean {
  if (isLengthOf(read, facts)) return true;
  const method = methodCalled(read);
  if (method && ((ADDING_UP.has(method.name) && method.noArguments) || iteratesRows(method))) return true;
  // A column named by a literal, then reduced: `df["price"].sum()`, `df.price.max()`.
  if (!selectedColumns(read, facts)) return false;
  const reduced = methodCalled(read.parent!);
  return reduced !== undefined && ADDING_UP.has(reduced.name) && reduced.noArguments;
}

/** `len(df)`. */
function isLengthOf(read: Node, facts: DocumentFacts): boolean {
  const list = read.parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  const callee = call?.childForFieldName('function');
  return !!callee && facts.qualifiedName(callee) === 'builtins.len' && callArguments(call!).length === 1;
}

interface MethodCall {
  readonly name: string;
  readonly call: Node;
  readonly noArguments: boolean;
}

/** `receiver.name(…)`: the method called on `receiver`, when it is. */
function methodCalled(receiver: Node): MethodCall | undefined {
  const attribute = receiver.parent;
  if (attribute?.type !== 'attribute' || !isField(attribute, 'object', receiver)) return undefined;
  const call = attribute.parent;
  if (call?.type !== 'call' || !isField(call, 'function', attribute)) return undefined;
  const name = attribute.childForFieldName('attribute')?.text;
  return name === undefined ? undefined : { name, call, noArguments: callArguments(call).length === 0 };
}

/** `for row in df.itertuples():` — the loop then runs over each chunk's rows in turn. */
function iteratesRows(method: MethodCall): boolean {
  const loop = method.call.parent;
  return ROW_ITERATORS.has(method.name) && loop?.type === 'for_statement' && isField(loop, 'right', method.call);
}
