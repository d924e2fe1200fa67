// `memhints measure --plot FILE.svg`: the timeline as a standalone SVG, time across and
// memory up, the traced memory and the process's resident set as two lines, and the
// highest sample marked with its size and the line of the script running then.
import { shortBytes } from '../sizes/format';
import { peakPoint } from './peakPoint';
import { byteTicks, roundTicks } from './plotTicks';
import { isPartial, type TimelinePoint, type TracerResult } from './result';

export interface PlotInput {
  /** As shown to the user. */
  readonly file: string;
  readonly result: TracerResult;
  /** The source of a line of the script, for the peak's label; undefined when unknown. */
  readonly source: (line: number) => string | undefined;
}

const WIDTH = 800;
const HEIGHT = 420;
const LEFT = 84;
const RIGHT = 24;
const TOP = 64;
const BOTTOM = 56;
/** The colours of the traced memory's line, the resident set's line, and the peak's mark and label. */
export const PLOT_COLOURS = { traced: '#1f6fb2', rss: '#d9822b', peak: '#b00020' } as const;
const { traced: TRACED_COLOUR, rss: RSS_COLOUR, peak: PEAK_COLOUR } = PLOT_COLOURS;
const LABEL_WIDTH = 72;

export function timelineSvg(input: PlotInput): string {
  const { result } = input;
  const points = result.timeline;
  const highest = peakPoint(points);
  const seconds = roundTicks(Math.max(result.seconds, ...points.map((point) => point.seconds), 1e-3));
  const bytes = byteTicks(
    Math.max(result.peakBytes, ...points.map((point) => Math.max(point.tracedBytes, point.rssBytes ?? 0)), 1024),
  );
  const x = (value: number) => LEFT + (value / seconds.max) * (WIDTH - LEFT - RIGHT);
  const y = (value: number) => HEIGHT - BOTTOM - (value / bytes.max) * (HEIGHT - TOP - BOTTOM);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    text(
      LEFT,
      24,
      `Memory of ${input.file} over time (Python ${result.python}, ${points.length} samples${isPartial(result.outcome) ? ', partial' : ''})`,
      {
        'font-size': 15,
        'font-weight': 'bold',
      },
    ),
  ];
  for (const [index, value] of bytes.values.entries()) {
    out.push(line(LEFT, y(value), WIDTH - RIGHT, y(value), '#e4e4e4'));
    out.push(text(LEFT - 8, y(value) + 4, bytes.labels[index]!, { 'text-anchor': 'end' }));
  }
  for (const value of seconds.values) {
    out.push(line(x(value), HEIGHT - BOTTOM, x(value), HEIGHT - BOTTOM + 5, '#555'));
    out.push(text(x(value), HEIGHT - BOTTOM + 19, `${value} s`, { 'text-anchor': 'middle' }));
  }
  out.push(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, '#555'));
  out.push(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, '#555'));
  out.push(
    text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 14, 'seconds since the script started', { 'text-anchor': 'middle' }),
  );
  const withRss = points.filter((point) => point.rssBytes !== null);
  if (withRss.length > 0)
    out.push(
      polyline(
        withRss.map((point) => [x(point.seconds), y(point.rssBytes!)]),
        RSS_COLOUR,
      ),
    );
  if (points.length > 0)
    out.push(
      polyline(
        points.map((point) => [x(point.seconds), y(point.tracedBytes)]),
        TRACED_COLOUR,
      ),
    );
  out.push(...legend(withRss.length > 0));
  if (highest !== undefined) out.push(...peakMark(highest, input, x(highest.seconds), y(highest.tracedBytes)));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The words beside the highest sample: its size, and the line running then with its source. */
export function peakLabel(point: TimelinePoint, source: (line: number) => string | undefined): string {
  const size = `peak ${shortBytes(point.tracedBytes)}`;
  if (point.line === null) return `${size}, no line of the script running`;
  const code = source(point.line)?.trim() ?? '';
  const shown = code.length <= LABEL_WIDTH ? code : `${code.slice(0, LABEL_WIDTH - 1)}…`;
  return `${size} at line ${point.line}${shown === '' ? '' : `: ${shown}`}`;
}

/** The circle and its label, grouped with the line they name (data-line) so that a viewer can go to it. */
function peakMark(point: TimelinePoint, input: PlotInput, px: number, py: number): string[] {
  const label = peakLabel(point, input.source);
  // Left of the mark when it lies in the right half, so that the words stay inside the plot.
  const leftwards = px > (LEFT + WIDTH - RIGHT) / 2;
  const ty = Math.max(py - 10, TOP - 4);
  return [
    `<g id="peak"${point.line === null ? '' : ` data-line="${point.line}"`}>`,
    `<circle id="peak-mark" cx="${fixed(px)}" cy="${fixed(py)}" r="5" fill="none" stroke="${PEAK_COLOUR}" stroke-width="2"/>`,
    text(leftwards ? px - 9 : px + 9, ty, label, {
      'text-anchor': leftwards ? 'end' : 'start',
      fill: PEAK_COLOUR,
      id: 'peak-label',
    }),
    '</g>',
  ];
}

function legend(withRss: boolean): string[] {
  const entries: [string, string][] = [['traced by tracemalloc', TRACED_COLOUR]];
  if (withRss) entries.push(['resident set of the process', RSS_COLOUR]);
  return entries.flatMap(([name, colour], index) => {
    const ly = TOP - 20;
    const lx = LEFT + index * 200;
    return [line(lx, ly, lx + 22, ly, colour, 3), text(lx + 28, ly + 4, name)];
  });
}

const fixed = (value: number) => value.toFixed(1);

function line(x1: number, y1: number, x2: number, y2: number, colour: string, width = 1): string {
  return `<line x1="${fixed(x1)}" y1="${fixed(y1)}" x2="${fixed(x2)}" y2="${fixed(y2)}" stroke="${colour}" stroke-width="${width}"/>`;
}

function polyline(points: readonly [number, number][], colour: string): string {
  const coordinates = points.map(([px, py]) => `${fixed(px)},${fixed(py)}`).join(' ');
  return `<polyline points="${coordinates}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/>`;
}

function text(tx: number, ty: number, content: string, attributes: Record<string, string | number> = {}): string {
  const extra = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
  return `<text x="${fixed(tx)}" y="${fixed(ty)}"${extra}>${escapeXml(content)}</text>`;
}

/** Text and attribute values as XML takes them. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
