import type { Node } from 'web-tree-sitter';
import { mayEndIn } from '../semantics/calleeNames';
import { lastPart } from '../text/dottedNames';
import { derivesFrom } from '../semantics/classes';
import { decoratorCallee, decoratorName } from '../semantics/decorators';
import type { DocumentFacts } from '../semantics/facts';
import { calleeCall, closestAncestor, expressionEndingIn, SCOPE_TYPES } from '../semantics/syntax';
import { hashesByValue, isUnhashable } from './mem202-cache-on-method/valueClasses';
import { nameAnchors } from './anchors';
import { cacheSize, type CacheSize } from './mem202-cache-on-method/cache-size';
import { isModuleSingleton } from './mem202-cache-on-method/module-singletons';
import type { Rule, Severity } from './types';

const CACHE_DECORATORS: ReadonlySet<string> = new Set(['functools.lru_cache', 'functools.cache']);
/** Methods that take no instance: nothing of `self` ends up in the cache key. */
const INSTANCE_FREE_DECORATORS: ReadonlySet<string> = new Set(['builtins.staticmethod', 'builtins.classmethod']);
/** Enum members live as long as their class anyway, so caching on them keeps nothing extra alive. */
const ENUM_BASES: ReadonlySet<string> = new Set([
  'enum.Enum',
  'enum.IntEnum',
  'enum.StrEnum',
  'enum.Flag',
  'enum.IntFlag',
  'enum.ReprEnum',
]);
const ENUM_METACLASSES: ReadonlySet<string> = new Set(['enum.EnumMeta', 'enum.EnumType']);
/** A metaclass's instances are classes, which live as long as the cache anyway. */
const METACLASS_BASES: ReadonlySet<string> = new Set([
  'builtins.type',
  'abc.ABCMeta',
  'enum.EnumMeta',
  'enum.EnumType',
]);
/** Dunder methods Python calls with the class, not an instance, as first argument. */
const IMPLICIT_CLASS_METHODS: ReadonlySet<string> = new Set(['__new__', '__init_subclass__', '__class_getitem__']);
/** Parameter node types that receive the instance when they come first. */
const INSTANCE_PARAMETER_TYPES: ReadonlySet<string> = new Set([
  'identifier',
  'typed_parameter',
  'default_parameter',
  'typed_default_parameter',
  'list_splat_pattern',
]);

/** The last names of CACHE_DECORATORS. */
const CACHE_NAMES: readonly string[] = [...CACHE_DECORATORS].map(lastPart);

/** The definition a decorator naming this identifier stands on: `@lru_cache`, `@functools.cache(…)`. */
function decoratedBy(identifier: Node): Node | undefined {
  const expression = calleeCall(identifier) ?? expressionEndingIn(identifier);
  const decorator = expression.parent;
  return decorator?.type === 'decorator' && decorator.parent?.type === 'decorated_definition'
    ? decorator.parent
    : undefined;
}

function mayBeCache(decorator: Node, facts: DocumentFacts): boolean {
  const callee = decoratorCallee(decorator);
  return callee !== undefined && mayEndIn(callee, CACHE_NAMES, facts);
}

export const mem202: Rule = {
  code: 'MEM202',
  name: 'cache-on-method',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary:
    '`functools.lru_cache` or `functools.cache` on a method keeps the instances it is called on alive (up to `maxsize` of them)',
  docs: {
    whatItDoes:
      'Flags `@functools.lru_cache`, `@lru_cache(...)`, `@functools.cache` and `@cache` (import aliases followed) on a method: a function defined in a class body whose first parameter receives the instance. The finding is reported on the cache decorator’s line. An unbounded cache (`@cache`, `maxsize=None`) is a warning. A bounded one is information, and the message says how many instances it can hold: 128 for `@lru_cache` and `@lru_cache()`, N for `maxsize=N` (a module-level constant is followed); `maxsize=0` stores nothing and is not flagged. Left alone, because what the cache keeps alive lives as long as the class anyway or is a value rather than an instance: static methods, class methods (also `__new__`, `__init_subclass__` and `__class_getitem__`, which receive the class), methods of metaclasses (subclasses of `type`) and of `enum.Enum`, `IntEnum`, `StrEnum`, `Flag` and `IntFlag` subclasses; methods of value classes, whose equal instances share one cache entry: `typing.NamedTuple` and `collections.namedtuple` classes, subclasses of `tuple`, `str`, `bytes`, `int`, `float`, `complex` and `frozenset`, `@dataclass(frozen=True)` and `@dataclass(unsafe_hash=True)` (unless `eq=False`), frozen attrs classes, and classes that define both `__eq__` and `__hash__`; methods of classes whose instances cannot be hashed (`__hash__ = None`, `__eq__` defined without `__hash__`, a dataclass neither frozen nor `unsafe_hash`), where the call raises TypeError before anything is stored; and methods of a module singleton: a private class (`_Name`) that the file instantiates exactly once, in module-level code outside loops, whose body makes no instance of its own class otherwise (`cls(…)`, `type(self)(…)`, `__class__`, copy hooks), in a file that imports nothing that copies or pickles. Base classes defined in the same file are followed. A public class instantiated once is still flagged: other modules may make more instances of it. `# noqa: B019`, the code flake8-bugbear and Ruff give the same check, suppresses MEM202 as well.',
    whyBadForMemory:
      'The cache lives on the function, that is on the class, and `self` is part of every cache key. So every instance that ever called the method stays reachable from the class, with everything it references, until its entry is evicted or the cache is cleared: the garbage collector cannot free it. Measured with tracemalloc on the example below: 100,000 reports, each over a frame holding 204 bytes, call `summary` once and are dropped. With `maxsize=None` (or `@cache`) all 100,000 stay alive: 50,549,696 bytes are still allocated after the loop on CPython 3.11 and 3.13 (505 bytes per report; 64,946,465 on 3.9), against 32 bytes with the per-instance dict below (868 on 3.9). A bounded cache keeps exactly the last `maxsize` instances, however many call it: 128 reports and 74,424 bytes with `maxsize=128` (93,692 on 3.9). That costs something only when each instance holds much. Instances that hash by value share entries: 100,000 NamedTuple instances over 100 distinct values leave 100 entries and 18,672 bytes (24,240 for a frozen dataclass), where a class hashed by identity leaves 100,000 entries and 21,662,096 bytes for the same values. What a value class’s cache holds then grows with the distinct values, as for any memoised function.',
    example:
      'from functools import lru_cache\n\nclass Report:\n    def __init__(self, frame):\n        self.frame = frame\n\n    @lru_cache(maxsize=None)\n    def summary(self, column):\n        return self.frame[column].describe()',
    useInstead:
      'from functools import cached_property, lru_cache\n\n@lru_cache(maxsize=256)\ndef describe(values: tuple[float, ...]):\n    ...  # a module-level function taking only the fields it needs\n\nclass Report:\n    def __init__(self, frame):\n        self.frame = frame\n        self._summaries = {}  # per-instance cache, freed with the instance\n\n    def summary(self, column):\n        if column not in self._summaries:\n            self._summaries[column] = self.frame[column].describe()\n        return self._summaries[column]\n\n    @cached_property  # for methods without arguments\n    def total(self):\n        return self.frame.sum()',
    fixSafety:
      'No automatic fix: which fields the cached computation really depends on, and whether results may be shared between instances, is a design decision.',
  },
  anchors: nameAnchors(CACHE_NAMES, decoratedBy),
  check(decorated, context) {
    const definition = decorated.childForFieldName('definition');
    if (definition?.type !== 'function_definition') return undefined;
    const owner = closestAncestor(decorated, SCOPE_TYPES);
    if (owner?.type !== 'class_definition') return undefined;
    const decorators = decorated.namedChildren.filter((child): child is Node => child?.type === 'decorator');
    // Resolving every decorator costs lookups: first, whether any can be a cache at all.
    if (!decorators.some((decorator) => mayBeCache(decorator, context.facts))) return undefined;
    const names = decorators.map((decorator) => decoratorName(decorator, context.facts));
    const cacheIndex = names.findIndex((name) => name !== undefined && CACHE_DECORATORS.has(name));
    if (cacheIndex < 0) return undefined;
    if (names.some((name) => name !== undefined && INSTANCE_FREE_DECORATORS.has(name))) return undefined;
    const method = definition.childForFieldName('name')?.text ?? '';
    if (IMPLICIT_CLASS_METHODS.has(method) || !takesInstance(definition)) return undefined;
    if (derivesFrom(owner, context.facts, ENUM_BASES, ENUM_METACLASSES)) return undefined;
    if (derivesFrom(owner, context.facts, METACLASS_BASES)) return undefined;
    const decorator = decorators[cacheIndex]!;
    const size = cacheSize(decorator, names[cacheIndex]!, context.facts);
    if (size.kind === 'storesNothing') return undefined;
    // Equal instances share one entry; unhashable ones make the call raise before anything is stored;
    // a lone instance lives as long as the module anyway.
    if (hashesByValue(owner, context.facts) || isUnhashable(owner, context.facts)) return undefined;
    if (isModuleSingleton(owner, context.facts)) return undefined;
    const cacheName = names[cacheIndex] === 'functools.cache' ? 'cache' : 'lru_cache';
    return {
      code: mem202.code,
      message: `\`${cacheName}\` on \`${method}\` ${keptAlive(size)}: cache per instance or in a module function`,
      severity: severityOf(size),
      // Without a bound the cache grows with every instance the process ever makes: data scale by construction.
      scale: size.kind === 'unbounded' ? 'large' : 'unknown',
      start: decorator.startIndex,
      end: decorator.endIndex,
    };
  },
};

/** What the cache keeps alive, leading the message. */
function keptAlive(size: Exclude<CacheSize, { kind: 'storesNothing' }>): string {
  return size.kind === 'unbounded'
    ? 'keeps every instance it is called on alive'
    : `keeps up to ${size.limit} instances alive`;
}

/** A cache that only ever holds up to `maxsize` instances is a bounded cost: information; one without bound grows with the data. */
function severityOf(size: CacheSize): Severity {
  return size.kind === 'unbounded' ? 'warning' : 'information';
}

/** Whether the first parameter receives the instance (`self`, or `*args` holding it). */
function takesInstance(definition: Node): boolean {
  const first = definition
    .childForFieldName('parameters')
    ?.namedChildren.find((child) => child !== null && child.type !== 'comment');
  return first !== undefined && first !== null && INSTANCE_PARAMETER_TYPES.has(first.type);
}
