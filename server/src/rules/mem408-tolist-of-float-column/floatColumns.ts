// Whether a Series the code lists is one of float64 values, as the code or
// the workspace shows it: a column of a frame read with `dtype=` naming a
// float dtype for it, or whose file's sample the workspace reads as floats,
// or the result of `.astype()` of a float dtype. A column of any other or
// unknown dtype is not taken for one.
import type { Node } from 'web-tree-sitter';
import { literalDtypes } from '../../data/literalValues';
import type { DocumentFacts } from '../../semantics/facts';
import { stringLiteral } from '../../semantics/literals';
import { callArguments, isField, unparenthesized } from '../../semantics/syntax';
import { usesOfName } from '../../semantics/uses';
import { DATAFRAME_ATTRIBUTES } from '../dataframe-attributes';
import type { RuleContext } from '../types';

const FLOAT_DTYPES: ReadonlySet<string> = new Set(['float64', 'float', 'f8', 'double', 'float_']);
/** Readers whose `dtype=` gives columns their dtype. */
const READERS: ReadonlySet<string> = new Set(['pandas.read_csv', 'pandas.read_table']);

/** A float64 Series: the frame's read (for its row count) when it is a column of one. */
export interface FloatSeries {
  readonly read?: Node;
  /** The frame's name, whose len() counts the values. */
  readonly frame?: Node;
}

/** The Series as float64, or undefined when the code does not show it so. */
export function floatSeries(series: Node, context: RuleContext): FloatSeries | undefined {
  const node = unparenthesized(series);
  if (node.type === 'call') return isFloatCast(node, context.facts) ? castFrame(node) : undefined;
  const column = selectedColumn(node);
  if (!column) return undefined;
  const read = soleRead(column.frame, context.facts);
  if (!read) return undefined;
  const dtype = dtypeOf(read, column.name, context);
  return dtype !== undefined && FLOAT_DTYPES.has(dtype) ? { read, frame: column.frame } : undefined;
}

/** `x.astype("float64")`, `x.astype(float)`, `x.astype(np.float64)`. */
function isFloatCast(call: Node, facts: DocumentFacts): boolean {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'astype') return false;
  const args = callArguments(call);
  if (args.length !== 1 || args[0]!.type === 'keyword_argument') return false;
  const dtype = literalDtypes(args[0]!, facts);
  return typeof dtype === 'string' && FLOAT_DTYPES.has(dtype);
}

/** The frame whose column is cast (`df["a"].astype(float)`): its len() counts the values. */
function castFrame(cast: Node): FloatSeries {
  const receiver = cast.childForFieldName('function')?.childForFieldName('object');
  const column = receiver ? selectedColumn(unparenthesized(receiver)) : undefined;
  return column ? { frame: column.frame } : {};
}

/** `frame["a"]` or `frame.a` of a frame named by one name. */
function selectedColumn(node: Node): { frame: Node; name: string } | undefined {
  if (node.type === 'subscript') {
    const frame = node.childForFieldName('value');
    const keys = node.childrenForFieldName('subscript');
    const key = keys.length === 1 ? stringLiteral(unparenthesized(keys[0]!)) : undefined;
    return frame?.type === 'identifier' && key && !key.bytes ? { frame, name: key.value } : undefined;
  }
  if (node.type !== 'attribute') return undefined;
  const frame = node.childForFieldName('object');
  const name = node.childForFieldName('attribute')?.text ?? '';
  if (frame?.type !== 'identifier' || name.startsWith('_') || DATAFRAME_ATTRIBUTES.has(name)) return undefined;
  return { frame, name };
}

/** The pandas read the name is bound to, when that is its one binding. */
function soleRead(frame: Node, facts: DocumentFacts): Node | undefined {
  const uses = usesOfName(facts, frame);
  const site = uses?.sites.length === 1 ? uses.sites[0]!.node : undefined;
  const assignment = site?.parent;
  if (assignment?.type !== 'assignment' || !isField(assignment, 'left', site!)) return undefined;
  const call = assignment.childForFieldName('right');
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  return callee && READERS.has(facts.qualifiedName(callee) ?? '') ? call! : undefined;
}

/** The column's dtype: as `dtype=` names it, else as the workspace's file shows it. */
function dtypeOf(read: Node, column: string, context: RuleContext): string | undefined {
  const args = callArguments(read);
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  const keyword = args.find(
    (arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'dtype',
  );
  const given = keyword ? literalDtypes(keyword.childForFieldName('value')!, context.facts) : undefined;
  if (typeof given === 'string') return given;
  if (given?.[column] !== undefined) return given[column];
  if (keyword && given === undefined) return undefined;
  return context.dataReads?.estimateOf(read, context.facts)?.columns?.find((found) => found.name === column)?.dtype;
}
