// A code-server (VS Code's server and web workbench) with the packaged
// extension installed into fresh, throw-away user and extensions folders.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { installedTools, type Tools } from './tools';
import { waitFor } from './waits';

export interface CodeServerOptions {
  /** The .vsix built by `npm run package`. */
  vsix: string;
  /** Where user data, extensions and the log go. */
  stateDir: string;
  /** When false, VS Code asks whether to trust the folder it opens. */
  workspaceTrustPrompts?: boolean;
  /** Written into the User settings, beside the ones that keep the screen quiet. */
  userSettings?: Readonly<Record<string, unknown>>;
}

export interface CodeServer {
  url: string;
  log: string;
  /** Process ids of the memhints language servers this code-server's extension host started. */
  languageServerPids(): number[];
  stop(): Promise<void>;
}

// Settings that keep first-run pages and tips from covering the editor.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  // The web workbench saves after a delay by default, which would defeat
  // "File: Revert File" between scenarios.
  'files.autoSave': 'off',
};

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const tools = installedTools();
  const userDataDir = join(options.stateDir, 'user-data');
  const extensionsDir = join(options.stateDir, 'extensions');
  const log = join(options.stateDir, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.userSettings }, null, 2),
  );
  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  installExtension(tools, dirs, options.vsix);

  const port = await freePort();
  const args = [
    tools.codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrustPrompts ? [] : ['--disable-workspace-trust']),
    ...dirs,
  ];
  const output = createWriteStream(log);
  // Its own process group, so that stopping it also stops the extension host
  // and the language server it started.
  const child = spawn(tools.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withNodeFirst(tools),
  });
  child.stdout?.pipe(output);
  child.stderr?.pipe(output);
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`code-server to answer on ${url} (log: ${log})`, async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}: ${tail(log)}`);
      const response = await fetch(`${url}/healthz`);
      return response.ok ? true : undefined;
    });
  } catch (error) {
    killGroup(child, 'SIGKILL');
    throw error;
  }

  return {
    url,
    log,
    languageServerPids: () => processesRunning(join(extensionsDir, 'memhints.'), join('dist', 'server.js')),
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopGroup(child);
      output.end();
    },
  };
}

function installExtension(tools: Tools, dirs: string[], vsix: string): void {
  const result = spawnSync(tools.node, [tools.codeServerEntry, ...dirs, '--install-extension', vsix], {
    encoding: 'utf8',
    env: withNodeFirst(tools),
    timeout: 60_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}

function withNodeFirst(tools: Tools): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${dirname(tools.node)}:${process.env.PATH ?? ''}` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // children it left behind
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const graceful = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
  ]);
  killGroup(child, 'SIGKILL');
  if (!graceful) await exited;
}

/** Processes whose command line has an argument starting with `prefix` and ending with `suffix`. */
function processesRunning(prefix: string, suffix: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(join('/proc', entry, 'cmdline'), 'utf8').split('\0');
    } catch {
      continue; // it ended while we looked
    }
    if (args.some((arg) => arg.startsWith(prefix) && arg.endsWith(suffix))) pids.push(Number(entry));
  }
  return pids;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}
