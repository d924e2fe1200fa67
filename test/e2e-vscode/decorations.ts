// Text that decorations add after the editor's lines (drawn with CSS ::after, so not in the lines' text).
import type { Page } from 'playwright-core';

const VIEW_LINES = '.part.editor .monaco-editor .view-lines';

export interface DecoratedLine {
  /** The line's own text. */
  readonly text: string;
  /** What decorations draw on it, in order. */
  readonly decorations: readonly string[];
  /** Where on screen the last thing drawn after the line ends (px from the page's left); undefined when nothing is. */
  readonly decorationsEnd: number | undefined;
}

/** The editor's shown lines, top to bottom, each with the text decorations draw on it. */
export async function decoratedLines(page: Page): Promise<DecoratedLine[]> {
  return page
    .locator(VIEW_LINES)
    .first()
    .evaluate((element) => {
      const lines = [...element.querySelectorAll<HTMLElement>('.view-line')];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      const drawn = (node: Element): string[] =>
        ['::before', '::after']
          .map((pseudo) => getComputedStyle(node, pseudo).content)
          .filter((content) => content !== 'none' && content !== 'normal' && content !== '""')
          .map((content) => content.replace(/^"|"$/g, '').replace(/\\"/g, '"'));
      return lines.map((line) => {
        const decorated = [...line.querySelectorAll('*')].filter((node) => drawn(node).length > 0);
        return {
          text: globalThis.memhintsPage.lineText(line),
          decorations: decorated.flatMap(drawn),
          // A decoration's ::after is drawn inside its (empty) span, so the span's box ends where the words do.
          decorationsEnd:
            decorated.length > 0 ? Math.max(...decorated.map((node) => node.getBoundingClientRect().right)) : undefined,
        };
      });
    });
}
