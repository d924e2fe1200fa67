import type { Node } from 'web-tree-sitter';
import { mayEndIn } from '../semantics/calleeNames';
import { commentsAbout } from '../semantics/comments';
import type { DocumentFacts } from '../semantics/facts';
import { assignedName, usesOfName } from '../semantics/uses';
import { usageOf, type ValueUse } from '../semantics/valueUses';
import { callAround, calleeAnchors } from './anchors';
import { CONSUMING_CALLS, iteratesArgument } from './consuming-calls';
import type { Fix, FixSafety, Rule } from './types';
import { DataScales } from '../scale/dataScale';
import { listHolds } from '../scale/holds';
import { costLead } from '../scale/holdsText';

export const mem103: Rule = {
  code: 'MEM103',
  name: 'list-of-range',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: '`list(range(…))` used only in ways a `range` supports',
  docs: {
    whatItDoes:
      'Flags `list(range(…))` when every use of the list works the same on the `range` itself: iterating it (`for`, comprehensions, `*` unpacking, functions that only iterate such as `sum`, `min`, `max`, `sorted`, `set`, `tuple`, `enumerate`, `zip`, `reversed`), `len()`, indexing, slicing (a slice of a range is a range, whose uses are checked in turn), `in`/`not in`, `.index()`, `.count()`, `random.choice`/`sample`/`choices`. The list may be used directly (`for i in list(range(n))`) or bound to a name; then the name must be bound exactly once in its function or module, not declared `global`/`nonlocal`, and every read of it must be one of the uses above, so a list that is mutated (`.append`, `.sort`, item assignment, `del`), compared, printed (a range prints differently), returned, stored or passed to any other function is left alone. Names bound in class bodies and annotated assignments are not flagged, nor, in a notebook, a name that only code timed by `%timeit`, `%time`, `%%timeit` or `%%time` reads: the list is what the notebook measures. A statement with a comment right above it or at the end of its line that speaks of allocating (`# Pre-allocate so the loop allocates nothing`, `# allocate a large block`) is left alone: the list is built on purpose (iterating a range creates a new int object for every item above 256, which code measuring allocations wants to avoid).',
    whyBadForMemory:
      'A list of n items holds 56 + 8·n bytes of pointers (CPython 3.11, 64-bit) and every int above 256 is an object of its own, 28 bytes each: `list(range(1_000_000))` takes about 8 MB of pointers plus 28 MB of ints. A `range` is 48 bytes whatever its length, and computes each item on demand.',
    example:
      'indices = list(range(len(rows)))\nfor i in indices:\n    print(rows[i])\nfor j in list(range(10)):\n    print(j)',
    useInstead: 'indices = range(len(rows))\nfor i in indices:\n    print(rows[i])\nfor j in range(10):\n    print(j)',
    fixSafety:
      'Replaces `list(range(…))` with `range(…)`. Safe for a list used directly and for a name local to a function, since every use was shown to behave the same on a range. Unsafe for a name bound at module level: another module may import it and use it as a list. Error messages differ slightly (`range object index out of range`). No fix is offered when comments sit inside `list(…)`.',
  },
  // From `range(…)` to the `list(…)` around it.
  anchors: calleeAnchors(['range'], callAround),
  check(call, context) {
    const range = rangeInsideList(call, context.facts);
    if (!range || allocatesOnPurpose(call)) return undefined;
    const binding = assignedName(call);
    let safety: FixSafety = 'safe';
    let reads: Node[] | undefined;
    if (binding) {
      const friendly = onlyRangeFriendlyReads(binding, context.facts);
      if (!friendly) return undefined;
      if (friendly.scopeType === 'module') safety = 'unsafe';
      reads = friendly.reads;
    } else if (!isRangeFriendly(usageOf(call, context.facts), context.facts)) {
      return undefined;
    }
    const holds = listHolds(call, context.facts, 'items');
    const uses = binding ? `\`${binding.text}\` is only` : 'only';
    return {
      code: mem103.code,
      message: `${costLead(holds, 'ints in a list')}, ${uses} iterated, measured, indexed or searched: \`range(…)\` takes 48 B`,
      severity: mem103.defaultSeverity,
      ...(holds ? { holds } : {}),
      scale: new DataScales(context.facts, context.dataReads).of(range),
      start: call.startIndex,
      end: call.endIndex,
      fix: rangeFix(call, range, safety),
      // A notebook that only times the list (`%timeit sum(xs)`) measures it as written.
      ...(reads ? { reads: reads.map((read) => ({ start: read.startIndex, end: read.endIndex })) } : {}),
    };
  },
};

/**
 * A comment above or beside the statement that speaks of allocating
 * (`# Pre-allocate so the loop allocates nothing`): the list is built on
 * purpose, for instance so that a loop measuring memory creates no int
 * objects, or to test a memory tool with a large allocation.
 */
function allocatesOnPurpose(call: Node): boolean {
  return commentsAbout(call).some((comment) => /alloc/i.test(comment));
}

/** Other callables that only read a sequence through len(), indexing and iteration. */
const RANGE_FRIENDLY_CALLS: ReadonlyMap<string, number> = new Map([
  ['builtins.len', 0],
  ['builtins.reversed', 0],
  ['builtins.list', 0],
  ['random.choice', 0],
  ['random.sample', 0],
  ['random.choices', 0],
]);

/** Methods lists and ranges share with the same meaning. */
const SHARED_METHODS: ReadonlySet<string> = new Set(['index', 'count']);

/** The `range(…)` call when `call` is `list(range(…))` with nothing else inside `list(…)`. */
function rangeInsideList(call: Node, facts: DocumentFacts): Node | undefined {
  const callee = call.childForFieldName('function');
  const args = facts.callArguments(call);
  const only = args[0];
  // The shape first: resolving the callee's name costs a lookup.
  if (
    !callee ||
    args.length !== 1 ||
    only?.type !== 'call' ||
    !mayEndIn(callee, ['list'], facts) ||
    facts.qualifiedName(callee) !== 'builtins.list'
  )
    return undefined;
  const rangeCallee = only.childForFieldName('function');
  return rangeCallee && facts.qualifiedName(rangeCallee) === 'builtins.range' ? only : undefined;
}

/** The type of the name's scope and its reads, when its only binding is `name` and every read is range-friendly. */
function onlyRangeFriendlyReads(
  name: Node,
  facts: DocumentFacts,
): { scopeType: 'module' | 'function'; reads: Node[] } | undefined {
  const uses = usesOfName(facts, name);
  if (uses?.sites.length !== 1 || uses.sites[0]!.node.id !== name.id || uses.reads.length === 0) return undefined;
  const scopeType = uses.scope.node.type;
  if (scopeType !== 'module' && scopeType !== 'function_definition') return undefined;
  if (!uses.reads.every((read) => isRangeFriendly(usageOf(read, facts), facts))) return undefined;
  return { scopeType: scopeType === 'module' ? 'module' : 'function', reads: [...uses.reads] };
}

/** Whether a range in place of the list gives the same result for this use. */
function isRangeFriendly(use: ValueUse, facts: DocumentFacts): boolean {
  switch (use.kind) {
    case 'iterated':
    case 'indexed':
    case 'membership':
      return true;
    case 'sliced':
      // The slice is a range too: its own use must suit a range.
      return isRangeFriendly(usageOf(use.subscript, facts), facts);
    case 'method':
      return SHARED_METHODS.has(use.name);
    case 'argument':
      return isRangeFriendlyArgument(use.callee, use.position, use.positionalCount);
    case 'other':
      return false;
  }
}

function isRangeFriendlyArgument(callee: string | undefined, position: number, positionalCount: number): boolean {
  if (callee === undefined) return false;
  if (RANGE_FRIENDLY_CALLS.get(callee) === position) return callee !== 'builtins.len' || positionalCount === 1;
  const consumer = CONSUMING_CALLS.get(callee);
  if (!consumer || !iteratesArgument(consumer, position)) return false;
  return consumer.positionalCount === undefined || consumer.positionalCount === positionalCount;
}

/** Deletes `list(` and its `)`, keeping the range call's text as it is. */
function rangeFix(list: Node, range: Node, safety: FixSafety): Fix | undefined {
  const argumentList = list.childForFieldName('arguments');
  if (argumentList?.namedChildren.some((child) => child?.type === 'comment')) return undefined;
  return {
    title: 'Use the range directly',
    safety,
    edits: [
      { start: list.startIndex, end: range.startIndex, text: '' },
      { start: range.endIndex, end: list.endIndex, text: '' },
    ],
  };
}
