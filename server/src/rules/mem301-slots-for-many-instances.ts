import type { Node } from 'web-tree-sitter';
import { ASCII_IDENTIFIER, wholeWordOffsets, wordBefore } from '../text/asciiWords';
import { isAtLeast } from '../sizes/pythonVersions';
import { classNameOffsets } from './mem301-slots-for-many-instances/classNameSpellings';
import { localClass } from '../semantics/classes';
import { classShape, type ClassShape } from '../semantics/classShape';
import { decoratorExpression, decoratorName, decoratorsOf } from '../semantics/decorators';
import type { DocumentFacts } from '../semantics/facts';
import type { Scope } from '../semantics/scopes';
import { describeBinding } from '../semantics/initialValues';
import { attributeWrites } from '../semantics/instanceAttributes';
import { keptAcrossLoops } from './mem301-slots-for-many-instances/keptValues';
import { FEW_PASSES, knownPassCount } from '../semantics/loops';
import { isInsideRepetition } from './mem301-slots-for-many-instances/repetitions';
import { callArguments, closestAncestor, descendants, isField } from '../semantics/syntax';
import { bindingOfName, mayHideReads, readsBindingIn, usesOfName } from '../semantics/uses';
import { DataScales } from '../scale/dataScale';
import { costLead } from '../scale/holdsText';
import { holdsOverLoops } from './mem301-slots-for-many-instances/loopsHolds';
import { joinScales } from '../scale/scale';
import { CPYTHON, type PythonVersion } from '../sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../sizes/instances';
import type { Size } from '../sizes/size';
import { keywordAnchor, parentOfType } from './anchors';
import type { Rule } from './types';

/** Names whose presence in a class body means it manages its attributes itself. */
const SELF_MANAGED: ReadonlySet<string> = new Set([
  '__slots__',
  '__dict__',
  '__weakref__',
  '__getattr__',
  '__setattr__',
  '__delattr__',
  '__getattribute__',
]);
/** Decorators that store their result in the instance's `__dict__`. */
const DICT_CACHING_DECORATORS: ReadonlySet<string> = new Set(['functools.cached_property']);
/** How deep to follow local base classes before giving up. */
const MAX_BASES = 16;

export const mem301: Rule = {
  code: 'MEM301',
  name: 'slots-for-many-instances',
  defaultSeverity: 'information',
  fixAvailability: 'none',
  summary:
    'Class without `__slots__` whose instances a loop or comprehension keeps: each one carries room for a dict of attributes',
  docs: {
    whatItDoes:
      'Flags a class defined in the file, without `__slots__`, whose instances accumulate: a loop or comprehension makes one on each pass and something that outlives the pass keeps it. Kept means: an item of a list, set or dict comprehension, or of a generator that `list()`, `tuple()`, `set()`, `frozenset()`, `sorted()`, `dict()` or `deque()` (without `maxlen`) consume or `.extend()`/`.update()` take in; an argument of `.append`, `.appendleft`, `.add`, `.insert`, `heapq.heappush` or `bisect.insort` on a container, added with `+=` (`rows += [Point(…)]`), or stored under a key (`d[k] = Point(…)`), when the container is not made anew on each pass; yielded; chained to the previous instance (`head = Node(v, head)`); bound to a name that one of these keeps; or returned by a plain function whose call one of these keeps. Tuples, lists and dicts around the instance (`rows.append((i, Point(…)))`) keep it too. An instance that the next pass replaces is one alive at a time, and `__slots__` would save its bytes once, not once per pass: a name rebound on every pass with nothing storing it (`game = Session(…)`, read and dropped), an argument of a call not known to keep it (`check(f(Point(x)))`, `Compose([Flip()])`), the value of an attribute (`self.last = chunk`), an item of a generator that `sum()` or `any()` consume, or a call in a comprehension’s condition. These are left alone, and so are loops the code shows to be short (`range(5)`, a display of a few items: at most 10 instances in all). The finding is reported once, at the class name; its message leads with the bytes `__slots__` would save (per instance on the CPython version the code targets, 64-bit: 3.11 unless `memhints.pythonVersion` or pyproject.toml’s `python-version` or `requires-python` say otherwise; times the passes that keep one: `n = len(rows)`, or the passes of a `while`), points at where the instances are made (a related place of the diagnostic, the first such call), and names the attributes its `__slots__` would hold: those `__init__` assigns to `self` (for a `@dataclass`, its fields, and the fix is `@dataclass(slots=True)`, Python 3.10+: a dataclass is left alone when the code targets an older version). To stay precise, the class is skipped when adding `__slots__` could break it or would not help: it has a base class other than `object` that is not defined in the same file (NamedTuple, Enum, exceptions, TypedDict, Protocol, Generic, ABC… and anything imported), several local bases, a `metaclass=` or other class keyword, a decorator other than `dataclasses.dataclass`, or a dataclass already given `slots=`; it defines `__slots__`, `__getattr__`, `__setattr__`, `__delattr__` or `__getattribute__`, or uses `functools.cached_property`; a method sets an attribute `__init__` does not; some code in the file reads `__dict__`, calls `vars()` on an object, calls `setattr`/`delattr` with a computed name, or sets on any object (other than the `self` of another class’s method) an attribute that is not one of the class’s; an attribute shares its name with a class variable, method or property; the file imports `weakref` (instances with `__slots__` cannot be weakly referenced unless `__weakref__` is listed); or, for a dataclass, a method calls `super()` without arguments (it fails in the new class that `slots=True` creates, CPython 3.10 to 3.13). A local base class without `__slots__` must get them too, and the message says which attributes go where.',
    whyBadForMemory:
      'An instance of a class without `__slots__` has a pointer to a dict, a pointer to an array of attribute values and a `__weakref__` slot besides its header, and since CPython 3.11 the values live in that separate array, sized for the attributes plus one. With `__slots__` the values sit in the instance itself and the rest is gone. Counted with tracemalloc on CPython 3.11, 64-bit, an instance with 3 attributes takes 96 bytes without `__slots__` and 56 bytes with them: for 1,000,000 instances, 96 MB against 56 MB, before counting the attribute values themselves. The first few dozen instances of a class take more (CPython sizes their arrays generously until it knows the class), and code that reads `obj.__dict__` or `vars(obj)` makes CPython build a real dict for that instance: 160 bytes instead of 96. Only instances alive together add up: a loop that binds one name to a new instance on each pass, and keeps none, peaks within about 1 KB of the same with or without `__slots__`, whether it makes 1,000 instances or 100,000 (the difference is the class objects).',
    example:
      'class Point:\n    def __init__(self, x, y, z):\n        self.x = x\n        self.y = y\n        self.z = z\n\npoints = [Point(x, y, 0.0) for x, y in pairs]',
    useInstead:
      'class Point:\n    __slots__ = ("x", "y", "z")\n\n    def __init__(self, x, y, z):\n        self.x = x\n        self.y = y\n        self.z = z\n\npoints = [Point(x, y, 0.0) for x, y in pairs]\n\n# or, on Python 3.10+:\nfrom dataclasses import dataclass\n\n@dataclass(slots=True)\nclass Point3:\n    x: float\n    y: float\n    z: float',
    fixSafety:
      'No automatic fix: code elsewhere (another module, a library, a debugger, pickling with protocol 0 or 1, `copy` helpers that read `__dict__`) may set attributes that are not listed, read `__dict__`, or take weak references, and with `__slots__` those raise AttributeError or TypeError.',
  },
  anchors: [keywordAnchor('class', parentOfType('class_definition'))],
  check(classNode, context) {
    const name = classNode.childForFieldName('name');
    if (!name) return undefined;
    const { facts } = context;
    // Cheaper than the class's shape (which collects its whole body) and the
    // file-wide attribute writes, and most classes stop at one of these.
    if (!basesMayBeLocal(classNode, facts)) return undefined;
    const place = repeatedInstantiation(name, facts);
    if (!place) return undefined;
    const chain = slotlessChain(classNode, facts);
    // `@dataclass(slots=True)`, the fix for a dataclass, is new in 3.10.
    if (!chain || (chain[0]!.shape.dataclass && !isAtLeast(context.pythonVersion, '3.10'))) return undefined;
    const attributes = slotAttributes(chain, facts);
    if (!attributes) return undefined;
    const holds = savedBytes(attributes, place.loops, facts, context.pythonVersion);
    const scales = new DataScales(facts, context.dataReads);
    return {
      code: mem301.code,
      message: message(holds, chain, attributes),
      severity: mem301.defaultSeverity,
      ...(holds ? { holds } : {}),
      scale: joinScales(place.loops.map((loop) => scales.ofIteration(loop))),
      start: name.startIndex,
      end: name.endIndex,
      // Where the instances are made, as a place rather than a line number in the message: a notebook's lines are its cells'.
      related: [{ start: place.call.startIndex, end: place.call.endIndex, message: 'the instances are made here' }],
    };
  },
};

/** A class that could take `__slots__` as it is. */
interface SlotCandidate {
  readonly shape: ClassShape;
  /** Names the class body gives a value: methods, properties, class variables, fields with defaults. */
  readonly classNames: ReadonlySet<string>;
}

/** The class and its local base classes, nearest first, when each could take `__slots__` as it is. */
function slotlessChain(classNode: Node, facts: DocumentFacts): SlotCandidate[] | undefined {
  const chain: SlotCandidate[] = [];
  const seen = new Set<number>();
  for (let current: Node | undefined = classNode; current; ) {
    if (seen.has(current.id) || chain.length >= MAX_BASES) return undefined;
    seen.add(current.id);
    const candidate = slotCandidate(current, facts);
    if (!candidate) return undefined;
    chain.push(candidate);
    const bases = localBases(current, facts);
    if (!bases || bases.length > 1) return undefined;
    current = bases[0];
  }
  // Mixing dataclasses and plain classes in one chain leaves too many ways for slots to clash.
  if (chain.length > 1 && chain.some(({ shape }) => shape.dataclass)) return undefined;
  return chain;
}

/** The base classes other than `object`, when each is a class defined in this file; undefined otherwise. */
function localBases(classNode: Node, facts: DocumentFacts): Node[] | undefined {
  const bases: Node[] = [];
  for (const argument of classNode.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!argument || argument.type === 'comment') continue;
    // A metaclass or any other class keyword could do anything with the namespace.
    if (argument.type === 'keyword_argument' || argument.type === 'list_splat' || argument.type === 'dictionary_splat')
      return undefined;
    if (facts.qualifiedName(argument) === 'builtins.object') continue;
    const local = localClass(argument, facts);
    if (!local) return undefined;
    bases.push(local);
  }
  return bases;
}

function slotCandidate(classNode: Node, facts: DocumentFacts): SlotCandidate | undefined {
  const body = classNode.childForFieldName('body');
  const name = classNode.childForFieldName('name')?.text;
  if (!body || !name) return undefined;
  const shape = classShape(classNode, facts);
  const dataclass = shape.dataclass !== undefined;
  if (!isPlainlyDecorated(classNode, shape)) return undefined;
  const scope = facts.scopes.scopeOf(body);
  if (scope.node.id !== classNode.id) return undefined;
  if ([...scope.bindings.keys()].some((bound) => SELF_MANAGED.has(bound))) return undefined;
  // `x: int` alone makes no class attribute, so it does not clash with a slot named x.
  const classNames = new Set(
    [...scope.bindings].flatMap(([bound, sites]) =>
      sites.some((site) => describeBinding(site).kind !== 'annotation') ? [bound] : [],
    ),
  );
  for (const sites of scope.bindings.values()) {
    for (const site of sites) {
      const definition = site.node.parent;
      if (definition?.type !== 'function_definition') continue;
      if (
        decoratorsOf(definition).some((decorator) => DICT_CACHING_DECORATORS.has(decoratorName(decorator, facts) ?? ''))
      )
        return undefined;
    }
  }
  if (dataclass && callsSuper(body, facts)) return undefined;
  return { shape, classNames };
}

/** No decorator, or only `@dataclass` without `slots=`: any other decoration could do anything with the class. */
function isPlainlyDecorated(classNode: Node, shape: ClassShape): boolean {
  const decorators = decoratorsOf(classNode);
  if (!shape.dataclass) return decorators.length === 0;
  if (decorators.length > 1) return false;
  const expression = decoratorExpression(shape.dataclass.decorator);
  if (expression?.type !== 'call') return true;
  return callArguments(expression).every(
    (argument) => argument.type === 'keyword_argument' && argument.childForFieldName('name')?.text !== 'slots',
  );
}

/** Zero-argument `super()` needs the `__class__` cell that `slots=True` leaves pointing at the old class. */
function callsSuper(body: Node, facts: DocumentFacts): boolean {
  for (const node of descendants(body)) {
    if (node.type === 'identifier' && node.text === '__class__') return true;
    if (node.type !== 'call') continue;
    const callee = node.childForFieldName('function');
    if (callee && facts.qualifiedName(callee) === 'builtins.super') return true;
  }
  return false;
}

/**
 * The attributes each class of the chain would list in `__slots__` (for a
 * dataclass, its fields), nearest class first; undefined when something in
 * the file sets, or may set, an attribute on the instances that no class
 * of the chain assigns in `__init__`, or an attribute clashes with a class
 * variable.
 */
function slotAttributes(chain: readonly SlotCandidate[], facts: DocumentFacts): string[][] | undefined {
  if (importsWeakref(facts)) return undefined;
  const inChain = new Set(chain.map(({ shape }) => shape.node.id));
  const writes = attributeWrites(facts);
  const assigned = chain.map(({ shape }) => shape.setByInit);
  const all = new Set(assigned.flat());
  for (const write of writes) {
    // A class method sets class attributes; another class's `self` is another kind of object.
    if (write.receiver.kind === 'class') continue;
    if (write.receiver.kind === 'instance' && !inChain.has(write.receiver.owner.id)) continue;
    if (write.name === undefined || !all.has(write.name)) return undefined;
  }
  // A slot and a class attribute of the same name cannot coexist (dataclasses handle their own defaults).
  if (chain.some(({ shape, classNames }) => !shape.dataclass && [...all].some((name) => classNames.has(name))))
    return undefined;
  // Each class lists only what its bases do not.
  return assigned.map((names, index) =>
    names.filter((name) => !assigned.slice(index + 1).some((inherited) => inherited.includes(name))),
  );
}

/** `class Name(Base, Other):` up to its colon, when the bases hold no bracket, comment, keyword or star. */
const PLAIN_HEADER = /class[ \t]+[^\s(:]+[ \t]*(?:\(([^()#=*]*)\))?[ \t]*:/y;

/** Per document: by name, whether the text may define a class of that name. */
const classNamesByDocument = new WeakMap<DocumentFacts, Map<string, boolean>>();

/**
 * False when the class's header names a base that is neither `object` nor a
 * class this file may define (an exception, `Enum`, anything imported or
 * subscripted): slotlessChain would turn it down, and the costlier questions
 * need not be asked. Told from the text; a header it cannot read plainly
 * (brackets, comments, non-ASCII names) leaves the answer to the tree.
 */
function basesMayBeLocal(classNode: Node, facts: DocumentFacts): boolean {
  const { text, textStart } = facts.module;
  PLAIN_HEADER.lastIndex = classNode.startIndex - textStart;
  const bases = PLAIN_HEADER.exec(text)?.[1];
  if (bases === undefined) return true;
  // An import could rename `object`. The answer holds until some text spells `builtins`, or a class of a base's name: the incremental analysis is told so.
  if (facts.mayRenameBuiltins()) return true;
  let classNames = classNamesByDocument.get(facts);
  if (!classNames) classNamesByDocument.set(facts, (classNames = new Map()));
  for (const item of bases.split(',')) {
    const base = item.trim();
    if (base === '' || base === 'object') continue;
    if (/[\x80-\uFFFF]/.test(base)) return true;
    if (!ASCII_IDENTIFIER.test(base)) return false;
    facts.readsSpellingsOf(base);
    let defined = classNames.get(base);
    if (defined === undefined) classNames.set(base, (defined = spelledAfterClass(text, base)));
    if (!defined) return false;
  }
  return true;
}

/** Whether the text spells `class name` anywhere: a class of that name may be defined. */
function spelledAfterClass(text: string, name: string): boolean {
  for (const at of wholeWordOffsets(text, name)) if (wordBefore(text, at) === 'class') return true;
  return false;
}

/** Per document: classes ask in turn, and the answer is the same for all of them. */
const weakrefImports = new WeakMap<DocumentFacts, boolean>();

function importsWeakref(facts: DocumentFacts): boolean {
  facts.readsSpellingsOf('weakref');
  let known = weakrefImports.get(facts);
  // A text that never spells weakref imports it nowhere, and needs no search for its imports.
  if (known === undefined)
    weakrefImports.set(facts, (known = facts.module.text.includes('weakref') && findsWeakrefImport(facts)));
  return known;
}

/**
 * Whether an import names the module weakref or one inside it (`import
 * weakref`, `import weakref.x as w`, `from weakref import ref`), found from
 * where the text spells weakref rather than by a walk over every node.
 */
function findsWeakrefImport(facts: DocumentFacts): boolean {
  return facts.names.spellings('weakref', facts.module.main).some((name) => {
    const dotted = name.parent;
    if (dotted?.type !== 'dotted_name' || dotted.namedChild(0)?.id !== name.id) return false;
    const owner = dotted.parent;
    if (owner?.type === 'import_from_statement') return isField(owner, 'module_name', dotted);
    // `from m import weakref as w` imports a name from m, not the module.
    return (
      owner?.type === 'import_statement' ||
      (owner?.type === 'aliased_import' && owner.parent?.type === 'import_statement')
    );
  });
}

interface Instantiation {
  readonly call: Node;
  /** The loops whose passes each keep an instance alive, innermost first. */
  readonly loops: readonly Node[];
}

/**
 * The first call of the class whose instances accumulate: each pass of some
 * loop or comprehension keeps one (an item of a list, appended, stored under
 * a key, yielded, returned to a caller that keeps it), over more than a few
 * passes. An instance bound to a name that the next pass rebinds, with nothing
 * keeping it, is one alive at a time: `__slots__` would save its bytes once.
 */
function repeatedInstantiation(name: Node, facts: DocumentFacts): Instantiation | undefined {
  // Following the name's bindings and reads costs lookups in every scope that spells it,
  // and most classes are never called inside a loop, a comprehension or a function, or not at all:
  // the places where the text spells a call of the name tell, without asking the tree
  // about its other mentions (annotations, docstrings, isinstance…).
  const callees = spelledCalls(name.text, facts).filter((callee) => isCalledWhereItMayRepeat(callee, facts));
  if (callees.length === 0) return undefined;
  const binding = bindingOfName(facts, name);
  if (binding?.sites.length !== 1 || binding.sites[0]!.node.id !== name.id) return undefined;
  let reads: ((callee: Node) => boolean) | undefined;
  for (const callee of callees) {
    const call = callee.parent!;
    // Where the instance goes tells first, from the syntax around the call: most calls keep
    // none (`raise Error(…)`), and whether a call reads the class costs a lookup where it stands.
    const loops = keptAcrossLoops(call, facts);
    if (!loops || isFewPasses(loops, facts)) continue;
    reads ??= readerOf(binding.scope, name, facts);
    if (!reads) return undefined;
    if (reads(callee)) return { call, loops };
  }
  return undefined;
}

/**
 * Whether a callee reads the class's binding in `scope`; undefined when some
 * read may go unseen. All the name's reads are needed only when one elsewhere
 * could hide others.
 */
function readerOf(scope: Scope, name: Node, facts: DocumentFacts): ((callee: Node) => boolean) | undefined {
  if (!mayHideReads(facts)) return (callee) => readsBindingIn(facts, callee, scope);
  const uses = usesOfName(facts, name);
  if (!uses) return undefined;
  const ids = new Set(uses.reads.map((read) => read.id));
  return (callee) => ids.has(callee.id);
}

/** What may stand between a callee and its `(`: spaces, line breaks, continuations, and comments (inside brackets), each running to its line's end. */
const BEFORE_ARGUMENTS = /(?:\s|\\|#[^\r\n]*(?=[\r\n]))*\(/y;
/** `class ` just before a name: the name being defined, not called. */
const CLASS_KEYWORD_BEFORE = /\bclass[ \t]+$/;

/**
 * The identifiers where the text spells `name` followed by an opening
 * bracket, other than in `class name(`: every call of the name is among them.
 */
function spelledCalls(name: string, facts: DocumentFacts): Node[] {
  facts.readsSpellingsOf(name);
  const { text, textStart } = facts.module;
  const identifiers: Node[] = [];
  for (const at of classNameOffsets(facts, name)) {
    // An attribute of something else.
    if (text[at - 1] === '.') continue;
    BEFORE_ARGUMENTS.lastIndex = at + name.length;
    if (!BEFORE_ARGUMENTS.test(text) || CLASS_KEYWORD_BEFORE.test(text.slice(Math.max(0, at - 32), at))) continue;
    const identifier = facts.names.identifierAt(textStart + at, name.length);
    if (identifier) identifiers.push(identifier);
  }
  return identifiers;
}

/**
 * Whether the identifier is called where the call may run many times: in a
 * loop or comprehension, or in a function (which may return the instance to
 * a loop that keeps it). What keptAcrossLoops needs first, and cheaper.
 */
function isCalledWhereItMayRepeat(identifier: Node, facts: DocumentFacts): boolean {
  const call = identifier.parent;
  if (call?.type !== 'call' || !isField(call, 'function', identifier)) return false;
  return isInsideRepetition(call, facts) || closestAncestor(call, FUNCTIONS) !== null;
}

const FUNCTIONS: ReadonlySet<string> = new Set(['function_definition']);

/** The loops the code shows to make at most FEW_PASSES passes in all (`range(3)`, a short display). */
function isFewPasses(loops: readonly Node[], facts: DocumentFacts): boolean {
  let product = 1;
  for (const loop of loops) {
    const passes = knownPassCount(loop, facts);
    if (passes === undefined) return false;
    product *= passes;
  }
  return product <= FEW_PASSES;
}

/** The bytes `__slots__` saves per instance (on the CPython version the code targets, 64-bit) times the instances the loops keep. */
function savedBytes(
  attributes: readonly string[][],
  loops: readonly Node[],
  facts: DocumentFacts,
  version: PythonVersion,
): Size | undefined {
  const layout = CPYTHON[version];
  const total = attributes.reduce((sum, names) => sum + names.length, 0);
  const withDict = dictInstanceSize(layout, total);
  return withDict === undefined
    ? undefined
    : holdsOverLoops(withDict - slottedInstanceSize(layout, total), loops, facts);
}

/** Past this length the message names the attributes by number rather than one by one. */
const MESSAGE_LENGTH = 120;

/** The cost first, then what to write. */
function message(holds: Size | undefined, chain: readonly SlotCandidate[], attributes: readonly string[][]): string {
  const lead = `${costLead(holds, 'instance dicts')}, kept by a loop: `;
  const full = `${lead}${suggestion(chain, attributes, 'tuples')}`;
  return full.length <= MESSAGE_LENGTH ? full : `${lead}${suggestion(chain, attributes, 'short')}`;
}

/**
 * `use @dataclass(slots=True)`, or the `__slots__` to add to each class of
 * the chain: add `__slots__ = ("x", "y")`, add `__slots__`: `("b",)` here,
 * `("a",)` in `Base`; or, shorter, with the attributes left for the reader to list.
 */
function suggestion(
  chain: readonly SlotCandidate[],
  attributes: readonly string[][],
  form: 'tuples' | 'short',
): string {
  if (chain[0]!.shape.dataclass) return 'use `@dataclass(slots=True)` (3.10+)';
  if (chain.length === 1)
    return form === 'tuples'
      ? `add \`__slots__ = ${pythonTuple(attributes[0]!)}\``
      : `add \`__slots__\` for its ${plural(attributes[0]!.length, 'attribute')}`;
  const bases = chain.slice(1).map(({ shape }) => `\`${shape.name}\``);
  if (form === 'short') return `add \`__slots__\` here and in ${bases.join(', ')}`;
  return `add \`__slots__\`: ${chain.map((_, index) => `\`${pythonTuple(attributes[index]!)}\` ${index === 0 ? 'here' : `in ${bases[index - 1]}`}`).join(', ')}`;
}

/** `1 attribute`, `3 attributes`. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `()`, `("x",)`, `("x", "y")`. */
function pythonTuple(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length === 1 ? `(${quoted[0]},)` : `(${quoted.join(', ')})`;
}
