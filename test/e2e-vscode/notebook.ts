// A Jupyter notebook open in VS Code's notebook editor, read as a user sees it:
// cells, the text under each squiggle, which cell has the focus. The notebook
// editor draws its cells in an overlay outside the editor part, one small text
// editor per cell.
import type { Locator } from 'playwright-core';
import { waitFor, type WaitOptions } from './waits';
import { Workbench } from './workbench';

const CELL_LIST = '.notebookOverlay .cell-list-container';
const CODE_CELL = `${CELL_LIST} .monaco-list-row.code-cell-row`;

export interface ShownCell {
  /** 1-based, counting Markdown cells too, as the status bar's "Cell 3 of 5" does. */
  number: number;
  text: string;
}

export interface Squiggle {
  cell: number;
  /** The characters the squiggle underlines. */
  text: string;
}

export class NotebookEditor extends Workbench {
  /** Ctrl+P, the notebook's name, pick it; resolves once its code cells show text. */
  async openNotebook(name: string): Promise<void> {
    await this.openTab(name);
    await waitFor(`the code cells of ${name}`, async () =>
      (await this.codeCells()).some((cell) => cell.text.trim() !== '') ? true : undefined,
    );
  }

  /** The code cells shown, top to bottom, each with its lines joined by newlines. */
  async codeCells(): Promise<ShownCell[]> {
    const cells = await this.page.locator(CODE_CELL).evaluateAll((rows) =>
      rows.map((row) => {
        const lines = [...row.querySelectorAll<HTMLElement>('.view-line')];
        lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
        const text = lines.map((line) => globalThis.memhintsPage.lineText(line)).join('\n');
        return { number: Number(row.getAttribute('data-index')) + 1, text };
      }),
    );
    return cells.sort((a, b) => a.number - b.number);
  }

  async waitForCell(what: string, matches: (text: string) => boolean, options?: WaitOptions): Promise<ShownCell> {
    return waitFor(what, async () => (await this.codeCells()).find((cell) => matches(cell.text)), options);
  }

  /** Each warning squiggle drawn in a cell, with the characters beneath it. */
  async squiggledTexts(): Promise<Squiggle[]> {
    return this.page
      .locator(CELL_LIST)
      .first()
      .evaluate((list) =>
        [...list.querySelectorAll<HTMLElement>('.code-cell-row .squiggly-warning')].map((squiggle) => {
          const row = squiggle.closest('.monaco-list-row');
          const under = squiggle.getBoundingClientRect();
          const within = (box: DOMRect) => {
            const x = box.left + box.width / 2;
            const y = box.top + box.height / 2;
            return x > under.left && x < under.right && y > under.top && y < under.bottom;
          };
          let text = '';
          for (const line of squiggle.closest('.monaco-editor')?.querySelectorAll('.view-line') ?? []) {
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (globalThis.memhintsPage.inInlayHint(node)) continue;
              for (let at = 0; at < (node.textContent?.length ?? 0); at++) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + 1);
                if (within(range.getBoundingClientRect())) text += range.toString();
              }
            }
          }
          return { cell: Number(row?.getAttribute('data-index')) + 1, text: text.replace(/\u00a0/g, ' ') };
        }),
      );
  }

  async waitForSquiggledText(what: string, matches: (squiggle: Squiggle) => boolean): Promise<Squiggle> {
    return waitFor(what, async () => (await this.squiggledTexts()).find(matches));
  }

  /** End, then types `text` as a user would. */
  async typeAtLineEnd(text: string): Promise<void> {
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  /** Ctrl+Z where the cursor is. */
  async undo(): Promise<void> {
    await this.page.keyboard.press('Control+Z');
  }

  /** The number of the cell that has the focus. */
  async focusedCell(): Promise<number | undefined> {
    const focused = this.page.locator(`${CELL_LIST} .monaco-list-row.focused`);
    return (await focused.count()) > 0 ? Number(await focused.first().getAttribute('data-index')) + 1 : undefined;
  }

  /** Clicks the Problems panel entry whose text `matches`. */
  async clickProblem(matches: (entry: string) => boolean): Promise<void> {
    await this.problems();
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    const texts = await rows.allTextContents();
    const index = texts.findIndex(matches);
    if (index < 0) throw new Error(`no Problems entry matches: ${JSON.stringify(texts)}`);
    await rows.nth(index).click();
  }

  /** clickInto and hoverOver look for text in every cell. */
  protected override shownText(): Locator {
    return this.page.locator(CELL_LIST).first();
  }
}
