import type { Node } from 'web-tree-sitter';
import { DataScales } from '../scale/dataScale';
import { joinScales } from '../scale/scale';
import { contains, statementOf } from '../semantics/loops';
import { unparenthesized } from '../semantics/syntax';
import { runningScope } from '../semantics/uses';
import { calleeAnchors } from './anchors';
import { frameList } from './mem412-frames-kept-after-concat/frameLists';
import type { Rule, RuleContext } from './types';

/** Longer list names are not spelled out in a message. */
const MAX_SPELLED = 24;
/** What a `return` may give back without running more code while the list is alive. */
const PLAIN_VALUES: ReadonlySet<string> = new Set([
  'identifier',
  'integer',
  'float',
  'string',
  'true',
  'false',
  'none',
]);

export const mem412: Rule = {
  code: 'MEM412',
  name: 'frames-kept-after-concat',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary:
    'A list of frames read from files outlives the `pd.concat` that copied them: two copies of the data from then on',
  docs: {
    whatItDoes:
      'Flags `pd.concat(frames)` when `frames` is a list made only to be combined: bound once, to `[]` (or `list()`) filled by `frames.append(…)` in a loop with a frame read from a file (`pd.read_csv`, `read_parquet`, `read_excel`, `read_json` and the other `pd.read_*` readers, a method chain on one that keeps its rows such as `.dropna()`, or a name bound in the loop’s body to one, `df = pd.read_csv(path); df["file"] = path; frames.append(df)`), or to a list comprehension of such reads; read nowhere but by the concat; and alive after it while more code runs: at module level (a script’s later lines, a notebook’s later cells and the session), or in a function whose statements after the concat do more than return a name. Not flagged: `return pd.concat(frames)` and a concat followed only by a `return`, where the list goes with the function; a list the code deletes (`del frames`), rebinds (`frames = pd.concat(frames)`) or reads again; `pd.concat([pd.read_csv(p) for p in paths])`, whose list goes with the call; and a frame grown by concatenating in the loop, which MEM204 reports.',
    whyBadForMemory:
      '`pd.concat` copies every column of its frames into new arrays (for a text column, its pointers: the strs are shared), so while the list still holds the frames, the data is held twice. That is the concat’s own peak whichever way the frames come: pandas makes a list of a generator before it combines it, and one read of a single file of all the rows peaks as high (the C parser reads in chunks and concatenates them). Measured with tracemalloc on the example’s files (orders.csv’s 100,000 rows, 10 numeric and 2 text columns, in 20 files of 5,000), the concat from the list peaks at 19,433,092 bytes on CPython 3.11 with pandas 1.5.3, from a generator at 19,431,537, and one `read_csv` of orders.csv at 19,260,363 (19,415,352, 19,417,574 and 19,259,042 on 3.13 with pandas 2.2.3; 19,526,476, 19,526,373 and 19,346,999 on 3.9 with pandas 1.1.5). No form of the read lowers that peak; reading fewer columns (`usecols=`, MEM401) or smaller ones (`dtype=`, MEM405) does. What the list costs is what comes after: a list bound to a name keeps its frames until the name goes (a notebook’s for the whole session), so every later step runs with a second copy of the data beside the one it works on. In the example the sort runs beside it: the example peaks at 31,420,418 bytes and still holds 30,619,330 when it ends, the replacement 21,696,116 and 20,895,028, both 9,724,302 bytes less: what the combined frame holds, 9,600,132 bytes as pandas counts it (within 1.3% on 3.9 and 3.13 too). `del frames` after the concat saves the same.',
    example:
      'import glob\n\nimport pandas as pd\n\nframes = []\nfor path in sorted(glob.glob("orders/*.csv")):\n    frames.append(pd.read_csv(path))\norders = pd.concat(frames, ignore_index=True)\nby_amount = orders.sort_values("amount")',
    useInstead:
      'import glob\n\nimport pandas as pd\n\norders = pd.concat((pd.read_csv(path) for path in sorted(glob.glob("orders/*.csv"))), ignore_index=True)\nby_amount = orders.sort_values("amount")',
    fixSafety:
      'No automatic fix: where the loop does more than read (adds a column, filters), a generator needs a function of the loop’s body; and `del frames` after the concat breaks a notebook cell that is run again without the cell that fills the list.',
  },
  anchors: calleeAnchors(['concat']),
  check(call, context) {
    const callee = call.childForFieldName('function');
    if (!callee || context.facts.qualifiedName(callee) !== 'pandas.concat') return undefined;
    const combined = combinedList(call, context);
    const list = combined && frameList(combined, call, context.facts);
    if (!list || !outlivesConcat(call, context)) return undefined;
    const named = list.name.text.length <= MAX_SPELLED ? `\`${list.name.text}\`` : 'The list';
    const scales = new DataScales(context.facts, context.dataReads);
    return {
      code: mem412.code,
      message: `${named} keeps a second copy of every column after \`pd.concat\`: \`del\` it then, or concat a generator`,
      severity: mem412.defaultSeverity,
      scale: joinScales(list.reads.map((read) => scales.of(read))),
      start: call.startIndex,
      end: call.endIndex,
      related: [{ start: list.name.startIndex, end: list.name.endIndex, message: 'the list of frames, made here' }],
    };
  },
};

/** The list of frames the concat is given: its first positional argument or `objs=`, a name. */
function combinedList(call: Node, context: RuleContext): Node | undefined {
  const args = context.facts.callArguments(call);
  const objs = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'objs');
  const first = objs?.childForFieldName('value') ?? args[0];
  const list = first && first.type !== 'keyword_argument' ? unparenthesized(first) : undefined;
  return list?.type === 'identifier' ? list : undefined;
}

/**
 * Whether the list stays alive after the concat while more code runs: at
 * module level it does (until the script ends, or for a notebook's session);
 * in a function, when a statement after the concat's does more than return
 * a name or a constant.
 */
function outlivesConcat(call: Node, context: RuleContext): boolean {
  const scope = runningScope(context.facts, call).node;
  if (scope.type === 'module') return true;
  if (scope.type !== 'function_definition') return false;
  let statement = statementOf(call);
  // `return pd.concat(frames)`: the list goes with the function.
  if (statement?.type === 'return_statement') return false;
  while (statement && !contains(statement, scope)) {
    for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling)
      if (next.type !== 'comment' && next.type !== 'pass_statement' && !isPlainReturn(next)) return true;
    statement = statement.parent ? statementOf(statement.parent) : null;
  }
  return false;
}

function isPlainReturn(statement: Node): boolean {
  if (statement.type !== 'return_statement') return false;
  const value = statement.namedChild(0);
  if (!value) return true;
  const parts = value.type === 'expression_list' ? value.namedChildren : [value];
  return parts.every((part) => part !== null && PLAIN_VALUES.has(part.type));
}
