// Whether the code shows a frame's column labels unique and of one level, so
// that `df["a"]` is one column (a Series), never a frame: a frame with two
// columns labelled "a", or with MultiIndex columns whose first level holds "a",
// gives a frame there, and a comparison of it a frame of bools. A fix that
// counts or selects through a mask is safe only where the mask is a Series.
import type { Node } from 'web-tree-sitter';
import { isAssignmentTarget } from '../semantics/assignmentTargets';
import type { BindingSite } from '../semantics/bindings';
import type { DocumentFacts } from '../semantics/facts';
import { describeBinding } from '../semantics/initialValues';
import { callArguments, isField, unparenthesized } from '../semantics/syntax';
import { usesOfName } from '../semantics/uses';

/**
 * Readers whose frame has unique labels of one level with the default header:
 * the CSV parser renames a repeated header (`a`, `a.1`) and refuses repeated
 * `names=`; `header=[0, 1]` would make MultiIndex columns.
 */
const UNIQUE_LABEL_READERS: ReadonlySet<string> = new Set(['pandas.read_csv', 'pandas.read_table']);
/** Methods that relabel or add columns of the frame they are called on (with `inplace=`, or always for insert). */
const RELABELLING_METHODS: ReadonlySet<string> = new Set(['rename', 'set_axis', 'insert']);

/**
 * Whether `frame` is a name bound only to reads that give unique one-level
 * labels, and nothing in its scope relabels it (`df.columns = …`,
 * `df.rename(…, inplace=True)`, `df.insert(…)`).
 */
export function hasUniqueColumnLabels(frame: Node, facts: DocumentFacts): boolean {
  if (frame.type !== 'identifier') return false;
  const uses = usesOfName(facts, frame);
  if (!uses || uses.sites.length === 0) return false;
  return uses.sites.every((site) => isUniqueLabelRead(site, facts)) && !uses.reads.some(relabels);
}

function isUniqueLabelRead(site: BindingSite, facts: DocumentFacts): boolean {
  const binding = describeBinding(site);
  if (binding.kind !== 'value') return false;
  const call = unparenthesized(binding.value);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  if (!callee || !UNIQUE_LABEL_READERS.has(facts.qualifiedName(callee) ?? '')) return false;
  return callArguments(call).every((arg) => {
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return false;
    if (arg.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== 'header') return true;
    const value = arg.childForFieldName('value');
    return value?.type === 'integer' || value?.type === 'none';
  });
}

/** `df.columns = …` (or a write below it), `df.insert(…)`, `df.rename(…, inplace=…)`. */
function relabels(read: Node): boolean {
  const attribute = read.parent;
  if (attribute?.type !== 'attribute' || !isField(attribute, 'object', read)) return false;
  const name = attribute.childForFieldName('attribute')?.text ?? '';
  if (name === 'columns') return writtenThrough(attribute);
  if (!RELABELLING_METHODS.has(name)) return false;
  const call = attribute.parent;
  if (call?.type !== 'call' || !isField(call, 'function', attribute)) return false;
  return (
    name === 'insert' ||
    callArguments(call).some(
      (arg) =>
        arg.type === 'dictionary_splat' ||
        (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'inplace'),
    )
  );
}

/** Whether the expression, or one that continues it (`df.columns.values[0]`), is written to. */
function writtenThrough(node: Node): boolean {
  let current = node;
  while (
    current.parent &&
    ((current.parent.type === 'attribute' && isField(current.parent, 'object', current)) ||
      (current.parent.type === 'subscript' && isField(current.parent, 'value', current)))
  )
    current = current.parent;
  return isAssignmentTarget(current);
}
