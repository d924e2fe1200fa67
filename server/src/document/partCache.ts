// What is found in one part of a module, kept with the part's tree. An edit
// above a region moves its tree without parsing it again: the same text, so
// the same answers, where finding them again would ask tree-sitter about every
// statement of the part on every keystroke.
import type { Tree } from 'web-tree-sitter';
import type { ModulePart } from './moduleParts';

/**
 * By tree: the copy of its part's text that the caches keep, one for all of
 * them (each kept its own: four copies of the edited region on every keystroke).
 */
const ownedTexts = new WeakMap<Tree, string>();

/** A copy of `text` (its part's, whose tree is `tree`) that shares no string with the source. */
function ownedText(tree: Tree, text: string): string {
  const known = ownedTexts.get(tree);
  if (known === text) return known;
  const copy = structuredClone(text);
  ownedTexts.set(tree, copy);
  return copy;
}

export class PartCache<T> {
  private readonly byTree = new WeakMap<Tree, { readonly text: string; readonly value: T }>();

  /** `copy`: a copy of a value found that shares no string with the source (structuredClone's, unless a cheaper one is known). */
  constructor(private readonly copy: (value: T) => T = structuredClone) {}

  /** The value for the part (whose text is `text`), found by `find` unless its tree has one for the same text. */
  get(part: ModulePart, text: string, find: () => T): T {
    const known = this.byTree.get(part.root.tree);
    if (known?.text === text) return known.value;
    // Copied: kept across edits, slices of the source would keep each version of it alive.
    const value = this.copy(find());
    this.byTree.set(part.root.tree, { text: ownedText(part.root.tree, text), value });
    return value;
  }
}
