import type { Node } from 'web-tree-sitter';
import { sizeText } from '../sizes/format';
import { approximateSize } from '../sizes/size';
import { calleeAnchors } from './anchors';
import { fileWrite } from './file-writes';
import { copyFix } from './mem107-whole-file-copy/copyFix';
import { copySource, type CopySource } from './mem107-whole-file-copy/copySources';
import type { Rule, RuleContext } from './types';

export const mem107: Rule = {
  code: 'MEM107',
  name: 'whole-file-copy',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'A file copied by reading it whole and writing it out, where `shutil.copyfileobj` copies a chunk at a time',
  docs: {
    whatItDoes:
      'Flags `out.write(src.read())` where `out` is a file the code opened and `src` is one too, or a response of `urllib.request.urlopen`: each a plain name bound, in the scope of the write, only by `with open(…) as f` or `f = open(…)` (or `io.open`, `Path(…).open`, `gzip.open`, `bz2.open`, `lzma.open`, `codecs.open`, `gzip.GzipFile`, `bz2.BZ2File`, `lzma.LZMAFile`, `urlopen`), or the opening call itself (`open(path, "wb").write(src.read())`). Not flagged: `src.read(n)`, which reads a part, and a write to or a read from anything else (a parameter, `sys.stdout`, a socket), which may not take or give a stream.',
    whyBadForMemory:
      '`src.read()` returns the whole file as one object: a bytes object the size of the file for a binary file; for a text file, the bytes read and the str decoded from them, both held while the str is made (twice the file for ASCII text; more where a character beyond Latin-1 makes the str take 2 or 4 bytes per character). `out.write()` then takes it whole. `shutil.copyfileobj(src, out)` reads and writes 64 KiB at a time (1 MiB on Windows), so the copy holds one chunk whatever the size of the file. Measured with tracemalloc on a 50 MiB file (52,428,800 bytes), the binary copy peaks at 52,438,189 bytes on CPython 3.11 (52,438,493 on 3.9, 52,438,197 on 3.13) and `copyfileobj` at 140,638 bytes (141,390 and 140,646); a text file of 80-character ASCII lines, at 104,868,438 bytes (104,868,326 and 104,868,454) against 272,881 (273,640 and 272,908).',
    example:
      'import shutil\n\nwith open("big.bin", "rb") as src, open("copy.bin", "wb") as out:\n    out.write(src.read())',
    useInstead:
      'import shutil\n\nwith open("big.bin", "rb") as src, open("copy.bin", "wb") as out:\n    shutil.copyfileobj(src, out)',
    fixSafety:
      '`out.write(src.read())` becomes `shutil.copyfileobj(src, out)`, offered only where `shutil` (or `copyfileobj` from it) is imported before the write: memhints adds no imports. The write must be a statement of its own (its value, the count written, is dropped; `copyfileobj` returns None). The fix is safe when both files are binary, opened by `open`, `io.open` or `Path.open` with nothing but a path and a mode (no `buffering`: an unbuffered file may write part of what it is given), the source only for reading (`"rb"`) and the destination truncated or new (`"wb"`, `"xb"`): then the destination cannot be the file being read, and the same bytes are written. It is unsafe for text files (a decoding error part way leaves the part before it written, where the original writes nothing), for compressed files (a corrupt stream likewise), and for a destination opened to append or update (`"ab"`, `"r+b"`), which could be the source itself: reading it while appending to it would not end. No fix for a response (a dropped connection leaves part of it written), for files of different modes (text read, bytes written: both forms raise, but `copyfileobj` writes nothing for an empty source), or when a comment inside the call would be lost.',
  },
  anchors: calleeAnchors(['write']),
  check(call, context) {
    const write = fileWrite(call, context.facts);
    const source = write && copySource(write.data, context.facts);
    if (!write || !source) return undefined;
    const estimate = context.dataReads?.estimateOf(source.read, context.facts);
    const holds = estimate ? approximateSize(estimate.bytes) : undefined;
    const what = source.openings.includes('response') ? 'response' : 'file';
    const held = holds ? `Holds ${sizeText(holds)}, the whole ${what},` : `Holds the whole ${what}`;
    const fix = copyFix(write, source, context.facts);
    return {
      code: mem107.code,
      message: `${held} to copy it: \`shutil.copyfileobj(${copyArguments(source, write.file)})\` copies a chunk at a time`,
      severity: mem107.defaultSeverity,
      ...(holds ? { holds } : {}),
      scale: sourceScale(source, context),
      start: call.startIndex,
      end: call.endIndex,
      ...(fix ? { fix } : {}),
    };
  },
};

/** `src, out` as the code names them, or as placeholders when that would make the message long. */
function copyArguments(source: CopySource, file: Node): string {
  const named = source.stream.type === 'identifier' && file.type === 'identifier';
  const text = `${source.stream.text}, ${file.text}`;
  return named && text.length <= 40 ? text : 'src, dst';
}

/** A file or a response is data from outside the program: large, unless the workspace holds the file and shows it small. */
function sourceScale(source: CopySource, context: RuleContext) {
  return context.dataReads?.scaleOf(source.read, context.facts) ?? 'large';
}
