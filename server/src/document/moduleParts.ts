// A module's syntax trees: one tree for the whole text (the CLI), or one tree
// per region of it (the editor, where a keystroke reparses only the region it
// falls in; see regions/). Questions about the whole module ask every part.
import { Tree, type Node } from 'web-tree-sitter';
import { lastStartingAtOrBefore } from './sortedSearch';

export interface ModulePart {
  /** The root of the part's tree: a module node (an ERROR node for broken code) holding the part's top-level statements. */
  readonly root: Node;
  /** The text the part covers, blank lines included: parts follow each other without gaps. */
  readonly start: number;
  readonly end: number;
}

export class ModuleParts {
  private readonly rootIds: ReadonlySet<number>;

  /**
   * `text` is the module's text from offset `textStart` on. `keptAcrossEdits`:
   * the parts' trees are the editor's regions, which live on through edits, so
   * what is found in one is worth keeping with its tree (see PartCache).
   */
  private constructor(
    readonly parts: readonly ModulePart[],
    readonly text: string,
    readonly textStart: number,
    readonly keptAcrossEdits: boolean,
  ) {
    this.rootIds = new Set(parts.map((part) => part.root.id));
  }

  /** One tree's root, or any node standing for a module of its own. Its text starts at its first token, not at offset 0. */
  static of(root: Node): ModuleParts {
    return new ModuleParts([{ root, start: root.startIndex, end: root.endIndex }], root.text, root.startIndex, false);
  }

  /** A module as the analysis takes it: one tree, a node standing for a module, or parts. */
  static from(parsed: Tree | Node | ModuleParts): ModuleParts {
    if (parsed instanceof ModuleParts) return parsed;
    return ModuleParts.of(parsed instanceof Tree ? parsed.rootNode : parsed);
  }

  /** Parts that together cover `source` from offset 0, in order. */
  static inParts(parts: readonly ModulePart[], source: string): ModuleParts {
    if (parts.length === 0) throw new Error('a module needs at least one part');
    return new ModuleParts(parts, source, 0, true);
  }

  /** The node that stands for the whole module (its scope's node): the first part's root. */
  get main(): Node {
    return this.parts[0]!.root;
  }

  /** Where the module's text starts and ends. */
  get start(): number {
    return this.parts[0]!.start;
  }

  get end(): number {
    return this.parts[this.parts.length - 1]!.end;
  }

  /** Whether the node is the root of one of the parts: asking about it is asking about the whole module. */
  isRoot(node: Node): boolean {
    return this.rootIds.has(node.id);
  }

  /** The part whose text holds `offset` (the last part for the end of the text). */
  partAt(offset: number): ModulePart {
    return this.parts[lastStartingAtOrBefore(this.parts, offset)]!;
  }

  /** The smallest node spanning [start, end), in the part that holds `start`. */
  nodeAt(start: number, end = start): Node | null {
    return this.partAt(start).root.descendantForIndex(start, end);
  }

  /** The nodes of these types in every part, in document order (each part's root included when its type matches). */
  descendantsOfType(types: string | string[]): Node[] {
    return this.parts.flatMap((part) => part.root.descendantsOfType(types));
  }
}

/** A part's top-level statements and comments; for broken code whose root is an ERROR node, the root itself. */
export function topLevelNodes(root: Node): Node[] {
  return root.type === 'module' ? root.namedChildren.filter((node): node is Node => node !== null) : [root];
}
