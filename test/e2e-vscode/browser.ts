// Debian's chromium, driven by playwright-core, showing code-server's workbench.
import { chromium, type Browser, type Page } from 'playwright-core';
import { installPageText } from './pageText';
import { MAX_WAIT_MS } from './waits';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenWorkbench {
  page: Page;
  close(): Promise<void>;
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

const DEFAULT_VIEWPORT: Viewport = { width: 1400, height: 1000 };

/** Opens `folder` in the workbench served at `url` and waits until the workbench is shown. */
export async function openWorkbench(
  url: string,
  folder: string,
  viewport: Viewport = DEFAULT_VIEWPORT,
): Promise<OpenWorkbench> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    timeout: MAX_WAIT_MS,
  });
  try {
    const page = await browser.newPage({ viewport: { ...viewport } });
    page.setDefaultTimeout(MAX_WAIT_MS);
    await page.addInitScript(installPageText);
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout: MAX_WAIT_MS });
    await page.waitForSelector('.monaco-workbench', { timeout: MAX_WAIT_MS });
    return { page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
