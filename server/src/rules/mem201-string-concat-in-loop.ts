import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../analysis/facts';
import { bindingsOf, type NameBinding } from '../analysis/initialValues';
import { alwaysRunsWith, contains, enclosingLoops, isShortLoop } from '../analysis/loops';
import { callArguments, closestAncestor, SCOPE_TYPES, unparenthesized } from '../analysis/syntax';
import { AFTER_GROWN_NAME } from '../analysis/sumHits';
import { mayBeAssignedText } from '../analysis/textBindings';
import { usesOfName } from '../analysis/uses';
import { valueKind, type ValueKind } from '../analysis/valueKinds';
import { keywordAnchor, parentOfType } from './anchors';
import type { Rule } from './types';

type TextKind = 'str' | 'bytes';

export const mem201: Rule = {
  code: 'MEM201',
  name: 'string-concat-in-loop',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary: 'A str or bytes value grown with `+=` inside a loop',
  docs: {
    whatItDoes:
      'Flags `s += part` and `s = s + part` inside a `for` or `while` loop when `s` is a str or bytes accumulator: every assignment to `s` in its scope stores a str (bytes) value (a literal, an f-string, `str(...)`, a str method of `s` such as `s.rstrip(",")`…), at least one of them runs before the loop, and nothing in the loop stores another value in `s` on every pass (a reset inside an `if`, as when text is split into blocks, does not stop the growth between resets). It also stays quiet for a str that the loop reads whole on every pass that grows it (`self.assertEqual(s, expected)`, `while s in taken`; `len(s)`, `if s:` and `s == "…"` do not count): every intermediate value is then needed in full anyway. Bytes are still flagged, since a `bytearray` grows in place and can be read as it is. Loops the code shows to be short (`for part in (a, b, c)`, `range(5)`: at most 10 passes) are left alone. Names whose type the code does not prove (parameters, loop targets, values returned by other functions) and numbers or lists grown with `+=` are left alone.',
    whyBadForMemory:
      'A str or bytes object cannot grow: `s += part` builds a new object of len(s) + len(part) and copies both into it, while the old one is still alive. Built from n parts of k bytes, that is k·(1 + 2 + … + n) = k·n(n+1)/2 bytes copied in total, and every step holds the old and the new value at once. For 10,000 pieces of 100 bytes (a 1 MB result), bytes `+=` copies about 5 GB (100·10,000·10,001/2 bytes) and peaks at 2,000,179 bytes of live memory (tracemalloc, CPython 3.11 64-bit), twice the result. A bytearray grows in place with spare capacity (peak 1,099,657 bytes for the same data), and `b"".join(parts)` copies each byte once. CPython has one escape hatch: when a str is referenced only by a local variable of a function, `s += part` may resize it in place, so that case is often linear in practice. The optimisation does not apply to bytes, to module-level or global variables (on CPython 3.11, appending 80,000 short pieces at module level takes hundreds of times longer than the same loop inside a function), to attributes (`self.s += part`), to a string that anything else still references, or to PyPy and other interpreters; code that relies on it breaks silently when it moves.',
    example:
      'def render(rows):\n    html = ""\n    for row in rows:\n        html += f"<tr><td>{row}</td></tr>"\n    return html\n\npayload = b""\nfor chunk in chunks:\n    payload += chunk',
    useInstead:
      'def render(rows):\n    parts = []\n    for row in rows:\n        parts.append(f"<tr><td>{row}</td></tr>")\n    return "".join(parts)\n\npayload = bytearray()\nfor chunk in chunks:\n    payload += chunk',
    fixSafety:
      'No automatic fix: rewriting needs a new name for the parts, and every read of `s` inside the loop (a length check, a `print`) would have to join them first. The join is not free either: it holds every part until the end (about 1.9 MB of parts and result for the 1 MB example above), so when the parts are only written out, writing each one to the file or socket directly uses the least memory.',
  },
  anchors: [keywordAnchor('+=', parentOfType('augmented_assignment')), keywordAnchor('+', assignmentOfSum, AFTER_GROWN_NAME)],
  check(node, context) {
    const name = grownName(node);
    if (!name || addsNumber(node)) return undefined;
    const loops = enclosingLoops(node);
    if (loops.length === 0) return undefined;
    // Most names grown in loops are numbers or lists, which the text of their assignments tells.
    const scope = closestAncestor(loops[loops.length - 1]!, SCOPE_TYPES) ?? context.facts.module.main;
    if (!mayBeAssignedText(context.facts, name.text, scope)) return undefined;
    const found = bindingsOf(context.facts, name.text, name);
    if (!found) return undefined;
    const kind = accumulatorKind(name.text, found.bindings, context.facts);
    if (!kind) return undefined;
    const initialisations = found.bindings.filter((binding) => binding.kind === 'value' && valueKind(binding.value, context.facts) === kind);
    const reads = usesOfName(context.facts, name)?.reads ?? [];
    const accumulatesIn = (loop: Node): boolean =>
      !isShortLoop(loop, context.facts) &&
      initialisations.some((binding) => binding.site.node.endIndex <= loop.startIndex) &&
      !found.bindings.some((binding) => isRebound(binding, node, loop, name.text)) &&
      !(kind === 'str' && reads.some((read) => isWholeReadEveryPass(read, node, loop, context.facts)));
    if (!loops.some(accumulatesIn)) return undefined;
    const advice = kind === 'str' ? 'collect the parts in a list and `"".join()` them once' : 'grow a `bytearray` or `b"".join()` the parts once';
    return {
      code: mem201.code,
      message: `\`${name.text}\` is a ${kind} value grown inside a loop: each \`+\` can copy everything built so far (quadratic copying, old and new value alive at once); ${advice}`,
      severity: mem201.defaultSeverity,
      start: node.startIndex,
      end: node.endIndex,
    };
  },
};

/** Number literals: no str or bytes grows by one (that would raise TypeError). */
const NUMBER_TYPES: ReadonlySet<string> = new Set(['integer', 'float']);

/**
 * `i += 1`, `n = n + 1`: a counter, whatever the name holds, told from the
 * text of what is added before the name's bindings are looked up.
 */
function addsNumber(growth: Node): boolean {
  const added = growth.type === 'augmented_assignment' ? growth.childForFieldName('right') : unparenthesized(growth.childForFieldName('right')!).childForFieldName('right');
  return added !== null && NUMBER_TYPES.has(unparenthesized(added).type);
}

/** The assignment whose value is a sum this `+` is part of: `s = s + a + b`. */
function assignmentOfSum(plus: Node): Node | undefined {
  const sum = plus.parent;
  if (sum?.type !== 'binary_operator') return undefined;
  // This runs for every `+` of the file: each node's type is read once (a call into WASM).
  for (let parent = sum.parent; parent; parent = parent.parent) {
    const type = parent.type;
    if (type === 'assignment') return parent;
    if (type !== 'binary_operator' && type !== 'parenthesized_expression') return undefined;
  }
  return undefined;
}

/** The name grown by `s += …` or `s = s + …` (the name as the leftmost operand), if node is either. */
function grownName(node: Node): Node | undefined {
  const left = node.childForFieldName('left');
  if (left?.type !== 'identifier') return undefined;
  if (node.type === 'augmented_assignment') return node.childForFieldName('operator')?.text === '+=' ? left : undefined;
  const right = node.childForFieldName('right');
  return right && leftmostAddend(right)?.text === left.text ? left : undefined;
}

/** `s` in `s + a + b` (parsed as `(s + a) + b`). */
function leftmostAddend(expression: Node): Node | undefined {
  let current = unparenthesized(expression);
  if (current.type !== 'binary_operator' || current.childForFieldName('operator')?.text !== '+') return undefined;
  while (current.type === 'binary_operator' && current.childForFieldName('operator')?.text === '+') {
    const left = current.childForFieldName('left');
    if (!left) return undefined;
    current = unparenthesized(left);
  }
  return current.type === 'identifier' ? current : undefined;
}

/**
 * str or bytes when every binding of the name keeps it one: the values stored
 * without reading the name itself agree on the kind, values that read it (`s +
 * "x"`, `s.strip()`) give the same kind when it has it, and `+=` never adds
 * something of another known type. Any other binding (a parameter, a loop
 * target, unpacking, `global`) leaves the type unproven.
 */
function accumulatorKind(name: string, bindings: readonly NameBinding[], facts: DocumentFacts): TextKind | undefined {
  const initial = new Set<ValueKind | undefined>();
  for (const binding of bindings) if (binding.kind === 'value') initial.add(valueKind(binding.value, facts));
  initial.delete(undefined);
  if (initial.size !== 1) return undefined;
  const [kind] = initial;
  if (kind !== 'str' && kind !== 'bytes') return undefined;
  const assumed = (identifier: Node): ValueKind | undefined => (identifier.text === name ? kind : undefined);
  const keepsKind = (binding: NameBinding): boolean => {
    switch (binding.kind) {
      case 'value':
        return valueKind(binding.value, facts, assumed) === kind;
      case 'augmented': {
        if (binding.operator !== '+=') return false;
        const added = valueKind(binding.value, facts, assumed);
        return added === undefined || added === kind;
      }
      case 'annotation':
        return true;
      default:
        return false;
    }
  };
  return bindings.every(keepsKind) ? kind : undefined;
}

/**
 * A binding inside the loop, other than a growth, that runs on every pass with
 * `growth`: before it, the value starts over each pass; after it, it is
 * replaced (trimmed, stripped, emptied), so its growth across passes is unproven.
 */
function isRebound(binding: NameBinding, growth: Node, loop: Node, name: string): boolean {
  if (!contains(loop, binding.site.node) || isGrowth(binding, name)) return false;
  return alwaysRunsWith(binding.site.node, growth, loop);
}

/**
 * A read of the whole accumulated str in every pass that grows it
 * (`self.assertEqual(s, expected)`, `while s in taken`): each intermediate
 * value is needed in full anyway, so collecting parts would save nothing.
 * Reads a list of parts answers as well do not count: `len(s)`, `if s:`,
 * `s == ""`, and the growth's own `s + …`. (Bytes are not exempt: a
 * `bytearray` grows in place and can be read as it is.)
 */
function isWholeReadEveryPass(read: Node, growth: Node, loop: Node, facts: DocumentFacts): boolean {
  if (!contains(loop, read) || isLengthOf(read, facts) || isTruthTest(read) || isComparedToLiteral(read) || isGrowthOperand(read)) return false;
  return alwaysRunsWith(read, growth, loop);
}

/** `if s:`, `while not s:`, `s and …`. */
function isTruthTest(read: Node): boolean {
  let node = read;
  while (node.parent?.type === 'not_operator' || node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'boolean_operator') return true;
  return ['if_statement', 'elif_clause', 'while_statement', 'conditional_expression'].includes(parent.type) && parent.childForFieldName('condition')?.equals(node) === true;
}

/** `s == "{"`, `s != ""`: a comparison with a literal string. */
function isComparedToLiteral(read: Node): boolean {
  const comparison = read.parent;
  if (comparison?.type !== 'comparison_operator') return false;
  const operands = comparison.namedChildren.filter((child): child is Node => child !== null);
  const operators = comparison.children.filter((child) => child !== null && !child.isNamed).map((child) => child!.type);
  return operands.length === 2 && operators.every((op) => op === '==' || op === '!=') && operands.some((operand) => operand.type === 'string');
}

function isLengthOf(read: Node, facts: DocumentFacts): boolean {
  const call = read.parent?.parent;
  if (read.parent?.type !== 'argument_list' || call?.type !== 'call' || callArguments(call).length !== 1) return false;
  const callee = call.childForFieldName('function');
  return callee !== null && facts.qualifiedName(callee) === 'builtins.len';
}

/** `s` on the right of `s = s + part`. */
function isGrowthOperand(read: Node): boolean {
  for (let node = read.parent; node; node = node.parent) {
    if (node.type === 'assignment') return grownName(node)?.text === read.text && leftmostAddend(node.childForFieldName('right')!)?.equals(read) === true;
    if (node.type === 'expression_statement' || node.type === 'block') return false;
  }
  return false;
}

function isGrowth(binding: NameBinding, name: string): boolean {
  if (binding.kind === 'augmented') return binding.operator === '+=';
  return binding.kind === 'value' && leftmostAddend(binding.value)?.text === name;
}
