// What the region tests compare: the top-level trees a document parsed in
// regions holds against those of a whole parse, and the seeded random edits
// replayed on both (test/document/regionTrees*.test.ts).
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { ModuleParts } from '../../server/src/document/moduleParts';
import { OpenDocuments } from '../../server/src/document/documents';
import { parse, pythonParser, type Node } from '../../server/src/document/parser';
import { editBetween, randomChange, seededRandom } from '../reliability/fuzz';
import { applyContentChanges, positionAt } from '../support/textEdits';

export const URI = 'file:///regions.py';

/** Each top-level node with where it lies and its whole structure. */
function describeNodes(nodes: readonly Node[]): string[] {
  return nodes.map((node) => `${node.startIndex}-${node.endIndex} ${node.toString()}`);
}

export function topLevelOfParts(module: ModuleParts): string[] {
  return describeNodes(
    module.parts.flatMap((part) => part.root.namedChildren.filter((node): node is Node => node !== null)),
  );
}

export async function wholeParse(): Promise<
  (text: string) => { readonly clean: boolean; readonly topLevel: string[] }
> {
  const parser = await pythonParser();
  return (text) => {
    const tree = parse(parser, text);
    try {
      return {
        clean: !tree.rootNode.hasError,
        topLevel: describeNodes(tree.rootNode.namedChildren.filter((node): node is Node => node !== null)),
      };
    } finally {
      tree.delete();
    }
  };
}

/** A change that types `inserted` at `offset`, or deletes `deleted` characters from there. */
export function changeAt(text: string, offset: number, inserted: string, deleted = 0): TextDocumentContentChangeEvent {
  return { range: { start: positionAt(text, offset), end: positionAt(text, offset + deleted) }, text: inserted };
}

/** Keystrokes of characters that move statement ends, open strings, indent and join lines; half of them next to a region's start. */
function keystroke(random: () => number, text: string, module: ModuleParts): TextDocumentContentChangeEvent {
  const starts = module.parts.map((part) => part.start);
  const nearStart = starts[Math.floor(random() * starts.length)]! + Math.floor(random() * 5) - 2;
  const offset =
    random() < 0.5 ? Math.min(text.length, Math.max(0, nearStart)) : Math.floor(random() * (text.length + 1));
  if (random() < 0.4 && offset < text.length) return changeAt(text, offset, '', 1);
  const characters = ['x', ' ', '    ', '\n', '\r\n', '\r', ':', '(', ')', '"', '"""', '#', '\\', '@d\n', 'else:\n'];
  return changeAt(text, offset, characters[Math.floor(random() * characters.length)]!);
}

/**
 * The texts with, after them, the first one with CRLF line ends and with lone
 * CR line ends: a boundary must be read after "\r\n" and "\r" as after "\n".
 */
export function withLineEndCopies(files: readonly { name: string; text: string }[]): { name: string; text: string }[] {
  const first = files[0]!;
  return [
    ...files,
    { name: `${first.name} (CRLF)`, text: first.text.replace(/\n/g, '\r\n') },
    { name: `${first.name} (lone CR)`, text: first.text.replace(/\n/g, '\r') },
  ];
}

/**
 * Replays `steps` seeded random edits on each text, opened as a document, and
 * after each compares the document's regions with a whole parse of its text.
 */
export async function checkRandomEdits(
  t: TestContext,
  files: readonly { name: string; text: string }[],
  seed: number,
  steps: number,
): Promise<void> {
  const parser = await pythonParser();
  const whole = await wholeParse();
  const random = seededRandom(seed);
  let compared = 0;
  let broken = 0;
  let mostRegions = 0;
  for (const file of files) {
    const documents = new OpenDocuments(parser);
    let text = file.text;
    let version = 1;
    let document = documents.opened(URI, 'python', version, text);
    const apply = (change: TextDocumentContentChangeEvent) => {
      text = applyContentChanges(text, [change]);
      document = documents.changed(URI, ++version, [change])!;
      assert.equal(document.text.getText(), text);
      mostRegions = Math.max(mostRegions, documents.regionsOf(URI)?.count ?? 0);
    };
    for (let step = 1; step <= steps; step++) {
      const before = text;
      // Mostly single keystrokes; now and then a fuzzer change (a snippet pasted, a range cut).
      apply(random() < 0.8 ? keystroke(random, text, document.module) : randomChange(random, text));
      let expected = whole(text);
      if (!expected.clean) {
        // Broken text may parse otherwise in one tree: undone, the regions must be a whole parse's again.
        broken++;
        apply(editBetween(text, before));
        expected = whole(text);
      }
      compared++;
      assert.deepEqual(topLevelOfParts(document.module), expected.topLevel, `${file.name}, seed ${seed}, step ${step}`);
    }
    documents.closed(URI);
    assert.equal(documents.treeCount, 0, 'closing a document deletes its trees');
  }
  t.diagnostic(
    `${compared} texts compared, ${broken} of them after undoing an edit that left a syntax error; up to ${mostRegions} regions`,
  );
  assert.ok(mostRegions >= 5, 'the texts were cut into regions');
  assert.ok(broken < compared, 'most edits left no syntax error');
}
