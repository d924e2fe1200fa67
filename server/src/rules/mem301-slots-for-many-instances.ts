import type { Node } from 'web-tree-sitter';
import { ASCII_IDENTIFIER, wholeWordOffsets, wordBefore } from '../analysis/asciiWords';
import { classNameOffsets } from '../analysis/classNameSpellings';
import { localClass } from '../analysis/classes';
import { decoratorExpression, decoratorName, decoratorsOf } from '../analysis/decorators';
import type { DocumentFacts } from '../analysis/facts';
import { describeBinding } from '../analysis/initialValues';
import { attributeWrites } from '../analysis/instanceAttributes';
import { enclosingLoops, FEW_PASSES, knownPassCount } from '../analysis/loops';
import { isInsideRepetition } from '../analysis/repetitions';
import { callArguments, COMPREHENSION_TYPES, descendants } from '../analysis/syntax';
import { bindingOfName, isField, mayHideReads, readsBindingIn, usesOfName } from '../analysis/uses';
import { lineOfOffset, lineStarts } from '../positions';
import { CPYTHON, DEFAULT_PYTHON_VERSION, type CPythonLayout } from '../sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../sizes/instances';
import { keywordAnchor, parentOfType } from './anchors';
import type { Rule } from './types';

/** Names whose presence in a class body means it manages its attributes itself. */
const SELF_MANAGED: ReadonlySet<string> = new Set([
  '__slots__', '__dict__', '__weakref__', '__getattr__', '__setattr__', '__delattr__', '__getattribute__',
]);
/** Decorators that store their result in the instance's `__dict__`. */
const DICT_CACHING_DECORATORS: ReadonlySet<string> = new Set(['functools.cached_property']);
/** Class-body annotations that do not make a dataclass field. */
const NOT_A_FIELD = /\b(ClassVar|InitVar|KW_ONLY)\b/;
/** How deep to follow local base classes before giving up. */
const MAX_BASES = 16;

export const mem301: Rule = {
  code: 'MEM301',
  name: 'slots-for-many-instances',
  defaultSeverity: 'information',
  fixAvailability: 'none',
  summary: 'Class without `__slots__` instantiated in a loop or comprehension: every instance carries room for a dict of attributes',
  docs: {
    whatItDoes:
      'Flags a class defined in the file, without `__slots__`, that is instantiated inside a `for` or `while` loop or a comprehension, and names the attributes its `__slots__` would hold: those `__init__` assigns to `self` (for a `@dataclass`, its fields, and the fix is `@dataclass(slots=True)`, Python 3.10+). The finding is reported once, at the class name, and the message names one place where it is instantiated repeatedly. Loops the code shows to be short (`range(5)`, a display of a few items: at most 10 instances in all) are left alone. Nor does a call in a loop count when the instance is only an argument of a call whose result is dropped (`check(f(Point(x)))` as a statement of its own, or in an `assert`), unless a call on the way stores it (`.append`, `.add`, `.insert`, `heapq.heappush`…): each such instance can be freed when its pass ends, so only one is alive at a time. To stay precise, the class is skipped when adding `__slots__` could break it or would not help: it has a base class other than `object` that is not defined in the same file (NamedTuple, Enum, exceptions, TypedDict, Protocol, Generic, ABC… and anything imported), several local bases, a `metaclass=` or other class keyword, a decorator other than `dataclasses.dataclass`, or a dataclass already given `slots=`; it defines `__slots__`, `__getattr__`, `__setattr__`, `__delattr__` or `__getattribute__`, or uses `functools.cached_property`; a method sets an attribute `__init__` does not; some code in the file reads `__dict__`, calls `vars()` on an object, calls `setattr`/`delattr` with a computed name, or sets on any object (other than the `self` of another class’s method) an attribute that is not one of the class’s; an attribute shares its name with a class variable, method or property; the file imports `weakref` (instances with `__slots__` cannot be weakly referenced unless `__weakref__` is listed); or, for a dataclass, a method calls `super()` without arguments (it fails in the new class that `slots=True` creates, CPython 3.10 to 3.13). A local base class without `__slots__` must get them too, and the message says which attributes go where.',
    whyBadForMemory:
      'An instance of a class without `__slots__` has a pointer to a dict, a pointer to an array of attribute values and a `__weakref__` slot besides its header, and since CPython 3.11 the values live in that separate array, sized for the attributes plus one. With `__slots__` the values sit in the instance itself and the rest is gone. Counted with tracemalloc on CPython 3.11, 64-bit, an instance with 3 attributes takes 96 bytes without `__slots__` and 56 bytes with them: for 1,000,000 instances, 96 MB against 56 MB, before counting the attribute values themselves. The first few dozen instances of a class take more (CPython sizes their arrays generously until it knows the class), and code that reads `obj.__dict__` or `vars(obj)` makes CPython build a real dict for that instance: 160 bytes instead of 96.',
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
    const { facts, source } = context;
    // Cheaper than the class's shape (which collects its whole body) and the
    // file-wide attribute writes, and most classes stop at one of these.
    if (!basesMayBeLocal(classNode, facts)) return undefined;
    const place = repeatedInstantiation(name, facts);
    if (!place) return undefined;
    const chain = slotlessChain(classNode, facts);
    if (!chain) return undefined;
    const attributes = slotAttributes(chain, facts);
    if (!attributes) return undefined;
    // The message names a line, which any edit above it moves.
    facts.readsWholeDocument();
    const line = lineOfOffset(lineStarts(source), place.call.startIndex) + 1;
    const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
    return {
      code: mem301.code,
      message: `\`${name.text}\` is instantiated ${place.where} (line ${line}) and has no \`__slots__\`: ${costs(chain, attributes, layout)}`,
      severity: mem301.defaultSeverity,
      start: name.startIndex,
      end: name.endIndex,
    };
  },
};

interface ClassShape {
  readonly node: Node;
  readonly name: string;
  readonly dataclass: boolean;
  /** Names the class body gives a value: methods, properties, class variables, fields with defaults. */
  readonly classNames: ReadonlySet<string>;
  /** A dataclass's fields, in order. */
  readonly fields: readonly string[];
}

/** The class and its local base classes, nearest first, when each could take `__slots__` as it is. */
function slotlessChain(classNode: Node, facts: DocumentFacts): ClassShape[] | undefined {
  const chain: ClassShape[] = [];
  const seen = new Set<number>();
  for (let current: Node | undefined = classNode; current; ) {
    if (seen.has(current.id) || chain.length >= MAX_BASES) return undefined;
    seen.add(current.id);
    const shape = shapeOf(current, facts);
    if (!shape) return undefined;
    chain.push(shape);
    const bases = localBases(current, facts);
    if (!bases || bases.length > 1) return undefined;
    current = bases[0];
  }
  // Mixing dataclasses and plain classes in one chain leaves too many ways for slots to clash.
  if (chain.length > 1 && chain.some((shape) => shape.dataclass)) return undefined;
  return chain;
}

/** The base classes other than `object`, when each is a class defined in this file; undefined otherwise. */
function localBases(classNode: Node, facts: DocumentFacts): Node[] | undefined {
  const bases: Node[] = [];
  for (const argument of classNode.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!argument || argument.type === 'comment') continue;
    // A metaclass or any other class keyword could do anything with the namespace.
    if (argument.type === 'keyword_argument' || argument.type === 'list_splat' || argument.type === 'dictionary_splat') return undefined;
    if (facts.qualifiedName(argument) === 'builtins.object') continue;
    const local = localClass(argument, facts);
    if (!local) return undefined;
    bases.push(local);
  }
  return bases;
}

function shapeOf(classNode: Node, facts: DocumentFacts): ClassShape | undefined {
  const body = classNode.childForFieldName('body');
  const name = classNode.childForFieldName('name')?.text;
  if (!body || !name) return undefined;
  const dataclass = dataclassDecoration(classNode, facts);
  if (dataclass === undefined) return undefined;
  const scope = facts.scopes.scopeOf(body);
  if (scope.node.id !== classNode.id) return undefined;
  if ([...scope.bindings.keys()].some((bound) => SELF_MANAGED.has(bound))) return undefined;
  // `x: int` alone makes no class attribute, so it does not clash with a slot named x.
  const classNames = new Set([...scope.bindings].flatMap(([bound, sites]) => (sites.some((site) => describeBinding(site).kind !== 'annotation') ? [bound] : [])));
  for (const sites of scope.bindings.values()) {
    for (const site of sites) {
      const definition = site.node.parent;
      if (definition?.type !== 'function_definition') continue;
      if (decoratorsOf(definition).some((decorator) => DICT_CACHING_DECORATORS.has(decoratorName(decorator, facts) ?? ''))) return undefined;
    }
  }
  if (dataclass && callsSuper(body, facts)) return undefined;
  return { node: classNode, name, dataclass, classNames, fields: dataclass ? dataclassFields(body) : [] };
}

/** false: no decorators; true: `@dataclass` without `slots=`; undefined: any other decoration. */
function dataclassDecoration(classNode: Node, facts: DocumentFacts): boolean | undefined {
  const decorators = decoratorsOf(classNode);
  if (decorators.length === 0) return false;
  if (decorators.length > 1 || decoratorName(decorators[0]!, facts) !== 'dataclasses.dataclass') return undefined;
  const expression = decoratorExpression(decorators[0]!);
  if (expression?.type !== 'call') return true;
  const keywords = callArguments(expression);
  const ordinary = keywords.every((argument) => argument.type === 'keyword_argument' && argument.childForFieldName('name')?.text !== 'slots');
  return ordinary ? true : undefined;
}

/** The annotated names of a dataclass body that become fields. */
function dataclassFields(body: Node): string[] {
  const fields: string[] = [];
  for (const statement of body.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    const annotation = assignment?.childForFieldName('type');
    if (target?.type !== 'identifier' || !annotation || NOT_A_FIELD.test(annotation.text)) continue;
    fields.push(target.text);
  }
  return fields;
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
function slotAttributes(chain: readonly ClassShape[], facts: DocumentFacts): string[][] | undefined {
  if (importsWeakref(facts)) return undefined;
  const inChain = new Set(chain.map((shape) => shape.node.id));
  const writes = attributeWrites(facts);
  const assigned = chain.map((shape) => {
    if (shape.dataclass) return [...shape.fields];
    const names = writes.flatMap((write) =>
      write.receiver.kind === 'instance' && write.receiver.owner.id === shape.node.id && write.receiver.method === '__init__' && write.name !== undefined ? [write.name] : [],
    );
    return [...new Set(names)];
  });
  const all = new Set(assigned.flat());
  for (const write of writes) {
    // A class method sets class attributes; another class's `self` is another kind of object.
    if (write.receiver.kind === 'class') continue;
    if (write.receiver.kind === 'instance' && !inChain.has(write.receiver.owner.id)) continue;
    if (write.name === undefined || !all.has(write.name)) return undefined;
  }
  // A slot and a class attribute of the same name cannot coexist (dataclasses handle their own defaults).
  if (chain.some((shape) => !shape.dataclass && [...all].some((name) => shape.classNames.has(name)))) return undefined;
  // Each class lists only what its bases do not.
  return assigned.map((names, index) => names.filter((name) => !assigned.slice(index + 1).some((inherited) => inherited.includes(name))));
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
    if (/[^\x00-\x7F]/.test(base)) return true;
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
  if (known === undefined) weakrefImports.set(facts, (known = facts.module.text.includes('weakref') && findsWeakrefImport(facts)));
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
    return owner?.type === 'import_statement' || (owner?.type === 'aliased_import' && owner.parent?.type === 'import_statement');
  });
}

interface Instantiation {
  readonly call: Node;
  readonly where: 'in a loop' | 'in a comprehension' | 'in a generator expression';
}

/** The first call of the class that runs once per pass of a loop or comprehension that may make many passes. */
function repeatedInstantiation(name: Node, facts: DocumentFacts): Instantiation | undefined {
  // Following the name's bindings and reads costs lookups in every scope that spells it,
  // and most classes are never called inside a loop or comprehension, or not at all:
  // the places where the text spells a call of the name tell, without asking the tree
  // about its other mentions (annotations, docstrings, isinstance…).
  const callees = spelledCalls(name.text, facts).filter((callee) => isCalledInsideRepetition(callee, facts));
  if (callees.length === 0) return undefined;
  const binding = bindingOfName(facts, name);
  if (!binding || binding.sites.length !== 1 || binding.sites[0]!.node.id !== name.id) return undefined;
  // Each callee that reads the class: all its reads are needed only when one elsewhere could hide others.
  let reads: (callee: Node) => boolean = (callee) => readsBindingIn(facts, callee, binding.scope);
  if (mayHideReads(facts)) {
    const uses = usesOfName(facts, name);
    if (!uses) return undefined;
    const ids = new Set(uses.reads.map((read) => read.id));
    reads = (callee) => ids.has(callee.id);
  }
  for (const callee of callees) {
    if (!reads(callee)) continue;
    const call = callee.parent!;
    const where = repetition(call, facts);
    if (where && !(where === 'in a loop' && isDroppedArgument(call, facts))) return { call, where };
  }
  return undefined;
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

/** Methods and functions that keep what they are given in a container. */
const STORING_METHODS: ReadonlySet<string> = new Set(['append', 'appendleft', 'add', 'insert', 'setdefault', 'put', 'put_nowait', 'push']);
const STORING_FUNCTIONS: ReadonlySet<string> = new Set(['heapq.heappush', 'bisect.insort', 'bisect.insort_left', 'bisect.insort_right']);

/**
 * `check(Point(x))` as a statement of its own in a loop: the instance is an
 * argument (maybe nested in other calls' arguments) of a call whose result is
 * dropped, and no call on the way is known to store it, so each instance can
 * go when its pass ends and only one is alive at a time.
 */
function isDroppedArgument(call: Node, facts: DocumentFacts): boolean {
  let passedTo = false;
  for (let node = call, parent = call.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'keyword_argument' || parent.type === 'parenthesized_expression') continue;
    if (parent.type === 'argument_list') {
      const outer = parent.parent;
      if (outer?.type !== 'call' || storesArgument(outer, facts)) return false;
      passedTo = true;
      parent = outer;
      continue;
    }
    return passedTo && (parent.type === 'expression_statement' || parent.type === 'assert_statement') && node.type === 'call';
  }
  return false;
}

function storesArgument(call: Node, facts: DocumentFacts): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return true;
  if (callee.type === 'attribute' && STORING_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) return true;
  return STORING_FUNCTIONS.has(facts.qualifiedName(callee) ?? '');
}

/** Whether the identifier is called with some loop or comprehension around the call: what repetition() needs first. */
function isCalledInsideRepetition(identifier: Node, facts: DocumentFacts): boolean {
  const call = identifier.parent;
  return call?.type === 'call' && isField(call, 'function', identifier) && isInsideRepetition(call, facts);
}

/**
 * Whether the call runs once per pass of a comprehension or loop around it,
 * and not merely a few times: the passes the code shows (`range(3)`, a short
 * display) multiplied together are more than FEW_PASSES, or unknown.
 */
function repetition(call: Node, facts: DocumentFacts): Instantiation['where'] | undefined {
  const counts: Array<number | undefined> = [];
  let where: Instantiation['where'] | undefined;
  let anchor = call;
  // A comprehension's first iterable runs outside it, which scopeOf already knows.
  for (let scope = facts.scopes.scopeOf(anchor); COMPREHENSION_TYPES.has(scope.node.type); scope = facts.scopes.scopeOf(anchor)) {
    where ??= scope.node.type === 'generator_expression' ? 'in a generator expression' : 'in a comprehension';
    for (const clause of scope.node.namedChildren) if (clause?.type === 'for_in_clause') counts.push(knownPassCount(clause, facts));
    anchor = scope.node;
  }
  const loops = enclosingLoops(anchor);
  if (loops.length > 0) where ??= 'in a loop';
  for (const loop of loops) counts.push(knownPassCount(loop, facts));
  if (!where) return undefined;
  const known = counts.every((count): count is number => count !== undefined);
  return known && counts.reduce((product, count) => product * count, 1) <= FEW_PASSES ? undefined : where;
}

/** What each instance costs now and with slots, and what to write. */
function costs(chain: readonly ClassShape[], attributes: readonly string[][], layout: CPythonLayout): string {
  const total = attributes.reduce((sum, names) => sum + names.length, 0);
  const here = chain.length > 1 ? ' here' : '';
  const suggestion = chain[0]!.dataclass
    ? '`@dataclass(slots=True)` (Python 3.10+)'
    : chain.map((shape, index) => `\`__slots__ = ${pythonTuple(attributes[index]!)}\`${index === 0 ? here : ` in \`${shape.name}\``}`).join(' and ');
  const without = dictInstanceSize(layout, total);
  if (without === undefined) return `each instance keeps its ${total} attributes in a dict of its own; ${suggestion} stores them in the instance`;
  const withSlots = slottedInstanceSize(layout, total);
  return `each instance takes ${without} bytes (${layout.label}), ${withSlots} with ${suggestion}`;
}

/** `()`, `("x",)`, `("x", "y")`. */
function pythonTuple(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length === 1 ? `(${quoted[0]},)` : `(${quoted.join(', ')})`;
}
