// The webview page of "memhints: Show memory timeline": the CLI's own SVG under a policy
// that loads nothing, and a script (run here in a VM with a stand-in DOM) whose click on
// the peak becomes the message the editor turns into a line to go to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { contentSecurityPolicy, newNonce, requestedLine, timelinePage } from '../../client/src/measure/timelinePage';
import { timelineSvg } from '../../server/src/measure/timelinePlot';
import { timelinePoint, tracerResultOf } from '../support/tracerResults';

const MIB = 1024 * 1024;
const SVG = timelineSvg({
  file: 'a.py',
  result: tracerResultOf([timelinePoint(0, 0, 1), timelinePoint(0.1, 40 * MIB, 5), timelinePoint(0.3, 10 * MIB, null)]),
  source: () => 'rows = [parse(line) for line in lines]',
});

function page(nonce = newNonce(), svg = SVG): string {
  return timelinePage({ svg, heading: 'a<b>.py, measured at 10:00:00', peakLine: 5, nonce });
}

test('the page shows the very SVG the CLI writes, under its heading and a hint to click the peak', () => {
  const html = page();
  assert.ok(html.includes(SVG.trim()), 'the plot is embedded unchanged');
  assert.match(html, /<h1>a&lt;b&gt;\.py, measured at 10:00:00<\/h1>/);
  assert.match(html, /Click the peak to go to line 5\./);
  const idle = timelinePage({ svg: SVG, heading: 'a.py', peakLine: undefined, nonce: newNonce() });
  assert.match(idle, /No line of the script was running at the peak\./);
});

test('the content security policy loads nothing from anywhere, and only tags with the nonce run', () => {
  const nonce = newNonce();
  const html = page(nonce);
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.equal(policy?.replace(/&apos;/g, "'"), contentSecurityPolicy(nonce));
  const directives = new Map(
    contentSecurityPolicy(nonce)
      .split('; ')
      .map((directive) => [directive.split(' ')[0]!, directive.split(' ').slice(1)]),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(directives.get('style-src'), [`'nonce-${nonce}'`]);
  // Every script and style carries the nonce; nothing is fetched; no inline handlers or style attributes.
  const tags = [...html.matchAll(/<(script|style)\b([^>]*)>/g)];
  assert.equal(tags.length, 2);
  for (const [, , attributes] of tags) assert.equal(attributes, ` nonce="${nonce}"`);
  assert.doesNotMatch(html, /\s(src|href|style|on[a-z]+)=/i);
  assert.deepEqual(
    [...html.matchAll(/https?:\/\/[^\s"')]+/g)].map(([url]) => url),
    ['http://www.w3.org/2000/svg'],
    'the SVG namespace is a name, not a fetch',
  );
});

test('each page gets a nonce of its own: 128 random bits', () => {
  const nonces = new Set(Array.from({ length: 20 }, newNonce));
  assert.equal(nonces.size, 20);
  for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
});

/** A stand-in for the peak's <g> element: its data-line and the listeners the script adds. */
class FakePeak {
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, (event: unknown) => void>();
  constructor(readonly dataset: Record<string, string>) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, listener);
  }
}

/** Runs the page's script with the peak of `svg` (as the browser would parse its data-line) and returns what it posts. */
function runPageScript(svg: string): { peak: FakePeak | null; posted: unknown[] } {
  const script = /<script nonce="[^"]+">([\s\S]*?)<\/script>/.exec(page(newNonce(), svg))![1]!;
  const line = /<g id="peak"(?: data-line="(\d+)")?>/.exec(svg);
  const peak = line ? new FakePeak(line[1] === undefined ? {} : { line: line[1] }) : null;
  const posted: unknown[] = [];
  runInNewContext(script, {
    acquireVsCodeApi: () => ({ postMessage: (message: unknown) => posted.push(message) }),
    document: { getElementById: (id: string) => (id === 'peak' ? peak : null) },
  });
  return { peak, posted };
}

test('a click on the peak, or Enter on it, posts the line the editor goes to; a peak without a line posts nothing', () => {
  const { peak, posted } = runPageScript(SVG);
  assert.equal(peak?.attributes.get('role'), 'link');
  assert.equal(peak?.attributes.get('tabindex'), '0');
  peak!.listeners.get('click')!({});
  peak!.listeners.get('keydown')!({ key: 'Enter', preventDefault: () => undefined });
  peak!.listeners.get('keydown')!({ key: 'a', preventDefault: () => undefined });
  assert.equal(posted.length, 2);
  for (const message of posted) assert.equal(requestedLine(message, 10), 5);

  const noLine = timelineSvg({
    file: 'a.py',
    result: tracerResultOf([timelinePoint(0, 0, null), timelinePoint(0.1, MIB, null)]),
    source: () => '',
  });
  const silent = runPageScript(noLine);
  assert.ok(silent.peak, 'the peak is still marked');
  assert.equal(silent.peak.listeners.size, 0);
  assert.equal(silent.posted.length, 0);
});

test('only a well-formed message naming a line of the file is a line to go to', () => {
  assert.equal(requestedLine({ type: 'revealLine', line: 3 }, 3), 3);
  for (const message of [
    { type: 'revealLine', line: 4 },
    { type: 'revealLine', line: 0 },
    { type: 'revealLine', line: 1.5 },
    { type: 'revealLine', line: '2' },
    { type: 'other', line: 2 },
    null,
    'revealLine',
    undefined,
  ])
    assert.equal(requestedLine(message, 3), undefined, JSON.stringify(message));
});
