// `memhints measure --plot FILE.svg` as a subprocess: the file it writes is XML that
// draws the timeline, with the peak labelled by the line running then.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TimelinePoint } from '../../server/src/measure/result';
import { peakPoint } from '../../server/src/measure/peakPoint';
import { memhints, project } from '../support/cli';
import { MEASURE_FIXTURES } from '../support/measure';
import { runPythonJson } from '../support/python';

/** The SVG parsed by Python's XML parser: the root's tag, each text's id and words, and the polylines' point counts. */
const PARSE_SVG = `
import json, sys
import xml.etree.ElementTree as ElementTree
root = ElementTree.fromstring(json.load(sys.stdin)["svg"])
ns = "{http://www.w3.org/2000/svg}"
print(json.dumps({
    "tag": root.tag,
    "texts": [{"id": text.get("id"), "words": text.text} for text in root.iter(ns + "text")],
    "polylines": [len(line.get("points").split()) for line in root.iter(ns + "polyline")],
}))
`;

interface ParsedSvg {
  readonly tag: string;
  readonly texts: readonly { readonly id: string | null; readonly words: string }[];
  readonly polylines: readonly number[];
}

test('--plot writes an SVG that parses as XML, with both lines and the peak labelled with its line', (t) => {
  const root = project(t, {});
  copyFileSync(join(MEASURE_FIXTURES, 'timeline.py'), join(root, 'timeline.py'));
  const run = memhints(['measure', 'timeline.py', '--plot', 'memory.svg', '--format', 'json'], root);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /^memhints: wrote the timeline to memory\.svg$/m);
  const { timeline } = JSON.parse(run.stdout) as { timeline: TimelinePoint[] };
  const highest = peakPoint(timeline)!;
  const svg = readFileSync(join(root, 'memory.svg'), 'utf8');
  const parsed = runPythonJson<ParsedSvg>(PARSE_SVG, { svg });
  assert.equal(parsed.tag, '{http://www.w3.org/2000/svg}svg');
  assert.equal(parsed.polylines.length, 2, 'traced memory and resident set');
  assert.ok(
    parsed.polylines.every((points) => points >= 10),
    JSON.stringify(parsed.polylines),
  );
  const label = parsed.texts.find((text) => text.id === 'peak-label');
  assert.match(label?.words ?? '', /^peak (3[89]|4\d)(\.\d)? MiB at line 5: time\.sleep\(0\.2\)$/);
  assert.equal(highest.line, 5, 'the JSON report has the timeline the plot draws');
  assert.ok(parsed.texts.some((text) => text.words.startsWith('Memory of timeline.py over time')));
});
