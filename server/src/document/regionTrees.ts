// A document parsed as regions of whole top-level statements, a tree each, so
// that an edit reparses only its own region: tree-sitter's incremental reparse
// of a whole module re-lexes the first token of every later top-level
// statement (it will not reuse a token lexed in another parse state), and an
// edit that moves where statements end re-lexes the rest of the file.
//
// A region that parses cleanly, between boundaries nothing carries across
// (regionBoundaries.ts), parses as it would inside the whole text. A syntax
// error stays inside its statement, as the text shows statements
// (statementCuts): a region with one is cut between its statements, each
// parsed anew, so that the trees are those a fresh open of the same text
// gives, wherever the regions were cut before; once mended and left, the
// pieces are joined again (coalesce). A bracket or
// string left open runs on to the next line that starts a definition; a
// statement whose rest a neighbour holds (a bracket closed there) is merged
// with it when the two parse cleanly together (errorReach.ts). In one tree,
// a bracket left open could swallow the rest of the file.
import type { Parser, Point, Range, Tree } from 'web-tree-sitter';
import { NO_DEADLINE, ParseOutOfTime, type Deadline } from './deadline';
import { errorReach } from './errorReach';
import { ModuleParts } from './moduleParts';
import { whyNestingTooDeep, whyNotAnalysed, whyTooNested, type Skip } from './limits';
import { readingText, treeSitterText, type Edit } from './parser';
import { lastStartingAtOrBefore } from './sortedSearch';
import { textNesting } from './textNesting';
import {
  carriesOnAbove,
  isRegionBoundary,
  REGION_LINES,
  regionCuts,
  regionCutsInText,
  startsDefinition,
  statementCuts,
} from './regionBoundaries';

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
  /** The text as tree-sitter reads it (lone "\r" as "\n"): the same string when it holds none. */
  private seenText: string;
  private moduleCache: ModuleParts | undefined;
  /** Why the last parse left the document unanalysable, if it did. */
  private tooDeep: Skip | undefined;
  /** When the parse under way must stop (parse and reparse set it for their call). */
  private deadline: Deadline = NO_DEADLINE;
  private readonly outOfTime = (): boolean => this.deadline.passed();
  /** The region edited last, joined to its neighbours once an edit lands elsewhere (coalesce). */
  private recent: Region | undefined;
  /** Where the last edit applied falls. */
  private editedAt = 0;

  private constructor(
    private readonly parser: Parser,
    text: string,
    private pointAt: (offset: number) => Point,
  ) {
    this.text = text;
    this.seenText = treeSitterText(text);
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
      regions.parseOpened();
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
    this.editedAt = edit.startIndex;
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
    this.seenText = treeSitterText(text);
    this.pointAt = pointAt;
    this.moduleCache = undefined;
    this.tooDeep = undefined;
    this.deadline = deadline;
    try {
      for (let index = 0; index < this.regions.length; index++) {
        const region = this.regions[index]!;
        if (region.tree !== undefined && !region.edited) continue;
        if (region.start === region.end && this.regions.length > 1) {
          // Its text deleted: the regions around it meet, and may mend each other's error.
          region.tree?.delete();
          this.regions.splice(index, 1);
          const next = this.regions[index];
          // The region after it settles against its new neighbour (an edited one is parsed and settled next).
          if (next?.tree && !next.edited) index = this.settle(index);
          else index--;
          continue;
        }
        this.parseRegion(index);
        // The document is skipped: the other regions need no parse.
        if (this.tooDeep) return;
        index = this.settle(index);
      }
      // Left while short (a broken statement cut out and mended): joined again, now that the edits are elsewhere.
      const previous = this.recent;
      this.recent = this.regions[this.indexAt(this.editedAt)];
      if (previous && previous !== this.recent) this.coalesce(previous);
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
    index = this.mergeAcrossStatements(index);
    let last = parsesCleanly(this.regions[index]!) ? this.split(index) : this.settleErrors(index);
    // The neighbours' errors may be half of a statement whose rest these regions now hold.
    last = this.mendAcross(last + 1) ?? last;
    const count = this.regions.length;
    this.mendAcross(index);
    return last + this.regions.length - count;
  }

  /** Merges the region at `index` with its neighbours while a statement runs across the boundary between them; returns its index. */
  private mergeAcrossStatements(index: number): number {
    for (;;) {
      const region = this.regions[index]!;
      if (index > 0 && !this.isBoundary(region.start)) index = this.mergeParsed(index - 1, index);
      else if (index < this.regions.length - 1 && !this.isBoundary(region.end))
        index = this.mergeParsed(index, index + 1);
      // A statement left open runs on into the region below, up to the next definition.
      else if (index < this.regions.length - 1 && this.leftOpen(region) && !startsDefinition(this.text, region.end))
        index = this.mergeParsed(index, index + 1);
      else if (index > 0 && this.leftOpen(this.regions[index - 1]!) && !startsDefinition(this.text, region.start))
        index = this.mergeParsed(index - 1, index);
      else return index;
    }
  }

  /**
   * Cuts the region at `index`, which has a syntax error, between its statements,
   * and merges each broken piece with what holds the rest of its statement when
   * they parse cleanly together: the pieces below where a bracket or string left
   * open closes (closingRegion), or a neighbour errorReach points at. Returns
   * the index of the last region it ended in.
   */
  private settleErrors(index: number): number {
    let last = this.cutAtStatements(index);
    for (let at = index; at <= last; at++) {
      if (parsesCleanly(this.regions[at]!)) continue;
      const count = this.regions.length;
      const closing = this.closingRegion(at);
      let merged = closing === undefined ? undefined : this.mergeIfClean(at, closing);
      if (merged === undefined) {
        const reach = errorReach(
          this.regions[at]!.tree!.rootNode,
          hasError(this.regions[at - 1]),
          this.mayHoldRest(at + 1),
        );
        const [above, below] = [reach.above ? at - 1 : at, reach.below ? at + 1 : at];
        // Both ways first; when the three do not parse cleanly together, each way alone.
        merged =
          this.mergeIfClean(above, below) ??
          (above < at && below > at ? (this.mergeIfClean(at, below) ?? this.mergeIfClean(above, at)) : undefined);
      }
      last += this.regions.length - count;
      // Merged, perhaps with regions below the pieces: on from its end.
      if (merged !== undefined) {
        at = merged;
        last = Math.max(last, at);
      }
    }
    return last;
  }

  /**
   * Whether the region at `index` may hold the rest of a statement broken in the
   * one above it: when it has an error of its own, or is short, since tree-sitter
   * reads `x =` and `y = 1` on the next line as one statement (and a fresh open
   * has the two in one piece). Undefined for no region.
   */
  private mayHoldRest(index: number): boolean | undefined {
    const region = this.regions[index];
    return region && (hasError(region) === true || this.rowsOf(index, index) < REGION_LINES);
  }

  /**
   * Merges the regions on either side of the boundary before region `index` when
   * one has a syntax error that errorReach says the other may hold the rest of,
   * and the two parse cleanly together. Returns the index of the merged region's
   * last piece, or undefined when they stay apart.
   */
  private mendAcross(index: number): number | undefined {
    const above = this.regions[index - 1];
    const below = this.regions[index];
    if (!above || !below) return undefined;
    const mends =
      (!parsesCleanly(above) &&
        errorReach(above.tree!.rootNode, hasError(this.regions[index - 2]), this.mayHoldRest(index)).below) ||
      (!parsesCleanly(below) &&
        errorReach(below.tree!.rootNode, hasError(above), hasError(this.regions[index + 1])).above);
    return mends ? this.mergeIfClean(index - 1, index) : undefined;
  }

  /** Whether regions may meet at `offset`: nothing carries across it, and no statement goes on below it. */
  private isBoundary(offset: number): boolean {
    return isRegionBoundary(this.text, offset) && !carriesOnAbove(this.text, offset);
  }

  /** Whether a region with a syntax error ends inside a statement that its text leaves open (a bracket, a triple-quoted string). */
  private leftOpen(region: Region): boolean {
    return !parsesCleanly(region) && statementCuts(this.text, region.start, region.end).endsOpen;
  }

  /**
   * For a broken region left open inside brackets or a triple-quoted string, the
   * index of a region below, not far, where what is open closes as Python reads
   * it (a scan that does not start afresh at definitions). A string that holds a
   * line starting a definition is cut there; its pieces are tried together.
   */
  private closingRegion(index: number): number | undefined {
    const region = this.regions[index]!;
    if (!statementCuts(this.text, region.start, region.end).endsOpen) return undefined;
    let last = index;
    while (last + 1 < this.regions.length && this.rowsOf(index, last + 1) <= SPLIT_LINES) last++;
    const starts: number[] = [];
    textNesting(this.text.slice(region.start, this.regions[last]!.end), starts);
    const next = starts.find((start) => start > 0);
    if (next === undefined) return undefined;
    const closing = this.indexAt(region.start + next - 1);
    return closing > index ? closing : undefined;
  }

  /**
   * Cuts a region with a syntax error between its statements (statementCuts),
   * each parsed anew: the error's own is then a region of its own, the one a
   * fresh open of the text gives. Returns the index of the last piece.
   */
  private cutAtStatements(index: number): number {
    const region = this.regions[index]!;
    const { cuts } = statementCuts(this.text, region.start, region.end);
    if (cuts.length === 0) return index;
    const pieces = this.parsedPieces(region.start, region.end, cuts, (piece) => this.parseTree(piece, undefined));
    for (const piece of pieces) this.checkDepth(piece.tree!, undefined);
    region.tree!.delete();
    this.regions.splice(index, 1, ...pieces);
    return index + pieces.length - 1;
  }

  /**
   * Joins a short clean region to the short clean regions around it, up to the
   * lines one region may hold: the pieces a broken region was cut into become one
   * region again once mended, where they would otherwise stay so many trees,
   * each asked about on every keystroke.
   */
  private coalesce(region: Region): void {
    let first = this.regions.indexOf(region);
    if (first === -1 || !parsesCleanly(region) || this.rowsOf(first, first) >= REGION_LINES) return;
    let last = first;
    const joins = (at: number) => {
      const neighbour = this.regions[at];
      return (
        neighbour !== undefined &&
        !neighbour.edited &&
        parsesCleanly(neighbour) &&
        this.rowsOf(at, at) < REGION_LINES &&
        this.rowsOf(Math.min(at, first), Math.max(at, last)) <= SPLIT_LINES
      );
    };
    while (joins(last + 1)) last++;
    while (joins(first - 1)) first--;
    if (first < last) this.mergeIfClean(first, last);
  }

  /** The lines regions first..last span. */
  private rowsOf(first: number, last: number): number {
    return this.pointAt(this.regions[last]!.end).row - this.pointAt(this.regions[first]!.start).row;
  }

  /**
   * Merges regions first..last, parsed anew, when they parse cleanly together (a
   * broken statement and the rest of it); returns the index of the merged region's
   * last piece (a long one is cut again), or undefined when they stay apart.
   */
  private mergeIfClean(first: number, last: number): number | undefined {
    if (first >= last) return undefined;
    const merged: Region = {
      start: this.regions[first]!.start,
      end: this.regions[last]!.end,
      tree: undefined,
      edited: false,
    };
    merged.tree = this.parseTree(merged, undefined);
    if (!parsesCleanly(merged)) {
      merged.tree.delete();
      return undefined;
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
   * When a piece has a syntax error, the whole is parsed too: if it parses
   * cleanly, the text's scan misread it, and the whole tree is cut instead;
   * if not, the pieces stay, each error settled as after an edit, so that a
   * text opened broken is parsed as it is after an edit that broke it.
   */
  private parseOpened(): void {
    const pieces = this.textPieces();
    if (pieces?.every(parsesCleanly)) {
      for (const piece of pieces) this.checkDepth(piece.tree!, undefined);
      this.regions = pieces;
      return;
    }
    try {
      this.parseRegion(0);
    } catch (error) {
      if (pieces) deleteTrees(pieces);
      throw error;
    }
    if (this.tooDeep || parsesCleanly(this.regions[0]!)) {
      if (pieces) deleteTrees(pieces);
      if (!this.tooDeep) this.split(0);
      return;
    }
    if (pieces) {
      deleteTrees(this.regions);
      this.regions = pieces;
      for (const piece of pieces) this.checkDepth(piece.tree!, undefined);
    }
    for (let index = 0; index < this.regions.length && !this.tooDeep; index++)
      if (!parsesCleanly(this.regions[index]!)) index = this.settle(index);
  }

  /**
   * The whole text (the only region) as pieces cut where the text alone shows
   * top-level statements (regionCutsInText), each parsed; undefined when the text
   * is short, nests too deep, or shows no cut.
   */
  private textPieces(): Region[] | undefined {
    if (this.pointAt(this.text.length).row <= SPLIT_LINES) return undefined;
    const codeLineStarts: number[] = [];
    if (whyNestingTooDeep(textNesting(this.text, codeLineStarts))) return undefined;
    const cuts = regionCutsInText(this.text, codeLineStarts, (offset) => this.pointAt(offset).row);
    if (cuts.length === 0) return undefined;
    // The whole text's nesting is checked: no piece's is deeper.
    return this.parsedPieces(0, this.text.length, cuts, (piece) => this.parseRange(piece, undefined));
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
    // The tree keeps this to read its nodes' text: the current text, which a region shifted
    // by an edit above it reads too, up to the region's end (web-tree-sitter copies what
    // each read gives, up to 10 KB, when a parse asks for a region's first token).
    const read = (index: number) => this.text.slice(index, Math.max(index, region.end));
    // What the parse reads: lone "\r" as "\n" (parser.ts, treeSitterText); the tree then reads the text itself.
    const seen =
      this.seenText === this.text ? read : (index: number) => this.seenText.slice(index, Math.max(index, region.end));
    const tree = this.parser.parse(seen, old ?? null, {
      includedRanges: [range],
      // Asked every hundred or so of the parser's operations: only when there is a deadline to keep.
      ...(this.deadline === NO_DEADLINE ? {} : { progressCallback: this.outOfTime }),
    });
    if (tree) return seen === read ? tree : readingText(tree, read);
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

/** Whether a neighbour has a syntax error (one not parsed yet counts as having one); undefined for none. */
function hasError(region: Region | undefined): boolean | undefined {
  return region && (region.tree?.rootNode.hasError ?? true);
}

function deleteTrees(regions: readonly Region[]): void {
  for (const region of regions) region.tree?.delete();
}

function parsesCleanly(region: Region): boolean {
  const root = region.tree!.rootNode;
  return root.type === 'module' && !root.hasError;
}
