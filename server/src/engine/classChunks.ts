// A top-level class cut into chunks of its own: its header (the comments above
// it, its decorators, the `class` line) and each statement of its body (a
// method with the comments above it). Real modules hold most of their code in
// a few classes of a thousand lines: a key typed in one method then analyses
// that method again, not its whole class. What a chunk's findings read of the
// rest of its class is recorded while it is analysed (semantics/dependencies.ts).
import type { Node } from 'web-tree-sitter';
import { definitionOf } from '../semantics/syntax';

/** A chunk being cut: its extent, the row it ends on, and its nodes. */
export interface Building {
  start: number;
  end: number;
  endRow: number;
  readonly nodes: Node[];
}

/** A class's chunks as cut: its header, then a chunk per statement of its body. */
export interface CutClass {
  readonly name: string;
  /** The class statement, its decorators included. */
  readonly start: number;
  readonly end: number;
  readonly header: Building;
  /** The comments above the class, in the header. */
  readonly commentsAbove: readonly Node[];
  /** The class statement's nodes but its body: decorators, `class`, name, bases, colon, comments there. */
  readonly statementHeader: readonly Node[];
  readonly members: readonly Building[];
}

/**
 * The class `whole` holds (comments above it, the statement, comments after it
 * on its last line) cut into chunks; undefined when the statement is no class
 * or its body does not start on a line of its own (`class A: pass`).
 */
export function cutClass(whole: Building, statement: Node): CutClass | undefined {
  const definition = definitionOf(statement);
  if (definition?.type !== 'class_definition') return undefined;
  const name = definition.childForFieldName('name');
  const body = definition.childForFieldName('body');
  if (!name || body?.type !== 'block') return undefined;
  const headerRow = colonRow(definition);
  if (headerRow === undefined) return undefined;
  const header: Building = { start: whole.start, end: -1, endRow: headerRow, nodes: [] };
  for (const node of whole.nodes) {
    header.nodes.push(node);
    if (node.id === statement.id) break;
  }
  // The header runs to the end of its colon's line: a `# noqa` there is the class line's.
  for (const child of definition.children) {
    if (!child || child.id === body.id || child.startPosition.row !== headerRow) continue;
    header.end = Math.max(header.end, child.endIndex);
  }
  const members: Building[] = [];
  const statements = body.namedChildren.filter((node): node is Node => node !== null);
  if (header.end < 0 || statements.length === 0 || statements[0]!.startPosition.row <= headerRow) return undefined;
  chunkStatements(statements, members);
  // Comments after the class on its last line go with its last member, as they would with the class.
  const trailing = whole.nodes.slice(whole.nodes.findIndex((node) => node.id === statement.id) + 1);
  for (const comment of trailing) extend(members[members.length - 1]!, comment);
  const decorators =
    statement.id === definition.id ? [] : statement.namedChildren.filter((node) => node?.type === 'decorator');
  const ownChildren = definition.children.filter((child) => child !== null && child.id !== body.id);
  return {
    name: name.text,
    start: statement.startIndex,
    end: statement.endIndex,
    header,
    commentsAbove: header.nodes.slice(0, -1),
    statementHeader: [...decorators, ...ownChildren] as Node[],
    members,
  };
}

/** The row of the colon that ends the class's header. */
function colonRow(definition: Node): number | undefined {
  let row: number | undefined;
  for (const child of definition.children) if (child?.type === ':') row = child.startPosition.row;
  return row;
}

/**
 * Statements in a chunk each, with the comment lines right above one (rules
 * read them) and the comments that end its last line (a trailing `# noqa`);
 * comments after the last statement make a chunk of their own.
 */
export function chunkStatements(statements: readonly Node[], built: Building[]): void {
  const first = built.length;
  let pendingComments: Node[] = [];
  for (const node of statements) {
    const last = built.length > first ? built[built.length - 1] : undefined;
    if (node.type === 'comment') {
      if (pendingComments.length === 0 && last && node.startPosition.row === last.endRow) extend(last, node);
      else pendingComments.push(node);
      continue;
    }
    const nodes = [...pendingComments, node];
    pendingComments = [];
    built.push({ start: nodes[0]!.startIndex, end: node.endIndex, endRow: node.endPosition.row, nodes });
  }
  if (pendingComments.length > 0) {
    const last = pendingComments[pendingComments.length - 1]!;
    built.push({
      start: pendingComments[0]!.startIndex,
      end: last.endIndex,
      endRow: last.endPosition.row,
      nodes: pendingComments,
    });
  }
}

function extend(chunk: Building, comment: Node): void {
  chunk.nodes.push(comment);
  chunk.end = comment.endIndex;
  chunk.endRow = comment.endPosition.row;
}
