// One VS Code for a describe block: code-server with the packaged extension,
// chromium showing a fresh copy of examples/, all torn down afterwards.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it, type TestContext } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { openWorkbench, type OpenWorkbench, type Viewport } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { Workbench } from './workbench';
import { copyExamples, makeTempDir, type TempDir } from './workspace';

export const VSIX = join(REPO_ROOT, 'memhints.vsix');
const SCENARIO_TIMEOUT_MS = 180_000;

export interface VsCodeOptions {
  workspaceTrustPrompts?: boolean;
  /** Files added to the workspace (a copy of examples/), by path relative to it. */
  workspaceFiles?: Readonly<Record<string, string>>;
  /** Settings of the User level (code-server's User/settings.json). */
  userSettings?: Readonly<Record<string, unknown>>;
  /** The browser window's size, 1400 × 1000 unless given. */
  viewport?: Viewport;
}

export interface VsCodeSession {
  workbench(): Workbench;
  /** The folder VS Code has open. */
  folder(): string;
  server(): CodeServer;
  /** A test that keeps a screenshot of the screen when it fails; `skip` says why it is skipped. */
  scenario(
    name: string,
    body: (workbench: Workbench, t: TestContext) => Promise<void>,
    options?: { skip?: string | false },
  ): void;
}

/** Registers before/after hooks in the enclosing describe block. */
export function useVsCode(options: VsCodeOptions = {}): VsCodeSession {
  let temp: TempDir | undefined;
  let folder: string | undefined;
  let server: CodeServer | undefined;
  let browser: OpenWorkbench | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first`);
    temp = makeTempDir('memhints-e2e-');
    folder = copyExamples(temp.path, options.workspaceFiles);
    server = await startCodeServer({
      vsix: VSIX,
      stateDir: temp.path,
      workspaceTrustPrompts: options.workspaceTrustPrompts ?? false,
      ...(options.userSettings && { userSettings: options.userSettings }),
    });
    browser = await openWorkbench(server.url, folder, options.viewport);
    workbench = new Workbench(browser.page);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    temp?.remove();
  });

  const session: VsCodeSession = {
    workbench() {
      assert.ok(workbench, 'the workbench did not open');
      return workbench;
    },
    server() {
      assert.ok(server, 'code-server did not start');
      return server;
    },
    folder() {
      assert.ok(folder, 'the workspace was not made');
      return folder;
    },
    scenario(name, body, { skip = false } = {}) {
      it(name, { timeout: SCENARIO_TIMEOUT_MS, skip }, async (t) => {
        const current = session.workbench();
        try {
          await body(current, t);
        } catch (error) {
          const shot = await current.screenshot(`failed-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
          if (shot && error instanceof Error) error.message += `\n(screen at failure: ${shot})`;
          throw error;
        }
      });
    },
  };
  return session;
}
