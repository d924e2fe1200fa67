// MEM108's premise, measured: its documented example downloading 50 MiB from
// a local HTTP server (http.server in a thread of the measured process,
// serving bytes made untraced; no network), written to a file from the whole
// `.content` and, in a second case, the whole `.text`, then as its advice
// does, streamed with `iter_content()`, under tracemalloc on every CPython the
// suite has with requests. The message says the body is held twice at its
// peak: the advice must lower the peak by twice the body, and write the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mem108 } from '../../server/src/rules/mem108-download-without-stream';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';

/** 50 MiB: 655,360 lines of 80 bytes. */
const BODY_BYTES = 50 * 1024 * 1024;

/**
 * The server, started untraced: it sends the body it was given with its
 * length and charset (so `.text` decodes it without guessing), from a bytes
 * object the measured code never allocates. A small download first imports
 * whatever requests imports on its first request.
 */
const SETUP = String.raw`
import hashlib, http.server, os, threading
import requests

BODY = b"".join(("line %d " % i).ljust(79, "x").encode() + b"\n" for i in range(${BODY_BYTES} // 80))

class Serve(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = BODY if self.path == "/data.bin" else b"warm\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Serve)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = "http://127.0.0.1:%d" % server.server_address[1]
requests.get(base + "/warm").content, requests.get(base + "/warm").text
with requests.get(base + "/warm", stream=True) as warm:
    list(warm.iter_content(chunk_size=65536))
url = base + "/data.bin"

def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
`;

const TEXT_EXAMPLE = mem108.docs.example.replace('"data.bin", "wb"', '"data.bin", "w"').replace('.content', '.text');

const TOLERANCE: Tolerance = {
  below: 0,
  above: 0.001,
  slack: 512 * 1024,
  why: 'the streamed download holds a 64 KiB chunk, urllib3’s and the socket’s buffers (about 200 KB); the whole one a list of 10 KiB chunks and the bytes joined from them (or the str decoded), a few object headers over twice the body',
};

test('the documented example is flagged, with no fix', async () => {
  const [finding, ...others] = await findingsOf(mem108, mem108.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix, undefined);
  assert.match(finding.message, /^Holds the whole download twice at its peak \(`\.content`\)/);
  const [text] = await findingsOf(mem108, TEXT_EXAMPLE);
  assert.match(text?.message ?? '', /^Holds the whole download twice at its peak \(`\.text`\)/);
});

for (const [label, example] of [
  ['.content', mem108.docs.example],
  ['.text', TEXT_EXAMPLE],
] as const) {
  forEachPython(
    `MEM108: writing ${label} of a ${BODY_BYTES.toLocaleString('en-US')}-byte download holds it twice`,
    async ({ python }, context) => {
      const runs = measureFix(python, {
        setup: SETUP,
        before: example,
        after: mem108.docs.useInstead,
        results: ['digest("data.bin")'],
        figures: { body: 'len(BODY)', written: 'os.path.getsize("data.bin")' },
      });
      const { body, written } = runs.before.figures as Record<string, number>;
      context.diagnostic(runs.before.interpreter);
      context.diagnostic(describeRuns(label, runs, 2 * body!));
      assert.equal(body, BODY_BYTES);
      assert.equal(written, BODY_BYTES);
      assertClaim(`peak saved by streaming instead of ${label}`, runs.peakSaved, 2 * body!, TOLERANCE);
    },
    ['requests'],
  );
}
