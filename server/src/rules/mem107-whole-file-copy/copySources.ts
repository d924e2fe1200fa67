// What `src` of `out.write(src.read())` reads from: files the code opened,
// or responses of `urllib.request.urlopen`, which `shutil.copyfileobj` reads
// a chunk at a time as well.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { unparenthesized } from '../../semantics/syntax';
import { boundValues, fileOpening, type FileOpening } from '../open-files';

/** A stream read whole: one entry per binding of `src` (one for an opener call), the opened file or a response. */
export interface CopySource {
  /** The `src.read()` call. */
  readonly read: Node;
  /** `src`. */
  readonly stream: Node;
  readonly openings: readonly (FileOpening | 'response')[];
}

const RESPONSE_OPENERS: ReadonlySet<string> = new Set(['urllib.request.urlopen']);

/** `src.read()`, without arguments, of a file or response the code opened; undefined for anything else. */
export function copySource(read: Node, facts: DocumentFacts): CopySource | undefined {
  if (read.type !== 'call') return undefined;
  const callee = read.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'read') return undefined;
  if (facts.callArguments(read).length > 0) return undefined;
  const object = callee.childForFieldName('object');
  const stream = object ? unparenthesized(object) : undefined;
  if (!stream) return undefined;
  const values = stream.type === 'identifier' ? boundValues(facts, stream) : [stream];
  const openings = values?.map((value) => streamOpening(value, facts));
  if (!openings?.length || openings.some((opening) => opening === undefined)) return undefined;
  return { read, stream, openings: openings as (FileOpening | 'response')[] };
}

function streamOpening(value: Node, facts: DocumentFacts): FileOpening | 'response' | undefined {
  const opening = fileOpening(facts, value);
  if (opening) return opening;
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  return callee && RESPONSE_OPENERS.has(facts.qualifiedName(callee) ?? '') ? 'response' : undefined;
}
