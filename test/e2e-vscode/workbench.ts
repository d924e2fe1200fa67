// What a user does in the VS Code workbench, one method per gesture, each
// reading back what is shown on screen.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths';
import { waitFor, type WaitOptions } from './waits';

export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

const EDITOR = '.part.editor .monaco-editor';
const QUICK_INPUT = '.quick-input-widget';
// The quick-fix menu, not the (empty) submenu panel that shares its class.
const ACTION_MENU = '.action-widget:not(.action-list-submenu-panel)';
const HOVER = '.monaco-hover';

/** Where a piece of text sits on screen, to point the mouse at. */
interface Point {
  x: number;
  y: number;
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Ctrl+P, the file's name, pick it; resolves once its editor shows the text. */
  async openFile(name: string): Promise<void> {
    await this.openTab(name);
    await waitFor(`${name} to be shown in the editor`, async () =>
      (await this.editorLines()).length > 1 ? true : undefined,
    );
  }

  /** Ctrl+P, the file's name, pick it; resolves once its editor tab is the active one. */
  async openTab(name: string): Promise<void> {
    await (await this.quickOpen('Control+P', name)).click();
    await waitFor(`an editor tab for ${name}`, async () =>
      (await this.page.locator('.tab.active', { hasText: name }).count()) > 0 ? true : undefined,
    );
  }

  /** The command palette, a command's title, pick it. */
  async runCommand(title: string): Promise<void> {
    await (await this.quickOpen('Control+Shift+P', `>${title}`)).click();
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  }

  /**
   * The command palette's choices for `query` once `expected` is among them
   * (so the list has settled), then the palette is closed again.
   */
  async commandChoices(query: string, expected: string): Promise<string[]> {
    const rows = this.page.locator(`${QUICK_INPUT} .monaco-list-row`);
    await this.quickOpen('Control+Shift+P', `>${query}`, expected);
    const choices = await rows.allTextContents();
    await this.pressEscape();
    return choices;
  }

  /** The text of the editor's lines as shown, top to bottom. */
  async editorLines(): Promise<string[]> {
    return this.page
      .locator(`${EDITOR} .view-lines`)
      .first()
      .evaluate((element) => {
        const lines = [...element.querySelectorAll<HTMLElement>('.view-line')];
        lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
        return lines.map((line) => globalThis.memhintsPage.lineText(line));
      });
  }

  async waitForEditorLine(what: string, matches: (line: string) => boolean, options?: WaitOptions): Promise<string> {
    return waitFor(what, async () => (await this.editorLines()).find(matches), options);
  }

  /** The warning squiggles drawn in the editor. */
  squiggles(): Locator {
    return this.page.locator(`${EDITOR} .squiggly-warning`);
  }

  async waitForSquiggles(options?: WaitOptions): Promise<number> {
    return waitFor(
      'a warning squiggle in the editor',
      async () => {
        const count = await this.squiggles().count();
        return count > 0 ? count : undefined;
      },
      options,
    );
  }

  /**
   * The text of each editor line under a squiggle of `severity`, top to
   * bottom. A hint's squiggle is three dots under its first two characters,
   * so the line it sits on is what tells which finding it marks.
   */
  async squiggledLines(severity: 'warning' | 'info' | 'hint'): Promise<string[]> {
    return this.page
      .locator(EDITOR)
      .first()
      .evaluate((editor, className) => {
        const lines = [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')];
        const shown: { top: number; text: string }[] = [];
        for (const squiggle of editor.querySelectorAll(`.${className}`)) {
          const box = squiggle.getBoundingClientRect();
          const middle = box.top + box.height / 2;
          const line = lines.find((candidate) => {
            const lineBox = candidate.getBoundingClientRect();
            return middle >= lineBox.top && middle <= lineBox.bottom;
          });
          if (line) shown.push({ top: box.top, text: globalThis.memhintsPage.lineText(line) });
        }
        return shown.sort((a, b) => a.top - b.top).map((line) => line.text);
      }, `squiggly-${severity}`);
  }

  /** Ctrl+Shift+M, then the text of each entry the Problems panel lists. */
  async problems(): Promise<string[]> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await waitFor('entries in the Problems panel', async () => ((await rows.count()) > 0 ? true : undefined));
    return rows.allTextContents();
  }

  /** The text of the status bar item with the given accessible name, once it shows. */
  async statusBarItem(name: string): Promise<string> {
    const item = this.page
      .locator(`.statusbar-item[aria-label*="${name}"], .statusbar-item:has-text("${name}")`)
      .first();
    return waitFor(`the "${name}" status bar item`, async () =>
      (await item.isVisible()) ? ((await item.textContent()) ?? '') : undefined,
    );
  }

  async waitForProblem(what: string, matches: (entry: string) => boolean): Promise<string> {
    return waitFor(what, async () => (await this.problems()).find(matches));
  }

  /** Ctrl+End in the editor, then types `text` as a user would. */
  async typeAtEnd(text: string): Promise<void> {
    await this.page.locator(`${EDITOR} .view-lines`).first().click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /**
   * Answers "No" if VS Code asks whether to trust the folder (the web workbench
   * may skip the question and open in Restricted Mode), then waits for the
   * status bar's "Restricted Mode" item.
   */
  async declineWorkspaceTrust(): Promise<void> {
    const decline = this.page.locator('.monaco-dialog-box .monaco-button', {
      hasText: "No, I don't trust the authors",
    });
    const restricted = this.page.locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' });
    const shown = await waitFor('the workspace trust question or "Restricted Mode" in the status bar', async () => {
      if ((await decline.count()) > 0) return 'question';
      return (await restricted.count()) > 0 ? 'restricted' : undefined;
    });
    if (shown === 'question') {
      await decline.first().click();
      await this.page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
    }
    await waitFor('"Restricted Mode" in the status bar', async () =>
      (await restricted.count()) > 0 ? true : undefined,
    );
  }

  /** The messages of the notifications on screen, once at least one shows. */
  async notifications(): Promise<string[]> {
    const messages = this.page.locator('.notification-list-item-message');
    await waitFor('a notification', async () => ((await messages.count()) > 0 ? true : undefined));
    return messages.allTextContents();
  }

  /** Clicks `button` on the notification whose message matches `message`, once it shows. */
  async clickNotificationButton(message: RegExp, button: string): Promise<void> {
    const notification = this.page.locator('.notification-list-item', {
      has: this.page.locator('.notification-list-item-message', { hasText: message }),
    });
    const choice = notification.locator('.monaco-button', { hasText: button }).first();
    await waitFor(`a notification saying ${message} with a "${button}" button`, async () =>
      (await choice.isVisible()) ? true : undefined,
    );
    await choice.click();
  }

  /**
   * The content of the webview panel shown: VS Code draws a webview as an iframe
   * (iframe.webview, laid over the editor group rather than inside it) whose page
   * holds the extension's page in another (#active-frame).
   */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** The line of the cursor in the active text editor, as the status bar says ("Ln 4, Col 5"). */
  async cursorLine(): Promise<number> {
    const text = await this.page.locator('[id="status.editor.selection"]').textContent();
    const line = /Ln (\d+)/.exec(text ?? '')?.[1];
    if (line === undefined) throw new Error(`the status bar shows no cursor position: ${JSON.stringify(text)}`);
    return Number(line);
  }

  async closePanel(): Promise<void> {
    if (await this.page.locator('.part.panel').isVisible()) await this.runCommand('View: Hide Panel');
  }

  /** Clicks into the text, just after the first occurrence of `text` on the line that contains it. */
  async clickInto(text: string): Promise<void> {
    const point = await this.pointAt(text, 1);
    await this.page.mouse.click(point.x, point.y);
  }

  /** Ctrl+. and the titles the quick-fix menu offers. */
  async quickFixMenu(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator(`${ACTION_MENU} .monaco-list-row.action`);
    await waitFor('the quick-fix menu', async () => ((await rows.count()) > 0 ? true : undefined));
    return (await rows.allTextContents()).map((title) => title.trim());
  }

  async chooseQuickFix(title: string): Promise<void> {
    await this.page.locator(`${ACTION_MENU} .monaco-list-row.action`, { hasText: title }).first().click();
    await this.page.locator(ACTION_MENU).waitFor({ state: 'hidden' });
  }

  async pressEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Rests the mouse on `text` and returns what the hover shows, or undefined when none shows. */
  async hoverOver(text: string, options?: WaitOptions): Promise<string | undefined> {
    return this.hoverShown(text, async (hover) => (await hover.textContent()) ?? '', options);
  }

  /** As hoverOver, the text of each paragraph and list item the hover shows, in order. */
  async hoverLinesOver(text: string, options?: WaitOptions): Promise<string[] | undefined> {
    const blocks = await this.hoverShown(text, (hover) => hover.locator('p, li').allTextContents(), options);
    return blocks?.map((block) => block.trim()).filter((block) => block !== '');
  }

  /** The inlay hints shown on the line whose own text holds `code`, left to right. */
  async inlayHintsOn(code: string): Promise<string[]> {
    return this.shownText().evaluate((element, wanted) => {
      const page = globalThis.memhintsPage;
      const line = [...element.querySelectorAll('.view-line')].find((candidate) =>
        page.lineText(candidate).includes(wanted),
      );
      return [...(line?.querySelectorAll('span') ?? [])]
        .filter((span) => page.isInlayHint(span))
        .map((span) => (span.textContent ?? '').replace(/\u00a0/g, ' ').trim())
        .filter((text) => text !== '');
    }, code);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Moves the mouse off and back onto `text`, then reads the hover that shows with `read`. */
  private async hoverShown<T>(
    text: string,
    read: (hover: Locator) => Promise<T>,
    options?: WaitOptions,
  ): Promise<T | undefined> {
    await this.pressEscape();
    await this.page.mouse.move(0, 0);
    const point = await this.pointAt(text, Math.floor(text.length / 2));
    await this.page.mouse.move(point.x, point.y);
    const hover = this.page.locator(HOVER).filter({ visible: true, hasText: /\S/ });
    try {
      return await waitFor(
        `a hover over "${text}"`,
        async () => ((await hover.count()) > 0 ? read(hover.first()) : undefined),
        options,
      );
    } catch {
      return undefined;
    }
  }

  /** Opens the quick input with `shortcut`, types `query`, and returns the first choice that shows `wanted` (the query itself by default). */
  private async quickOpen(shortcut: string, query: string, wanted = query.replace(/^>/, '')): Promise<Locator> {
    await this.page.keyboard.press(shortcut);
    const input = this.page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible' });
    await input.fill(query);
    const choice = this.page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: wanted });
    await waitFor(`"${wanted}" among the choices after ${shortcut}`, async () =>
      (await choice.count()) > 0 ? true : undefined,
    );
    return choice.first();
  }

  /** Where clickInto and hoverOver look for text: the lines of the text editor. */
  protected shownText(): Locator {
    return this.page.locator(`${EDITOR} .view-lines`).first();
  }

  /** Screen position of the character at `offset` within the first shown occurrence of `text`. */
  private async pointAt(text: string, offset: number): Promise<Point> {
    const point = await this.shownText().evaluate(
      (element, [wanted, at]) => {
        for (const line of element.querySelectorAll<HTMLElement>('.view-line')) {
          const shown = globalThis.memhintsPage.lineText(line);
          const start = shown.indexOf(wanted as string);
          if (start < 0) continue;
          let target = start + (at as number);
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (globalThis.memhintsPage.inInlayHint(node)) continue;
            const length = node.textContent?.length ?? 0;
            if (target < length) {
              const range = document.createRange();
              range.setStart(node, target);
              range.setEnd(node, target + 1);
              const box = range.getBoundingClientRect();
              return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
            }
            target -= length;
          }
        }
        return null;
      },
      [text, offset] as const,
    );
    if (!point) throw new Error(`"${text}" is not shown in the editor`);
    return point;
  }
}
