// What the editor says about a measured line: the text after it ("measured peak
// 35.2 MiB · held at end 7.7 MiB · estimated 36 MiB", or a shorter form where the line
// leaves less room: labelFit.ts) and its hover (the full text, the figures and where the
// memory went). Free of the vscode API so that it can be tested on its own.
import { dirname } from 'node:path';
import type { LineEstimate } from '../../../server/src/features/lineEstimatesProtocol';
import type { AllocationSite, LineMeasurement } from '../../../server/src/measure/result';
import { shownSites, siteChain, siteCode } from '../../../server/src/measure/sites';
import { bytesWithExact, formatCount, shortBytes, totalFigure } from '../../../server/src/sizes/format';

/** Lines shown: the largest, at most this many, and none under MIN_BYTES both at the peak and at the end. */
const MAX_LINES = 50;
const MIN_BYTES = 1024;

/** The lines worth a decoration, in the tracer's order: largest at the peak first, then largest at the end. */
export function shownMeasurements(lines: readonly LineMeasurement[]): readonly LineMeasurement[] {
  return lines.filter((line) => line.bytes >= MIN_BYTES || line.allocatedBytes >= MIN_BYTES).slice(0, MAX_LINES);
}

/** "measured peak 35.2 MiB · held at end 7.7 MiB", or one figure when both read the same. */
function measuredFigures(line: LineMeasurement): string {
  const peak = shortBytes(line.bytes);
  const end = shortBytes(line.allocatedBytes);
  return peak === end ? `measured peak ${peak}` : `measured peak ${peak} · held at end ${end}`;
}

/** The estimate as the hover and the inlay hint lead with it. */
function estimatedSize(estimate: LineEstimate): string {
  return totalFigure({
    size: { bytes: estimate.bytes, approximate: estimate.approximate },
    atLeast: estimate.atLeast,
  });
}

/** "measured peak 35.2 MiB · held at end 7.7 MiB · estimated 36 MiB", without the estimate where the model has none. */
export function decorationText(line: LineMeasurement, estimate: LineEstimate | undefined): string {
  const measured = measuredFigures(line);
  return estimate === undefined ? measured : `${measured} · estimated ${estimatedSize(estimate)}`;
}

/**
 * The forms the text after the line can take, longest first: all the words; the same figures
 * in short words ("peak 35.2 MiB · end 7.7 MiB · est. 36 MiB"); the one figure that matters
 * most (the peak, or what was held at the end when the line held nothing at the peak). A
 * partial measurement says so in each, down to the one figure marked partial; only a line
 * too long for that too drops the mark. The hover always says so.
 */
export function labelForms(line: LineMeasurement, estimate: LineEstimate | undefined, partial: boolean): string[] {
  const peak = shortBytes(line.bytes);
  const end = shortBytes(line.allocatedBytes);
  const marked = (text: string) => (partial ? `${text} · partial` : text);
  const short = [`peak ${peak}`, ...(peak === end ? [] : [`end ${end}`])];
  if (estimate !== undefined) short.push(`est. ${estimatedSize(estimate)}`);
  const alone = line.bytes === 0 && line.allocatedBytes > 0 ? `end ${end}` : `peak ${peak}`;
  const forms = [marked(decorationText(line, estimate)), marked(short.join(' · ')), marked(alone)];
  return partial ? [...forms, alone] : forms;
}

/** Inline code that survives backticks in the code. */
function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function blocks(count: number): string {
  return `${formatCount(count)} memory block${count === 1 ? '' : 's'}`;
}

function siteItem(site: AllocationSite, scriptDir: string): string {
  const size = `**${shortBytes(site.bytes)}** in ${blocks(site.count)}`;
  if (site.frames.length === 0) return `- ${size} on this line itself`;
  const code = siteCode(site);
  return `- ${size} at ${inlineCode(siteChain(site, scriptDir))}${code === '' ? '' : `: ${inlineCode(code)}`}`;
}

/** What the line still held at the end, said after what it held at the peak. */
function heldAtEnd(line: LineMeasurement): string {
  if (line.allocatedBytes === line.bytes && line.allocatedCount === line.count)
    return 'It still held as much when the script ended.';
  return `When the script ended it still held ${bytesWithExact(line.allocatedBytes)} in ${blocks(line.allocatedCount)}.`;
}

/** The hover of a measured line: what it held at the peak and at the end, the model's estimate, and its largest allocation sites. */
export function measuredLineMarkdown(
  line: LineMeasurement,
  estimate: LineEstimate | undefined,
  script: string,
  partial = false,
): string {
  const scriptDir = dirname(script);
  const parts = [
    `**memhints: ${decorationText(line, estimate)}${partial ? ' · partial' : ''}**`,
    ...(partial
      ? [
          'Partial: the script was stopped before its end (cancelled, or at the time limit); these are the figures of what it had done by then.',
        ]
      : []),
    `This line held ${bytesWithExact(line.bytes)} in ${blocks(line.count)} when the traced memory peaked (tracemalloc, with what it called). ${heldAtEnd(line)}`,
    estimate === undefined
      ? 'The size model has no estimate for this line.'
      : `Estimated by the size model (as on hover): ${estimatedSize(estimate)} for ${estimate.what}.`,
  ];
  const sites = shownSites(line.sites);
  if (sites.length > 0)
    parts.push(
      'Largest allocation sites at the peak, innermost frame first:',
      sites.map((site) => siteItem(site, scriptDir)).join('\n'),
    );
  return parts.join('\n\n');
}
