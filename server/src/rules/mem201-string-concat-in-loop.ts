import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { enclosingLoops } from '../semantics/loops';
import { closestAncestor, SCOPE_TYPES, unparenthesized } from '../semantics/syntax';
import { AFTER_GROWN_NAME, BEFORE_GROWN_NAME } from './sum-hits';
import { mayBeAssignedText } from './mem201-string-concat-in-loop/textBindings';
import { keywordAnchor, parentOfType } from './anchors';
import { accumulatorOf, type Accumulator, type Home } from './mem201-string-concat-in-loop/text-accumulators';
import { growthOf, targetLabel, type Growth } from './mem201-string-concat-in-loop/text-growth';
import type { Finding, Rule, RuleContext, Severity } from './types';
import { isAtLeast } from '../sizes/pythonVersions';
import type { PythonVersion } from '../sizes/cpython';
import { DataScales } from '../scale/dataScale';

/**
 * Why CPython copies the whole value on every pass: bytes never grow in place,
 * a str grows in place only as a function's own local (see Home), and even
 * there `t = t + a + b` and `t = part + t` build a new object each pass.
 */
type CopyReason = 'bytes' | 'module' | 'class' | 'global' | 'nonlocal' | 'cell' | 'attribute' | 'chain' | 'prepend';

/** What each reason costs (the peak against the value's own size, as measured: see the docs) and what to do. */
const MESSAGES: Readonly<Record<CopyReason, (name: string) => string>> = {
  bytes: (name) => `2× peak, quadratic copying: bytes \`${name}\` copied each pass; grow a \`bytearray\` instead`,
  module: (name) =>
    `2× peak, quadratic copying on CPython 3.11+: module-level str \`${name}\` copied each pass; build it in a function`,
  class: (name) =>
    `2× peak, quadratic copying on CPython 3.11+: class-level str \`${name}\` copied each pass; build it in a function`,
  global: (name) =>
    `2× peak, quadratic copying: global str \`${name}\` copied each pass; grow a local str and assign it once`,
  nonlocal: (name) =>
    `2× peak, quadratic copying on CPython 3.11+: nonlocal str \`${name}\` copied each pass; grow a local, assign once`,
  cell: (name) =>
    `2× peak, quadratic copying on CPython 3.11+: \`${name}\` (read by a nested scope) copied each pass; grow another local`,
  attribute: (name) =>
    `2× peak, quadratic copying: str attribute \`${name}\` copied each pass; grow a local str and assign it once`,
  chain: (name) =>
    `up to 3× peak, quadratic copying: \`${name} = ${name} + a + b\` copies \`${name}\` each pass; write \`${name} += a + b\``,
  prepend: (name) =>
    `quadratic copying: prepending copies all of \`${name}\` each pass; append the parts and join them reversed once`,
};

export const mem201: Rule = {
  code: 'MEM201',
  name: 'string-concat-in-loop',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary: 'A str or bytes value that CPython copies whole on every pass of a loop',
  docs: {
    whatItDoes:
      'Flags a str or bytes value grown inside a `for` or `while` loop (`t += part`, `t = t + part`, `t = t + a + b`, `t = part + t`) where CPython copies the whole value on every pass: bytes, wherever they live; a str that is a module-level or class-level name, a name declared `global` or `nonlocal`, a local that a nested function, lambda, generator expression or class reads (a closure cell), or an attribute of `self` (`self.text += part`); and a function-local str grown by `t = t + a + b` or by prepending. CPython 3.8 to 3.10 resize a module-level, class-level, `nonlocal` or closure-cell str in place as they do a local: when the code targets one of them (`memhints.pythonVersion`, or pyproject.toml’s `python-version` or `requires-python`), those are treated as locals. A function\'s own local str grown by `t += part` or `t = t + part` is not flagged: CPython resizes it in place when the local is its only reference, and collecting the parts in a list would raise the peak instead. Each value is reported once per loop, on the first line that grows it, with its other growing lines in the loop as related information. The type must be proven: every assignment to the name stores a str (bytes) value (a literal, an f-string, `str(...)`, a str method of the value such as `t.rstrip(",")`…), one of them runs before the loop, and nothing in the loop stores another value on every pass (a reset inside an `if`, as when text is split into blocks, does not stop the growth between resets); for `self.text`, every write of `text` in the file is through `self` in a method of the same class and stores the same kind, and nothing sets attributes by computed names (`setattr`, `__dict__`, `vars`). A str that the loop reads whole on every pass that grows it (`self.assertEqual(t, expected)`, `while t in taken`; `len(t)`, `if t:` and `t == "…"` do not count) is left alone: every intermediate value is needed in full anyway. Loops the code shows to be short (`for part in (a, b, c)`, `range(5)`: at most 10 passes) are left alone, and so are names whose type the code does not prove (parameters, loop targets, values returned by other functions), `self.text = self.text + part`, container items (`d[k] += part`: what a dict or list holds is seldom provable from the file), a local kept alive by another name (`previous = t`, which also defeats the in-place path), and a local that only a list, set or dict comprehension reads (a cell on CPython 3.11 alone: 3.12 runs comprehensions inline).',
    whyBadForMemory:
      'A str or bytes object has a fixed size: unless CPython can resize it in place, `t += part` allocates a new object of len(t) + len(part), copies both into it and only then frees the old one. Built from n parts of k bytes, that is k·n(n+1)/2 bytes copied in total, with the old and the new value alive at once. Measured with tracemalloc (scripts/mem201-peaks.py in the repository: peak above the start, 100,000 parts of 10 characters, a 1,000,000-byte result, CPython 3.9 / 3.11 / 3.13): bytes `+=` peaks at 2,000,311 / 2,000,483 / 2,000,491 bytes, a `bytearray` grown in place at 1,031,432 / 1,031,512 / 1,031,528 bytes; at 50,000 parts the bytes loop took 1.5 to 7.5 s, the `bytearray` 0.006 to 0.016 s (converting it with `bytes(payload)` copies it once more and brings the peak back to 2,031,369 bytes). A function\'s own local str resizes in place: 1,000,481 / 1,000,630 / 1,000,614 bytes and linear time, while a list of parts and `"".join()` peaks at 7,701,141 / 7,701,313 / 6,901,321 bytes (each 10-character part is a 59-byte str object, plus 8 bytes for its place in the list), which is why that case is not flagged. Binding the local elsewhere in its function does not change that: bound again before the loop, reset inside an `if` in it, replaced after it, the same loop peaks at 1,000,107 to 1,000,215 bytes; only another name holding the value across each `+=` (`previous = t` on every pass) makes CPython copy it, 2,000,136 bytes and 3.9 s on 3.11, and that loop keeps each previous value whole anyway. The same loop at module level peaks at 1,000,949 bytes on 3.9 (which still resized module names in place) but 2,000,587 / 2,000,563 bytes on 3.11 / 3.13, where 100,000 parts took 53 s on 3.11 against 0.04 s on 3.9; moved into a function it is back to 1,000,630 bytes. A class body behaves the same (1,002,265 / 2,000,531 / 2,000,515 bytes), and so does a local read by a nested function (1,000,634 / 2,000,723 / 2,000,715 bytes; a lambda, a generator expression or a nested class alike) or declared `nonlocal` (1,000,676 / 2,000,723 / 2,000,715). A name declared `global` in a function (2,000,655 / 2,000,739 / 2,000,723 bytes) and an attribute (`self.text += part`: 2,002,667 / 2,003,299 / 2,003,203 bytes) are copied on every version; grown in a local and assigned once, they peak at 1,000,754 / 1,000,838 / 1,000,822 and 1,002,766 / 1,003,398 / 1,003,302 bytes. `t = t + a + b` builds `t + a` as a new object before adding `b`: 2,000,357 / 3,000,520 / 3,000,504 bytes, against 1,000,481 / 1,000,630 / 1,000,614 for `t += a + b`. Prepending (`t = part + t`) copies on every version (2,000,300 / 2,000,531 / 2,000,515 bytes, quadratic time), but collecting the parts and joining them reversed peaks higher (7,701,141 / 7,701,313 / 6,901,321 bytes): there the cost is time, not memory, and the finding is information only. PyPy and other interpreters have none of CPython\'s in-place paths.',
    example:
      'def read_all(chunks):\n    payload = b""\n    for chunk in chunks:\n        payload += chunk\n    return payload',
    useInstead:
      'def read_all(chunks):\n    payload = bytearray()\n    for chunk in chunks:\n        payload += chunk\n    return payload',
    fixSafety:
      'No automatic fix: each rewrite changes something the code may rely on. A `bytearray` is mutable and unhashable where bytes are not (and `bytes(payload)` at the end copies it once more, back to a 2× peak); a module-level loop moved into a function binds its other names locally; a local grown in place of an attribute or a global must be assigned back, and code called from the loop that reads the attribute or global sees the old value until then. Collecting parts in a list and joining them once ends the quadratic copying too, but holds every part until the join (the 7.7 MB peak above for a 1 MB result): when the parts are only written out, writing each one to the file or socket directly uses the least memory.',
  },
  anchors: [
    keywordAnchor('+=', parentOfType('augmented_assignment')),
    keywordAnchor('+', assignmentOfSum, AFTER_GROWN_NAME),
    keywordAnchor('+', assignmentOfSum, BEFORE_GROWN_NAME),
  ],
  check(node, context) {
    const growth = growthOf(node);
    if (!growth || addsNumber(growth)) return undefined;
    const flagged = flaggedGrowth(growth, context);
    if (!flagged) return undefined;
    // Reported once per value and loop: on its first flagged growth there, the others related.
    const others = flagged.accumulator
      .growthsIn(flagged.loop)
      .filter(
        (other) => !other.statement.equals(node) && flaggedGrowth(other, context)?.loop.equals(flagged.loop) === true,
      );
    if (others.some((other) => other.statement.startIndex < node.startIndex)) return undefined;
    const label = targetLabel(growth.target);
    const finding: Finding = {
      code: mem201.code,
      message: MESSAGES[flagged.reason](label),
      severity: severityOf(flagged.reason),
      // The copying grows with the passes: as large as what the loop iterates.
      scale: new DataScales(context.facts, context.dataReads).ofIteration(flagged.loop),
      start: node.startIndex,
      end: node.endIndex,
    };
    if (others.length === 0) return finding;
    return {
      ...finding,
      related: others.map((other) => ({
        start: other.statement.startIndex,
        end: other.statement.endIndex,
        message: `\`${label}\` also grows here`,
      })),
    };
  },
};

interface FlaggedGrowth {
  readonly accumulator: Accumulator;
  /** The outermost loop over whose passes the value accumulates. */
  readonly loop: Node;
  readonly reason: CopyReason;
}

/** The growth's accumulator, loop and reason, when CPython (the version the code targets) copies the whole value on every pass of that loop. */
function flaggedGrowth(growth: Growth, { facts, pythonVersion }: RuleContext): FlaggedGrowth | undefined {
  const loops = enclosingLoops(growth.statement);
  if (loops.length === 0 || !mayHoldText(growth, loops[loops.length - 1]!, facts)) return undefined;
  const accumulator = accumulatorOf(growth, facts);
  if (!accumulator) return undefined;
  const reason = copyReason(accumulator, growth, pythonVersion);
  if (!reason) return undefined;
  const loop = [...loops].reverse().find((candidate) => accumulator.accumulatesIn(candidate, growth.statement));
  return loop ? { accumulator, loop, reason } : undefined;
}

function copyReason(accumulator: Accumulator, growth: Growth, version: PythonVersion): CopyReason | undefined {
  if (accumulator.kind === 'bytes') return 'bytes';
  if (growth.form === 'prepend') return 'prepend';
  const home = accumulator.home;
  // Before 3.11 a str at module or class level, or in a closure cell, grows in place as a local does.
  const inPlace = home === 'local' || (RESIZED_BEFORE_3_11.has(home) && !isAtLeast(version, '3.11'));
  if (!inPlace) return home;
  return growth.form === 'chain' ? 'chain' : undefined;
}

/** Where a str lives that CPython 3.8 to 3.10 resize in place and 3.11 and later copy (see Home). */
const RESIZED_BEFORE_3_11: ReadonlySet<Home> = new Set(['module', 'class', 'nonlocal', 'cell']);

/** Prepending costs time, not memory: its remedy, a list of parts, peaks higher (see the docs). */
function severityOf(reason: CopyReason): Severity {
  return reason === 'prepend' ? 'information' : mem201.defaultSeverity;
}

/**
 * Most names grown in loops are numbers or lists, which the text of their
 * scope's assignments tells without collecting its bindings. A name a
 * function may declare `global` or `nonlocal` is assigned elsewhere: there
 * the bindings decide.
 */
function mayHoldText(growth: Growth, outermostLoop: Node, facts: DocumentFacts): boolean {
  if (growth.target.type !== 'identifier') return true;
  const scope = closestAncestor(outermostLoop, SCOPE_TYPES) ?? facts.module.main;
  return (
    mayBeAssignedText(facts, growth.target.text, scope) ||
    (!facts.module.isRoot(scope) && mayDeclareShared(facts, scope))
  );
}

const SHARED_DECLARATION = /\b(?:global|nonlocal)\b/;

/** Whether a scope's text spells `global` or `nonlocal` (read from the module's text, not the tree). */
function mayDeclareShared(facts: DocumentFacts, scope: Node): boolean {
  const { text, textStart } = facts.module;
  return SHARED_DECLARATION.test(text.slice(scope.startIndex - textStart, scope.endIndex - textStart));
}

/** Number literals: no str or bytes grows by one (that would raise TypeError). */
const NUMBER_TYPES: ReadonlySet<string> = new Set(['integer', 'float']);

/**
 * `i += 1`, `n = n + 1`: a counter, whatever the name holds, told from the
 * text of what is added before the name's bindings are looked up.
 */
function addsNumber(growth: Growth): boolean {
  const statement = growth.statement;
  const right = statement.childForFieldName('right');
  if (!right) return false;
  if (statement.type === 'augmented_assignment') return NUMBER_TYPES.has(unparenthesized(right).type);
  const sum = unparenthesized(right);
  const added = growth.form === 'prepend' ? sum.childForFieldName('left') : sum.childForFieldName('right');
  return added !== null && NUMBER_TYPES.has(unparenthesized(added).type);
}

/** The assignment whose value is a sum this `+` is part of: `s = s + a + b`, `s = a + s`. */
function assignmentOfSum(plus: Node): Node | undefined {
  const sum = plus.parent;
  if (sum?.type !== 'binary_operator') return undefined;
  // This runs for every `+` that passes a filter: each node's type is read once (a call into WASM).
  for (let parent = sum.parent; parent; parent = parent.parent) {
    const type = parent.type;
    if (type === 'assignment') return parent;
    if (type !== 'binary_operator' && type !== 'parenthesized_expression') return undefined;
  }
  return undefined;
}
