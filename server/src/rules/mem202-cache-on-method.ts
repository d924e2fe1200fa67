import type { Node } from 'web-tree-sitter';
import { lastPart, mayEndIn } from '../analysis/calleeNames';
import { derivesFrom } from '../analysis/classes';
import { decoratorCallee, decoratorName } from '../analysis/decorators';
import type { DocumentFacts } from '../analysis/facts';
import { calleeCall, closestAncestor, expressionEndingIn, SCOPE_TYPES } from '../analysis/syntax';
import { nameAnchors } from './anchors';
import type { Rule } from './types';

const CACHE_DECORATORS: ReadonlySet<string> = new Set(['functools.lru_cache', 'functools.cache']);
/** Methods that take no instance: nothing of `self` ends up in the cache key. */
const INSTANCE_FREE_DECORATORS: ReadonlySet<string> = new Set(['builtins.staticmethod', 'builtins.classmethod']);
/** Enum members live as long as their class anyway, so caching on them keeps nothing extra alive. */
const ENUM_BASES: ReadonlySet<string> = new Set(['enum.Enum', 'enum.IntEnum', 'enum.StrEnum', 'enum.Flag', 'enum.IntFlag', 'enum.ReprEnum']);
const ENUM_METACLASSES: ReadonlySet<string> = new Set(['enum.EnumMeta', 'enum.EnumType']);
/** A metaclass's instances are classes, which live as long as the cache anyway. */
const METACLASS_BASES: ReadonlySet<string> = new Set(['builtins.type', 'abc.ABCMeta', 'enum.EnumMeta', 'enum.EnumType']);
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
  return decorator?.type === 'decorator' && decorator.parent?.type === 'decorated_definition' ? decorator.parent : undefined;
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
  summary: '`functools.lru_cache` or `functools.cache` on a method keeps every instance alive',
  docs: {
    whatItDoes:
      'Flags `@functools.lru_cache`, `@lru_cache(...)`, `@functools.cache` and `@cache` (import aliases followed) on a method: a function defined in a class body whose first parameter receives the instance. The finding is reported on the cache decorator’s line. Static methods, class methods (also `__new__`, `__init_subclass__` and `__class_getitem__`, which receive the class), methods of metaclasses (subclasses of `type`) and methods of `enum.Enum`, `IntEnum`, `StrEnum`, `Flag` and `IntFlag` subclasses (also through base classes defined in the same file) are left alone: what they keep alive lives as long as the class anyway. Like Ruff’s B019, every `maxsize` is flagged, not only `maxsize=None` (Pylint W1518): a bounded cache still holds up to `maxsize` instances for the life of the class.',
    whyBadForMemory:
      'The cache lives on the function, that is on the class, and `self` is part of every cache key. So every instance that ever called the method stays reachable from the class, with everything it references, until the entry is evicted (never, for `@cache` and `maxsize=None`) or the cache is cleared: the garbage collector cannot free it. On CPython 3.11 64-bit, 100 instances that each hold a 1 MB buffer and call a `@lru_cache` method once still occupy 100,032,012 bytes after the program drops its last reference to them (72 bytes after `cache_clear()`). Each `@cache` entry adds about 85 bytes for the key tuple and dict slot, on top of what it keeps alive.',
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
    const cacheName = names[cacheIndex] === 'functools.cache' ? 'cache' : 'lru_cache';
    return {
      code: mem202.code,
      message: `\`${cacheName}\` on method \`${method}\` keeps every instance that calls it alive as long as the class: cache in a module-level function of the fields it needs, or per instance`,
      severity: mem202.defaultSeverity,
      start: decorator.startIndex,
      end: decorator.endIndex,
    };
  },
};

/** Whether the first parameter receives the instance (`self`, or `*args` holding it). */
function takesInstance(definition: Node): boolean {
  const first = definition.childForFieldName('parameters')?.namedChildren.find((child) => child !== null && child.type !== 'comment');
  return first !== undefined && first !== null && INSTANCE_PARAMETER_TYPES.has(first.type);
}
