import { unparenthesized } from '../semantics/syntax';
import { calleeAnchors } from './anchors';
import { fileWrite } from './file-writes';
import { isWholeResponse } from './mem108-download-without-stream/responses';
import type { Rule } from './types';

/** What a response gives its body as: bytes, or the bytes decoded to a str. */
const BODIES: ReadonlySet<string> = new Set(['content', 'text']);

export const mem108: Rule = {
  code: 'MEM108',
  name: 'download-without-stream',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary:
    'A download written to a file from the whole response body, where a streamed response writes a chunk at a time',
  docs: {
    whatItDoes:
      'Flags `out.write(requests.get(url).content)` and `out.write(response.text)`, where `out` is a file the code opened (a name bound only by `with open(…) as out` or `out = open(…)`, or the opening call itself) and the response comes from `requests.get`, `requests.post` or `requests.request` (or those methods of a `requests.Session()`): called in place, or a name bound only to such calls whose other uses need no body (`response.status_code`, `.ok`, `.headers`, `.raise_for_status()`, `.url`, `.encoding`, `.close()`…). Not flagged: a response whose body is read again (`response.json()`, a second `.content`), passed on or returned, where the whole body is wanted anyway; a write to anything but an opened file.',
    whyBadForMemory:
      '`response.content` reads the body in 10 KiB chunks into a list, then joins them into one bytes object: both are held while the join runs, twice the body. `response.text` holds the bytes and the str decoded from them: twice the body again for ASCII, more for text beyond Latin-1. `requests.get(url, stream=True)` reads nothing until asked, and `for chunk in response.iter_content(chunk_size=65536)` holds one chunk at a time. Measured with tracemalloc downloading 52,428,800 bytes from a local server, writing `.content` peaks at 105,506,831 bytes on CPython 3.11 with requests 2.34 (105,503,487 on 3.9 with requests 2.25, 105,506,034 on 3.13 with requests 2.32) and `.text` at 105,508,174 bytes (105,506,873 and 105,507,282); streaming, at 176,814 bytes (234,964 and 241,948).',
    example: 'import requests\n\nwith open("data.bin", "wb") as out:\n    out.write(requests.get(url).content)',
    useInstead:
      'import requests\n\nwith requests.get(url, stream=True) as response, open("data.bin", "wb") as out:\n    for chunk in response.iter_content(chunk_size=65536):\n        out.write(chunk)',
    fixSafety:
      'No automatic fix: streaming moves the write into a loop, and the file may be left part written when the connection drops, where the whole read writes nothing; `.text` chunks need `iter_content(decode_unicode=True)` and an encoding the response names. Write the loop above, in a `with` that closes the response.',
  },
  anchors: calleeAnchors(['write']),
  check(call, context) {
    const write = fileWrite(call, context.facts);
    const body = write?.data.type === 'attribute' ? write.data.childForFieldName('attribute')?.text : undefined;
    const response = body && BODIES.has(body) ? write!.data.childForFieldName('object') : null;
    if (!response || !isWholeResponse(unparenthesized(response), context.facts)) return undefined;
    return {
      code: mem108.code,
      message: `Holds the whole download twice at its peak (\`.${body}\`): stream it, \`stream=True\` and \`iter_content()\``,
      severity: mem108.defaultSeverity,
      // A download is data from outside the program: its size is known only when it runs.
      scale: 'large',
      start: call.startIndex,
      end: call.endIndex,
    };
  },
};
