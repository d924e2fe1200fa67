// The timeline plot's pieces: round axis steps, the peak's label, and the SVG drawn
// from a result (plot.slow.test.ts parses what `memhints measure --plot` writes as XML).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { peakPoint } from '../../server/src/measure/peakPoint';
import { byteTicks, roundTicks } from '../../server/src/measure/plotTicks';
import { escapeXml, peakLabel, timelineSvg } from '../../server/src/measure/timelinePlot';
import { timelinePoint, tracerResultOf } from '../support/tracerResults';

const MIB = 1024 * 1024;

test('axis steps are the finest 1, 2 or 5 times a power of ten that reach past the top in at most 6', () => {
  for (const [top, step] of [
    [4.3, 1],
    [0.37, 0.1],
    [62, 20],
    [130, 50],
    [0.012, 0.002],
    [1.04, 0.2],
  ] as const) {
    const ticks = roundTicks(top);
    assert.equal(ticks.step, step, `${top}`);
    assert.ok(
      ticks.max >= top && ticks.max - ticks.step < top && ticks.values.length <= 7,
      `${top}: ${JSON.stringify(ticks)}`,
    );
    assert.deepEqual(
      ticks.values,
      ticks.values.map((_, index) => Number((index * step).toPrecision(12))),
    );
  }
  const bytes = byteTicks(63.7 * MIB);
  assert.equal(bytes.unit, 'MiB');
  assert.deepEqual(bytes.labels, ['0 MiB', '20 MiB', '40 MiB', '60 MiB', '80 MiB']);
  assert.equal(bytes.max, 80 * MIB);
  assert.equal(byteTicks(3000).unit, 'KiB');
});

test("the peak's label names the highest sample's size and line, with its source cut to a readable width", () => {
  const source = (line: number) => (line === 5 ? '    pairs = [(a, b) for a in xs if a < b & 1]' : undefined);
  assert.equal(
    peakLabel(timelinePoint(0.1, 40 * MIB, 5), source),
    'peak 40 MiB at line 5: pairs = [(a, b) for a in xs if a < b & 1]',
  );
  assert.equal(peakLabel(timelinePoint(0.1, 40 * MIB, 9), source), 'peak 40 MiB at line 9');
  assert.equal(peakLabel(timelinePoint(0.3, 2048, null), source), 'peak 2 KiB, no line of the script running');
  const long = peakLabel(timelinePoint(0.1, MIB, 1), () => `x = ${'y'.repeat(200)}`);
  assert.ok(long.endsWith('…') && long.length < 120, long);
});

test('the SVG: both lines through every sample, the peak marked at the highest, its label escaped', () => {
  const timeline = [
    timelinePoint(0, 0, 1),
    timelinePoint(0.1, 20 * MIB, 4),
    timelinePoint(0.2, 40 * MIB, 5),
    timelinePoint(0.3, 10 * MIB, null),
  ];
  const svg = timelineSvg({ file: 'a&b.py', result: tracerResultOf(timeline), source: () => 'if a < b & c: keep()' });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>\n/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  const polylines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((match) => match[1]!.split(' '));
  assert.deepEqual(
    polylines.map((points) => points.length),
    [4, 4],
    'resident set and traced memory',
  );
  assert.match(svg, /<text [^>]*id="peak-label"[^>]*>peak 40 MiB at line 5: if a &lt; b &amp; c: keep\(\)<\/text>/);
  assert.match(svg, /Memory of a&amp;b\.py over time \(Python 3\.11\.7, 4 samples\)/);
  const cancelled = tracerResultOf(timeline, { outcome: { kind: 'cancelled' } });
  assert.match(
    timelineSvg({ file: 'a.py', result: cancelled, source: () => '' }),
    /over time \(Python 3\.11\.7, 4 samples, partial\)/,
  );
  // The mark sits on the traced line's third point.
  const circle = /<circle id="peak-mark" cx="([\d.]+)" cy="([\d.]+)"/.exec(svg)!;
  assert.equal(`${circle[1]},${circle[2]}`, polylines[1]![2]);
  // The mark and its label are one group that names the peak's line, for the editor's view to go to.
  assert.match(
    svg,
    /<g id="peak" data-line="5">\n<circle id="peak-mark" [^\n]*\n<text [^\n]*id="peak-label"[^\n]*\n<\/g>/,
  );
  // No text outside the escapes XML allows.
  assert.doesNotMatch(svg.replace(/&(amp|lt|gt|quot|apos);/g, ''), /&/);
  assert.equal(escapeXml(`<'"&>`), '&lt;&apos;&quot;&amp;&gt;');
});

test('a run without resident sets (no /proc) draws the traced line alone', () => {
  const timeline = [
    { ...timelinePoint(0, MIB, 1), rssBytes: null },
    { ...timelinePoint(0.2, 2 * MIB, 2), rssBytes: null },
  ];
  const svg = timelineSvg({ file: 'a.py', result: tracerResultOf(timeline), source: () => undefined });
  assert.equal([...svg.matchAll(/<polyline /g)].length, 1);
  assert.doesNotMatch(svg, /resident set/);
  const idle = timelineSvg({
    file: 'a.py',
    result: tracerResultOf([timelinePoint(0, MIB, null)]),
    source: () => undefined,
  });
  assert.match(idle, /<g id="peak">/, 'a peak with no line running names none');
});

test('the peak names the line that ran longest at it, not the one that built it or the one that frees it', () => {
  const held = 40 * MIB;
  const timeline = [
    timelinePoint(0, 0, 4),
    timelinePoint(0.05, held, 4),
    timelinePoint(0.1, held, 5),
    timelinePoint(0.15, held, 5),
    timelinePoint(0.2, held + 300, 6),
    timelinePoint(0.3, MIB, 8),
  ];
  assert.equal(peakPoint(timeline), timeline[2]);
  // A real step up, past the hair that counts as the same peak, is a new peak.
  const rising = [...timeline.slice(0, 4), timelinePoint(0.25, held * 1.05, 7)];
  assert.equal(peakPoint(rising), rising[4]);
  // A tie goes to the line that reached the peak first.
  assert.equal(peakPoint([timelinePoint(0, held, 2), timelinePoint(0.1, held, 3)])?.line, 2);
  assert.equal(peakPoint([]), undefined);
});
