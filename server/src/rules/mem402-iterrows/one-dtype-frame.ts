// Whether the frame `iterrows()` walks surely has one dtype: then its
// `.values` is a view of its one block, and iterrows copies nothing whole.
// The code shows it when the frame is built from one numpy array
// (`pd.DataFrame(np.random.randint(0, 100, (n, 4)))`) or with a `dtype=`,
// and nothing may have changed it since (a text column inserted later makes
// it mixed from then on).
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { singleAssignment } from '../../semantics/uses';
import { areUnchangedSince } from '../mask-unchanged';

/** `iteration` is the `iterrows()` call, `loop` the statement or clause that iterates it. */
export function hasOneDtype(frame: Node | null, iteration: Node, loop: Node, facts: DocumentFacts): boolean {
  if (frame?.type !== 'identifier') return false;
  const assignment = singleAssignment(facts, frame);
  const statement = assignment?.name.parent?.parent;
  if (!assignment || statement?.type !== 'expression_statement' || !buildsOneDtype(assignment.value, facts))
    return false;
  return areUnchangedSince([frame.text], statement, iteration, facts, loop);
}

/** `pd.DataFrame(<numpy call>, …)` or `pd.DataFrame(…, dtype=<not None>)`. */
function buildsOneDtype(value: Node, facts: DocumentFacts): boolean {
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  if (!callee || facts.qualifiedName(callee) !== 'pandas.DataFrame') return false;
  const args = facts.callArguments(value);
  const dtype = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'dtype');
  if (dtype && dtype.childForFieldName('value')?.type !== 'none') return true;
  const data = args[0];
  const maker = data?.type === 'call' ? data.childForFieldName('function') : null;
  if (!maker) return false;
  return (facts.qualifiedName(maker) ?? '').startsWith('numpy.');
}
