// The distinct objects a value holds, each counted once: what a walk over the
// value that remembers the id() of every object it has seen would add up.
// Objects that may be reached more than once carry a key (the small int 0, a
// constant, a name's value); objects made fresh each time are only counted.

/**
 * own: made for this value; cached: one of CPython's interpreter-wide shared
 * objects (small ints, True, None, ''); constant: one object of the code
 * (a literal or a name's value) that every reference points to.
 */
export type Sharing = 'own' | 'cached' | 'constant';

export interface TalliedObject {
  /** The Python type: 'int', 'str', 'list'... */
  readonly kind: string;
  readonly bytes: number;
  readonly sharing: Sharing;
  /** Identifies an object that may be referenced more than once. */
  readonly key?: string;
  /** How it reads in source, for describing a shared object: `0`, `'abc'`. */
  readonly example?: string;
}

/** Objects alike in type, sharing and size: what an allocation model needs per object. */
export interface SizedGroup {
  readonly kind: string;
  readonly sharing: Sharing;
  /** sys.getsizeof of each object. */
  readonly bytesEach: number;
  readonly count: number;
}

export interface ObjectGroup {
  readonly kind: string;
  readonly sharing: Sharing;
  readonly count: number;
  readonly bytes: number;
  /** The first object's example, to name a group of one. */
  readonly example: string | undefined;
}

interface Aggregate {
  count: number;
  bytes: number;
  example: string | undefined;
}

export class ObjectTally {
  private readonly keyed = new Map<string, TalliedObject>();
  // Keyed by kind|sharing|bytes each, so that objects of one kind but different sizes stay apart.
  private readonly unkeyed = new Map<string, Aggregate>();
  /** Objects reached through one shared object (a name's list), counted once under its key. */
  private readonly included = new Map<string, ObjectTally>();
  /** True when some counts are extrapolated rather than counted one by one. */
  approximate = false;

  /** Adds `count` objects alike; a keyed object counts once however often it is added. */
  add(object: TalliedObject, count = 1): void {
    if (count <= 0) return;
    if (object.key !== undefined) {
      if (!this.keyed.has(object.key)) this.keyed.set(object.key, object);
      return;
    }
    this.addUnkeyed(`${object.kind}|${object.sharing}|${object.bytes}`, count, object.bytes * count, object.example);
  }

  /** Adds the objects `build` tallies, once for `key` however often the same key is included. */
  include(key: string, build: () => ObjectTally): void {
    if (!this.included.has(key)) this.included.set(key, build());
  }

  /**
   * Adds what another tally counted, `times` over (a value made anew for each
   * of `times` items); keyed objects are still counted once.
   */
  merge(other: ObjectTally, times = 1): void {
    for (const object of other.keyed.values()) this.add(object);
    for (const [group, aggregate] of other.unkeyed)
      this.addUnkeyed(group, aggregate.count * times, aggregate.bytes * times, aggregate.example);
    for (const [key, included] of other.included) this.include(key, () => included);
    this.approximate ||= other.approximate;
  }

  get bytes(): number {
    return this.groups().reduce((total, group) => total + group.bytes, 0);
  }

  /** Objects grouped by type and sharing, in the order first seen. */
  groups(): ObjectGroup[] {
    if (this.included.size > 0) return this.flattened().groups();
    const groups = new Map<
      string,
      { kind: string; sharing: Sharing; count: number; bytes: number; example: string | undefined }
    >();
    const groupOf = (
      key: string,
    ): { kind: string; sharing: Sharing; count: number; bytes: number; example: string | undefined } => {
      let group = groups.get(key);
      if (!group) {
        const [kind, sharing] = key.split('|') as [string, Sharing];
        group = { kind, sharing, count: 0, bytes: 0, example: undefined };
        groups.set(key, group);
      }
      return group;
    };
    for (const object of this.keyed.values()) {
      const group = groupOf(`${object.kind}|${object.sharing}`);
      group.count++;
      group.bytes += object.bytes;
      group.example ??= object.example;
    }
    for (const [key, aggregate] of this.unkeyed) {
      const group = groupOf(key.slice(0, key.lastIndexOf('|')));
      group.count += aggregate.count;
      group.bytes += aggregate.bytes;
      group.example ??= aggregate.example;
    }
    return [...groups.values()];
  }

  /** The objects grouped by type, sharing and the size of each. */
  sizedGroups(): SizedGroup[] {
    if (this.included.size > 0) return this.flattened().sizedGroups();
    const sized = [...this.keyed.values()].map((object) => ({
      kind: object.kind,
      sharing: object.sharing,
      bytesEach: object.bytes,
      count: 1,
    }));
    for (const [key, aggregate] of this.unkeyed) {
      const [kind, sharing, bytesEach] = key.split('|') as [string, Sharing, string];
      sized.push({ kind, sharing, bytesEach: Number(bytesEach), count: aggregate.count });
    }
    return sized;
  }

  /** The same objects with every included tally merged in, keyed objects counted once across all. */
  private flattened(): ObjectTally {
    const flat = new ObjectTally();
    for (const object of this.keyed.values()) flat.add(object);
    for (const [group, aggregate] of this.unkeyed)
      flat.addUnkeyed(group, aggregate.count, aggregate.bytes, aggregate.example);
    for (const included of this.included.values())
      flat.merge(included.included.size > 0 ? included.flattened() : included);
    flat.approximate = this.approximate || [...this.included.values()].some((included) => included.approximate);
    return flat;
  }

  private addUnkeyed(group: string, count: number, bytes: number, example: string | undefined): void {
    const aggregate = this.unkeyed.get(group);
    if (aggregate) {
      aggregate.count += count;
      aggregate.bytes += bytes;
    } else {
      this.unkeyed.set(group, { count, bytes, example });
    }
  }
}
