// The fix of MEM107: `out.write(src.read())` → `shutil.copyfileobj(src, out)`,
// where `shutil` (or `copyfileobj`) is already imported: the rules add no
// imports. Safe only where the copy cannot differ: both files binary, opened
// by `open` with nothing but a path and a mode, the source only read ("rb")
// and the destination truncated or new ("wb", "xb"), so that it cannot be
// the file being read. Text files are copied the same unless decoding fails
// part way, when the copy has already written what came before: unsafe.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { descendants } from '../../semantics/syntax';
import type { FileWrite } from '../file-writes';
import type { FileOpening } from '../open-files';
import type { Fix, FixSafety } from '../types';
import type { CopySource } from './copySources';

export function copyFix(write: FileWrite, source: CopySource, facts: DocumentFacts): Fix | undefined {
  const statement = write.call.parent;
  if (statement?.type !== 'expression_statement' || statement.namedChildCount !== 1) return undefined;
  if (source.stream.text === write.file.text || hasComment(write.call)) return undefined;
  const safety = copySafety(source.openings, write.openings);
  const copier = safety && copierName(facts, write.call);
  if (!safety || !copier) return undefined;
  return {
    title: 'Copy with shutil.copyfileobj',
    safety,
    edits: [
      {
        start: write.call.startIndex,
        end: write.call.endIndex,
        text: `${copier}(${source.stream.text}, ${write.file.text})`,
      },
    ],
  };
}

function hasComment(node: Node): boolean {
  for (const part of descendants(node)) if (part.type === 'comment') return true;
  return false;
}

/** Undefined where no fix is offered: a response, or files of different or unknown modes. */
function copySafety(
  sources: readonly (FileOpening | 'response')[],
  destinations: readonly FileOpening[],
): FixSafety | undefined {
  const files = sources.filter((source): source is FileOpening => source !== 'response');
  if (files.length !== sources.length) return undefined;
  const modes = new Set([...files, ...destinations].map((opening) => opening.mode));
  if (modes.size !== 1 || modes.has('unknown')) return undefined;
  const plain = (opening: FileOpening) => opening.opener === 'io' && opening.fileAndModeOnly;
  const safe =
    modes.has('binary') &&
    [...files, ...destinations].every(plain) &&
    files.every((file) => modeLetters(file) === 'r') &&
    destinations.every((file) => modeLetters(file) === 'w' || modeLetters(file) === 'x');
  return safe ? 'safe' : 'unsafe';
}

/** The mode without its `b`: "r" for "rb" and "br". */
function modeLetters(opening: FileOpening): string | undefined {
  return opening.modeText?.replace('b', '');
}

/** How the code reaches `shutil.copyfileobj` where the write stands, through an import that comes before it. */
function copierName(facts: DocumentFacts, at: Node): string | undefined {
  if (importedBefore(facts, 'shutil', at) === 'shutil') return 'shutil.copyfileobj';
  if (importedBefore(facts, 'copyfileobj', at) === 'shutil.copyfileobj') return 'copyfileobj';
  return undefined;
}

function importedBefore(facts: DocumentFacts, name: string, at: Node): string | undefined {
  const found = facts.lookup(name, at);
  if (found === undefined || found === 'unknown') return undefined;
  if (!found.sites.some((site) => site.node.startIndex < at.startIndex)) return undefined;
  return facts.qualifiedNameOfName(name, at);
}
