// A document parsed as regions of whole top-level statements, a tree each, so
// that an edit reparses only its own region: tree-sitter's incremental reparse
// of a whole module re-lexes the first token of every later top-level
// statement (it will not reuse a token lexed in another parse state), and an
// edit that moves where statements end re-lexes the rest of the file.
//
// A region that parses cleanly, between boundaries nothing carries across
// (regionBoundaries.ts), parses as it would inside the whole text. One that does not
// is merged with a neighbour that can hold the rest of its broken statement
// (errorReach) when the two parse cleanly together; otherwise the syntax error
// stays inside its region, where in one tree it could swallow the rest of the file.
import type { Node, Parser, Point, Range, Tree } from 'web-tree-sitter';
import { NO_DEADLINE, ParseOutOfTime, type Deadline } from './deadline';
import { ModuleParts } from './moduleParts';
import { whyNestingTooDeep, whyNotAnalysed, whyTooNested, type Skip } from './limits';
import type { Edit } from './parser';
import { lastStartingAtOrBefore } from './sortedSearch';
import { textNesting } from './textNesting';
import { isRegionBoundary, REGION_LINES, regionCuts, regionCutsInText } from './regionBoundaries';

/** A clean region of more lines than this is cut where it can be. */
const SPLIT_LINES = 2 * REGION_LINES;

interface Region {
  start: number;
  end: number;
  /** Undefined for a region that is new (merged), to be parsed from nothing. */
  tree: Tree | undefined;
  /** Edited since it was parsed: its tree is edited to match, for an incremental parse. */
  edited: boolean;
}

export class RegionTrees {
  private regions: Region[];
  private text: string;
  private moduleCache: ModuleParts | undefined;
  /** Why the last parse left the document unanalysable, if it did. */
  private tooDeep: Skip | undefined;
  /** Every tree reads the current text: a region shifted by an edit above it still reads its own. */
  private readonly read = (index: number): string => this.text.slice(index);
  /** When the parse under way must stop (parse and reparse set it for their call). */
  private deadline: Deadline = NO_DEADLINE;
  private readonly outOfTime = (): boolean => this.deadline.passed();

  private constructor(
    private readonly parser: Parser,
    text: string,
    private pointAt: (offset: number) => Point,
  ) {
    this.text = text;
    this.regions = [{ start: 0, end: text.length, tree: undefined, edited: false }];
  }

  /**
   * Parses `text` in regions: cut where the text shows, or else where the tree of a whole parse does.
   * Throws when the parser fails, and ParseOutOfTime when the deadline passes first (reset the parser then).
   */
  static parse(
    parser: Parser,
    text: string,
    pointAt: (offset: number) => Point,
    deadline: Deadline = NO_DEADLINE,
  ): RegionTrees {
    const regions = new RegionTrees(parser, text, pointAt);
    regions.deadline = deadline;
    try {
      if (!regions.parseInTextCuts()) {
        regions.parseRegion(0);
        regions.split(0);
      }
    } catch (error) {
      regions.delete();
      throw error;
    } finally {
      regions.deadline = NO_DEADLINE;
    }
    return regions;
  }

  /** Why the text should not be analysed (it, or a region parsed again, nests too deep), or undefined. */
  get skip(): Skip | undefined {
    return this.tooDeep;
  }

  get module(): ModuleParts {
    this.moduleCache ??= ModuleParts.inParts(
      this.regions.map((region) => ({ root: region.tree!.rootNode, start: region.start, end: region.end })),
      this.text,
    );
    return this.moduleCache;
  }

  /** Regions, for tests and the benchmark. */
  get count(): number {
    return this.regions.length;
  }

  /**
   * Applies one edit of the text to the trees: the region it falls in (edits
   * across regions merge them) is to be parsed again, the later ones move.
   */
  edit(edit: Edit): void {
    this.moduleCache = undefined;
    let first = this.indexAt(edit.startIndex);
    const last = edit.oldEndIndex > edit.startIndex ? this.indexAt(edit.oldEndIndex - 1) : first;
    if (last > first) first = this.mergeUnparsed(first, last);
    const delta = edit.newEndIndex - edit.oldEndIndex;
    const edited = this.regions[first]!;
    edited.tree?.edit(edit);
    edited.end += delta;
    edited.edited = edited.tree !== undefined;
    for (let index = first + 1; index < this.regions.length; index++) {
      const region = this.regions[index]!;
      region.tree?.edit(edit);
      region.start += delta;
      region.end += delta;
    }
  }

  /**
   * Parses what the edits since the last call changed, now that the text is `text`. Throws when the
   * parser fails, and ParseOutOfTime when the deadline passes first: the trees are then to be deleted.
   */
  reparse(text: string, pointAt: (offset: number) => Point, deadline: Deadline = NO_DEADLINE): void {
    this.text = text;
    this.pointAt = pointAt;
    this.moduleCache = undefined;
    this.tooDeep = undefined;
    this.deadline = deadline;
    try {
      for (let index = 0; index < this.regions.length; index++) {
        const region = this.regions[index]!;
        if (region.tree !== undefined && !region.edited) continue;
        this.parseRegion(index);
        // The document is skipped: the other regions need no parse.
        if (this.tooDeep) break;
        index = this.settle(index);
      }
    } finally {
      this.deadline = NO_DEADLINE;
    }
  }

  delete(): void {
    deleteTrees(this.regions);
    this.regions = [];
  }

  /** Makes the region at `index` (just parsed) one that parses as inside the whole text; returns the index of the region it ended in. */
  private settle(index: number): number {
    for (;;) {
      const region = this.regions[index]!;
      if (index > 0 && !isRegionBoundary(this.text, region.start)) index = this.mergeParsed(index - 1, index);
      else if (index < this.regions.length - 1 && !isRegionBoundary(this.text, region.end))
        index = this.mergeParsed(index, index + 1);
      else break;
    }
    const region = this.regions[index]!;
    if (parsesCleanly(region)) return this.split(index);
    const reach = errorReach(region, this.regions[index - 1], this.regions[index + 1]);
    return this.mergeIfClean(
      reach.above ? Math.max(0, index - 1) : index,
      reach.below ? Math.min(this.regions.length - 1, index + 1) : index,
      index,
    );
  }

  /**
   * A region with a syntax error may be half of a statement that its neighbours hold
   * the rest of: regions first..last are merged when they parse cleanly together.
   * Returns the index of the region that holds `index`'s text.
   */
  private mergeIfClean(first: number, last: number, index: number): number {
    if (first === last) return index;
    const merged: Region = {
      start: this.regions[first]!.start,
      end: this.regions[last]!.end,
      tree: undefined,
      edited: false,
    };
    merged.tree = this.parseTree(merged, undefined);
    if (!parsesCleanly(merged)) {
      merged.tree.delete();
      return index;
    }
    this.checkDepth(merged.tree, undefined);
    for (let at = first; at <= last; at++) this.regions[at]!.tree?.delete();
    this.regions.splice(first, last - first + 1, merged);
    return this.split(first);
  }

  /**
   * Parses the whole text (the only region) as pieces cut where the text alone
   * shows top-level statements (regionCutsInText): a parse of each piece, where
   * cutting the tree of a whole parse costs a parse of the whole text more.
   * False, with nothing kept, when the text is short, nests too deep, or a
   * piece has a syntax error: the whole is parsed first then, as before an edit.
   */
  private parseInTextCuts(): boolean {
    if (this.pointAt(this.text.length).row <= SPLIT_LINES) return false;
    const codeLineStarts: number[] = [];
    if (whyNestingTooDeep(textNesting(this.text, codeLineStarts))) return false;
    const cuts = regionCutsInText(this.text, codeLineStarts, (offset) => this.pointAt(offset).row);
    if (cuts.length === 0) return false;
    // The whole text's nesting is checked: no piece's is deeper.
    const pieces = this.parsedPieces(0, this.text.length, cuts, (piece) => this.parseRange(piece, undefined));
    if (!pieces.every(parsesCleanly)) {
      deleteTrees(pieces);
      return false;
    }
    for (const piece of pieces) this.checkDepth(piece.tree!, undefined);
    this.regions = pieces;
    return true;
  }

  /** Cuts a long clean region where it can be; returns the index of its last piece. */
  private split(index: number): number {
    const region = this.regions[index]!;
    const root = region.tree!.rootNode;
    if (root.endPosition.row - root.startPosition.row <= SPLIT_LINES) return index;
    const cuts = regionCuts(root, this.text).filter((cut) => cut > region.start && cut < region.end);
    if (cuts.length === 0) return index;
    const pieces = this.parsedPieces(region.start, region.end, cuts, (piece) => this.parseTree(piece, undefined));
    // Cut from a clean tree, each piece parses cleanly; a whole text with errors may not.
    if (parsesCleanly(region) && !pieces.every(parsesCleanly)) {
      deleteTrees(pieces);
      return index;
    }
    for (const piece of pieces) this.checkDepth(piece.tree!, undefined);
    region.tree!.delete();
    this.regions.splice(index, 1, ...pieces);
    return index + pieces.length - 1;
  }

  /** The regions `cuts` make of [start, end), each parsed by `parse`; when the parser fails, the trees parsed so far are deleted. */
  private parsedPieces(start: number, end: number, cuts: readonly number[], parse: (piece: Region) => Tree): Region[] {
    const starts = [start, ...cuts];
    const pieces = starts.map(
      (pieceStart, at): Region => ({ start: pieceStart, end: starts[at + 1] ?? end, tree: undefined, edited: false }),
    );
    try {
      for (const piece of pieces) piece.tree = parse(piece);
    } catch (error) {
      deleteTrees(pieces);
      throw error;
    }
    return pieces;
  }

  /** Merges regions first..last (parsed or not) into one, parses it, and returns its index. */
  private mergeParsed(first: number, last: number): number {
    const index = this.mergeUnparsed(first, last);
    this.parseRegion(index);
    return index;
  }

  /** Merges regions first..last into one region still to be parsed; returns its index. */
  private mergeUnparsed(first: number, last: number): number {
    const merged: Region = {
      start: this.regions[first]!.start,
      end: this.regions[last]!.end,
      tree: undefined,
      edited: false,
    };
    for (let at = first; at <= last; at++) this.regions[at]!.tree?.delete();
    this.regions.splice(first, last - first + 1, merged);
    return first;
  }

  /** Parses the region at `index`: incrementally when its tree was edited, else from nothing. */
  private parseRegion(index: number): void {
    const region = this.regions[index]!;
    const old = region.edited ? region.tree : undefined;
    const tree = this.parseTree(region, old);
    this.checkDepth(tree, old);
    region.tree?.delete();
    region.tree = tree;
    region.edited = false;
  }

  private parseTree(region: Region, old: Tree | undefined): Tree {
    // Nesting deeper than Python allows can break the grammar's scanner: checked on the text first.
    const tooNested = whyTooNested(this.text.slice(region.start, region.end));
    if (tooNested) {
      this.tooDeep ??= tooNested;
      return this.emptyTree();
    }
    return this.parseRange(region, old);
  }

  /** parseTree without the check of nesting, for text known to pass it. */
  private parseRange(region: Region, old: Tree | undefined): Tree {
    const range: Range = {
      startIndex: region.start,
      endIndex: region.end,
      startPosition: this.pointAt(region.start),
      endPosition: this.pointAt(region.end),
    };
    const tree = this.parser.parse(this.read, old ?? null, {
      includedRanges: [range],
      // Asked every hundred or so of the parser's operations: only when there is a deadline to keep.
      ...(this.deadline === NO_DEADLINE ? {} : { progressCallback: this.outOfTime }),
    });
    if (tree) return tree;
    if (this.deadline.passed()) throw new ParseOutOfTime();
    throw new Error('tree-sitter returned no tree');
  }

  /** A tree of no text, in place of one that is not parsed: the document is skipped. */
  private emptyTree(): Tree {
    const tree = this.parser.parse('');
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  /** Depth is checked where a tree changed: all of it, or what differs from the edited tree it was parsed from. */
  private checkDepth(tree: Tree, old: Tree | undefined): void {
    this.tooDeep ??= whyNotAnalysed(tree, old);
  }

  /** The index of the region holding `offset`; an edit at a boundary belongs to the region that starts there. */
  private indexAt(offset: number): number {
    return lastStartingAtOrBefore(this.regions, offset);
  }
}

/**
 * Which neighbours may hold the rest of a statement that a region's syntax error is
 * half of. A region starts where the text above leaves off between statements, so a
 * clean region above can only be continued: by an `else:`, `elif`, `except` or
 * `finally` first in this one. A clean region below can only finish a decorator
 * left last in this one. A neighbour with an error of its own (a bracket or string
 * left open, say) may hold the rest of a statement whose error is on this region's
 * first line, or last. Errors further in are this region's own: no trial parse,
 * which costs as much as parsing the regions from nothing.
 */
function errorReach(
  region: Region,
  above: Region | undefined,
  below: Region | undefined,
): { readonly above: boolean; readonly below: boolean } {
  const root = region.tree!.rootNode;
  const statements =
    root.type === 'module' ? root.namedChildren.filter((node) => node !== null && node.type !== 'comment') : [];
  const [first, last] = [statements[0], statements[statements.length - 1]];
  if (!first || !last) return { above: above !== undefined, below: below !== undefined };
  return {
    above:
      above !== undefined &&
      (CONTINUATIONS.has(firstLeaf(first).type) || (hasError(above) && errorOnRow(first, first.startPosition.row))),
    below:
      below !== undefined && (isLoneDecorator(last) || (hasError(below) && errorOnRow(last, last.endPosition.row))),
  };
}

/** Clauses that continue the compound statement above them. */
const CONTINUATIONS: ReadonlySet<string> = new Set(['else', 'elif', 'except', 'finally']);

function firstLeaf(node: Node): Node {
  return node.descendantForIndex(node.startIndex) ?? node;
}

/** A decorator with no definition after it, which tree-sitter leaves in an ERROR. */
function isLoneDecorator(statement: Node): boolean {
  return statement.isError && firstLeaf(statement).type === '@';
}

function hasError(region: Region): boolean {
  return region.tree?.rootNode.hasError ?? true;
}

/** Whether an ERROR or MISSING node in `node` lies on `row`: only children with an error that reach the row are looked into. */
function errorOnRow(node: Node, row: number): boolean {
  if (!node.hasError) return false;
  if (node.isError || node.isMissing) return true;
  return node.children.some(
    (child) =>
      child !== null && child.startPosition.row <= row && row <= child.endPosition.row && errorOnRow(child, row),
  );
}

function deleteTrees(regions: readonly Region[]): void {
  for (const region of regions) region.tree?.delete();
}

function parsesCleanly(region: Region): boolean {
  const root = region.tree!.rootNode;
  return root.type === 'module' && !root.hasError;
}
