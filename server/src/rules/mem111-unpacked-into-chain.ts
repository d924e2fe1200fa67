import type { Node } from 'web-tree-sitter';
import { comprehensionElement, returnsExistingObject } from '../semantics/existingObjects';
import type { DocumentFacts } from '../semantics/facts';
import { holdsBuiltinContainer } from '../semantics/values';
import { callArguments, parenthesesAround, unparenthesized } from '../semantics/syntax';
import { DataScales } from '../scale/dataScale';
import { countText, listHolds } from '../scale/holds';
import { costLead } from '../scale/holdsText';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../sizes/cpython';
import { perCountSize } from '../sizes/size';
import { calleeAnchors } from './anchors';
import { CONSUMING_CALLS, iteratesArgument } from './consuming-calls';
import { ITERATOR_CALLS } from './iterator-calls';
import type { Fix, FixSafety, Rule, Severity } from './types';

export const mem111: Rule = {
  code: 'MEM111',
  name: 'unpacked-into-chain',
  defaultSeverity: 'warning',
  fixAvailability: 'always',
  summary: '`itertools.chain(*rows)` unpacks every row into a tuple before chaining the first',
  docs: {
    whatItDoes:
      'Flags `itertools.chain(*rows)`, a call of `chain` whose only argument is one starred iterable (`from itertools import chain` and import aliases are followed), where `itertools.chain.from_iterable(rows)` chains the same rows in the same order. `chain(a, b)`, `chain(a, *rest)` and `chain(*a, *b)` are left alone: their arguments are what they chain. The message leads with the tuple’s pointers, sized from what is unpacked (`len(rows)`), and says when the rows themselves are made at once: a generator expression or an iterator call (`zip`, `map`, `filter`, `enumerate`, `reversed`, `itertools`) unpacked makes every row before the first is chained. That is a warning; a list, tuple or name unpacked, whose rows exist anyway, costs the pointers alone: a hint. That severity is for data at scale: the scale of what is unpacked lowers it (information where unknown, a hint where small).',
    whyBadForMemory:
      'A call with `*rows` builds a tuple of every row before `chain` starts, and the chain object keeps it until it is used up: 8 bytes of pointer per row, over a tuple of 40 bytes on CPython 3.11 (64-bit). An iterator unpacked runs to its end first, so every row it makes is alive at once in that tuple, where `chain.from_iterable(rows)` asks for one row when the one before is used up. Measured under tracemalloc with 100,000 rows on CPython 3.9, 3.11 and 3.13: `list(itertools.chain(*sentences))` of a list of two-word lists peaks at 2,424,392 to 2,424,648 bytes, `chain.from_iterable(sentences)` at 1,624,352 to 1,624,616 (the list made, and 800,032 to 800,040 bytes less: 8 per row); a loop over `chain(*zip(xs, ys))` at 6,528,672 to 6,529,096 bytes, over `chain.from_iterable(zip(xs, ys))` at 572 to 1,478 (65 bytes per row: each pair tuple and its pointer), and over `chain(*([x] for x in xs))` at 7.3 MB against under 32 KB (73 bytes per row).',
    example:
      'import itertools\n\nwords = list(itertools.chain(*sentences))\n\nfor value in itertools.chain(*zip(xs, ys)):\n    print(value)',
    useInstead:
      'import itertools\n\nwords = list(itertools.chain.from_iterable(sentences))\n\nfor value in itertools.chain.from_iterable(zip(xs, ys)):\n    print(value)',
    fixSafety:
      '`chain(*rows)` becomes `chain.from_iterable(rows)`: the same items in the same order. `*rows` runs `rows` to its end when the call is made; `from_iterable` asks it for each row only when the one before is used up. The fix is safe where nothing can tell the two apart: the chain is given at once to a call that reads it whole (`list`, `tuple`, `set`, `sorted`, `sum`, `collections.Counter`…, not `any` or `all`, which stop early), and `rows` is a local name bound only to builtin containers made on the spot, whose iteration runs no code. Otherwise it is unsafe: an iterator’s code (a generator’s, `map`’s function) now runs between the rows, a list that grows while the chain is read yields the rows added (`*` took the rows there were), and an error from iterating `rows` comes when the chain is read, not when it is made.',
  },
  anchors: calleeAnchors(['chain']),
  check(call, context) {
    const { facts } = context;
    const unpacked = unpackedRows(call, facts);
    if (!unpacked) return undefined;
    const rows = unparenthesized(unpacked.rows);
    const made = makesRows(rows, facts);
    const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
    const count = countText(rows, facts) ?? listHolds(rows, facts, 'pointers')?.perCount?.count ?? 'the rows';
    const holds = perCountSize(layout.gcHeader + layout.tupleHeader, layout.pointer, count, true);
    const what = made ? ' and every row it yields, held at once by `*`' : ' in the tuple `*` unpacks into';
    const severity: Severity = made ? 'warning' : 'hint';
    return {
      code: mem111.code,
      message: `${costLead(holds, 'pointers')}${what}: \`chain.from_iterable()\` reads one at a time`,
      severity,
      holds,
      scale: new DataScales(facts, context.dataReads).of(rows),
      start: call.startIndex,
      end: call.endIndex,
      fix: fromIterable(call, unpacked.splat, safetyOf(call, rows, facts)),
    };
  },
};

interface Unpacked {
  /** The `*rows` argument. */
  readonly splat: Node;
  /** What it unpacks. */
  readonly rows: Node;
}

/** `rows` of `itertools.chain(*rows)`, when that starred argument is the call's only one. */
function unpackedRows(call: Node, facts: DocumentFacts): Unpacked | undefined {
  const args = callArguments(call);
  const [splat] = args;
  const rows = args.length === 1 && splat?.type === 'list_splat' ? splat.namedChildren.find(isExpression) : undefined;
  const callee = call.childForFieldName('function');
  if (!rows || !callee || facts.qualifiedName(callee) !== 'itertools.chain') return undefined;
  return { splat: splat!, rows };
}

function isExpression(node: Node | null): node is Node {
  return node !== null && node.type !== 'comment';
}

/**
 * A generator expression that makes its rows (`((x, 0) for x in xs)`, not
 * `(row[1] for row in table)`, whose rows exist anyway) or an iterator call
 * (`zip(a, b)`): unpacking it makes every row it yields at once.
 */
function makesRows(rows: Node, facts: DocumentFacts): boolean {
  if (rows.type === 'generator_expression') {
    const element = comprehensionElement(rows);
    return element !== undefined && !returnsExistingObject(element);
  }
  const callee = rows.type === 'call' ? rows.childForFieldName('function') : null;
  return callee !== null && ITERATOR_CALLS.has(facts.qualifiedName(callee) ?? '');
}

/**
 * Safe when the chain is read whole at once, as the first argument of `list`
 * or another eager call that does not stop early, and what is unpacked is a local name
 * bound only to builtin containers: iterating it runs no code, so it makes
 * no difference when its rows are asked for.
 */
function safetyOf(call: Node, rows: Node, facts: DocumentFacts): FixSafety {
  const written = parenthesesAround(call);
  const list = written.parent;
  const consumer = list?.type === 'argument_list' ? list.parent : null;
  const callee = consumer?.type === 'call' ? consumer.childForFieldName('function') : null;
  const name = callee ? facts.qualifiedName(callee) : undefined;
  const reads = name ? CONSUMING_CALLS.get(name) : undefined;
  const readsWhole =
    name === 'builtins.list' ||
    (reads !== undefined && reads.consumes === 'eager' && !reads.shortCircuits && iteratesArgument(reads, 0));
  const readWhole = readsWhole && callArguments(consumer!)[0]?.id === written.id;
  return readWhole && holdsBuiltinContainer(rows, facts, 'container') ? 'safe' : 'unsafe';
}

/** `chain(*rows)` → `chain.from_iterable(rows)`: the name gains `.from_iterable`, the star goes (what follows it stays, comments too). */
function fromIterable(call: Node, splat: Node, safety: FixSafety): Fix {
  const callee = call.childForFieldName('function')!;
  return {
    title: 'Use `chain.from_iterable()`',
    safety,
    edits: [
      { start: callee.endIndex, end: callee.endIndex, text: '.from_iterable' },
      { start: splat.startIndex, end: splat.startIndex + 1, text: '' },
    ],
  };
}
