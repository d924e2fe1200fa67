// The page "memhints: Show memory timeline" shows in a webview: the same SVG that
// `memhints measure --plot` writes, and a script that turns a click on the peak into a
// message asking the editor to go to its line. Nothing is loaded from anywhere: the
// content security policy allows no source at all but the page's own nonce-tagged
// style and script. Kept free of the vscode API so that it can be tested on its own.
import { randomBytes } from 'node:crypto';
import { escapeXml } from '../../../server/src/measure/timelinePlot';

export interface TimelinePageInput {
  /** The plot, as timelineSvg draws it. */
  readonly svg: string;
  /** What the page says above the plot: the file and when it was measured. */
  readonly heading: string;
  /** The line the peak names, if any: the page says that a click goes there. */
  readonly peakLine: number | undefined;
  /** Fresh for every page: only the style and script carrying it run. */
  readonly nonce: string;
}

/** The message the page posts when the peak is clicked. */
interface RevealLineMessage {
  readonly type: 'revealLine';
  /** 1-based. */
  readonly line: number;
}

/** A nonce as CSP takes it: 128 random bits in base64. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The policy: nothing from anywhere, the page's own style and script by their nonce. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'none'",
    "font-src 'none'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const STYLE = `
body { padding: 12px 16px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
h1 { font-size: 1.1em; font-weight: 600; margin: 0 0 8px; }
p { margin: 8px 0; color: var(--vscode-descriptionForeground); }
svg { display: block; width: 100%; max-width: 800px; height: auto; }
#peak[data-line] { cursor: pointer; }
#peak[data-line]:hover #peak-label, #peak[data-line]:focus #peak-label { text-decoration: underline; }
#peak[data-line]:focus { outline: 2px solid var(--vscode-focusBorder); }
`;

/** Runs in the webview: a click on the peak (or Enter on it) asks the editor to go to its line. */
const SCRIPT = `
const vscode = acquireVsCodeApi();
const peak = document.getElementById('peak');
const line = Number(peak && peak.dataset.line);
if (peak && Number.isInteger(line) && line > 0) {
  peak.setAttribute('tabindex', '0');
  peak.setAttribute('role', 'link');
  peak.setAttribute('aria-label', 'Go to line ' + line);
  const reveal = () => vscode.postMessage({ type: 'revealLine', line });
  peak.addEventListener('click', reveal);
  peak.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); reveal(); }
  });
}
`;

export function timelinePage(input: TimelinePageInput): string {
  const hint =
    input.peakLine === undefined
      ? 'No line of the script was running at the peak.'
      : `Click the peak to go to line ${input.peakLine}.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXml(contentSecurityPolicy(input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${escapeXml(input.nonce)}">${STYLE}</style>
</head>
<body>
<h1>${escapeXml(input.heading)}</h1>
${input.svg.trim()}
<p>${escapeXml(hint)}</p>
<script nonce="${escapeXml(input.nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}

/** The line a message from the page asks to go to, if it is such a message and the line is in the file. */
export function requestedLine(message: unknown, lineCount: number): number | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, line } = message as Partial<Record<keyof RevealLineMessage, unknown>>;
  if (type !== 'revealLine' || typeof line !== 'number' || !Number.isInteger(line)) return undefined;
  return line >= 1 && line <= lineCount ? line : undefined;
}
