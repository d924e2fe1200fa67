import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../analysis/facts';
import { isSideEffectFreeComprehension } from '../analysis/purity';
import { isAsyncComprehension } from '../analysis/syntax';
import { callAround, keywordAnchor } from './anchors';
import { CONSUMING_CALLS, iteratesArgument, type ConsumingCall } from './consuming-calls';
import { generatorExpressionFix } from './generator-fix';
import type { Finding, Fix, Rule, TextEdit } from './types';

export const mem101: Rule = {
  code: 'MEM101',
  name: 'generator-in-call',
  defaultSeverity: 'warning',
  fixAvailability: 'always',
  summary: 'List comprehension passed to a call that only iterates it once',
  docs: {
    whatItDoes:
      'Flags a list comprehension passed to a function that only iterates its argument once: `sum`, `min`, `max`, `any`, `all`, `sorted`, `set`, `frozenset`, `tuple`, `dict`, `bytes`, `bytearray`, `enumerate`, `zip`, `map`, `filter`, `collections.Counter`, `collections.deque`, `heapq.nlargest`/`nsmallest`/`merge`, the iterator tools of `itertools`, `math.fsum`, `math.prod` and the `statistics` functions. Import aliases are followed, and a local name that shadows a builtin (`sum = ...`) is left alone. `str.join` is not flagged: it builds a list from a generator anyway.',
    whyBadForMemory:
      'The comprehension builds the whole list before the call starts: 8 bytes of pointer per item plus every item object, all alive at once. For 1,000,000 ints that is 8 MB of pointers and about 28 MB of int objects. A generator expression hands the items over one at a time and itself costs about 200 bytes, whatever the length.',
    example: 'total = sum([x * x for x in values])\nlongest = max([len(line) for line in lines], default=0)',
    useInstead: 'total = sum(x * x for x in values)\nlongest = max((len(line) for line in lines), default=0)',
    fixSafety:
      'Safe when every expression in the comprehension is free of side effects (names, literals, arithmetic, comparisons, subscripts, attribute reads) and the call consumes its argument completely before returning. Unsafe for `any` and `all`, which stop early so a generator evaluates fewer items; for lazy consumers (`zip`, `map`, `enumerate`, `itertools`…), whose items are produced while other code runs; and whenever the comprehension calls functions, since a generator interleaves those calls with the consumer. Async comprehensions and comprehensions containing `await` are not flagged.',
  },
  anchors: [keywordAnchor('for', callGivenComprehension)],
  check(call, context) {
    const callee = call.childForFieldName('function');
    if (!callee) return undefined;
    const args = context.facts.callArguments(call);
    // What the callee is costs a name lookup: only calls given a list comprehension need to know.
    if (!args.some((arg) => arg.type === 'list_comprehension')) return undefined;
    const qualifiedName = context.facts.qualifiedName(callee);
    const consumer = qualifiedName ? CONSUMING_CALLS.get(qualifiedName) : undefined;
    if (!consumer) return undefined;
    const positional = args.filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat');
    if (positional.length !== args.filter((arg) => arg.type !== 'keyword_argument').length) return undefined;
    if (consumer.positionalCount !== undefined && positional.length !== consumer.positionalCount) return undefined;
    const findings: Finding[] = [];
    for (const [index, argument] of positional.entries()) {
      if (argument.type !== 'list_comprehension' || !iteratesArgument(consumer, index)) continue;
      if (isAsyncComprehension(argument)) continue;
      const calleeName = callee.text;
      findings.push({
        code: mem101.code,
        message: `\`${calleeName}()\` only iterates this list once: a generator expression avoids holding every item in memory at once`,
        severity: mem101.defaultSeverity,
        start: argument.startIndex,
        end: argument.endIndex,
        fix: generatorFix(call, argument, consumer, qualifiedName!, context.facts),
      });
    }
    return findings;
  },
};

/** The call a list comprehension is an argument of, from one of its `for`s: `sum([x for x in xs])`. */
function callGivenComprehension(forKeyword: Node): Node | undefined {
  const clause = forKeyword.parent;
  const comprehension = clause?.type === 'for_in_clause' ? clause.parent : null;
  return comprehension?.type === 'list_comprehension' ? callAround(comprehension) : undefined;
}

function generatorFix(call: Node, comprehension: Node, consumer: ConsumingCall, qualifiedName: string, facts: DocumentFacts): Fix {
  const eagerAndComplete = consumer.consumes === 'eager' && !consumer.shortCircuits;
  const safety = eagerAndComplete && isSideEffectFreeComprehension(comprehension, facts) ? 'safe' : 'unsafe';
  const open = comprehension.startIndex;
  const close = comprehension.endIndex - 1;
  if (isSoleArgument(call, comprehension)) {
    const argumentList = call.childForFieldName('arguments')!;
    if (qualifiedName === 'builtins.set') {
      return {
        title: 'Use a set comprehension',
        safety,
        edits: [
          { start: call.startIndex, end: open + 1, text: '{' },
          { start: close, end: argumentList.endIndex, text: '}' },
        ],
      };
    }
    return { title: 'Use a generator expression', safety, edits: removeBrackets(open, close) };
  }
  return generatorExpressionFix(comprehension, safety);
}

function removeBrackets(open: number, close: number): TextEdit[] {
  return [
    { start: open, end: open + 1, text: '' },
    { start: close, end: close + 1, text: '' },
  ];
}

/** `f([...])` with nothing else between the parentheses, not even a trailing comma or a comment. */
function isSoleArgument(call: Node, comprehension: Node): boolean {
  const children = call.childForFieldName('arguments')?.children ?? [];
  return children.length === 3 && children[1]!.equals(comprehension);
}
