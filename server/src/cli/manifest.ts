// What the CLI reports about itself (--version, SARIF's tool.driver), read from
// the package.json above this file: dist/cli.js or out/server/src/cli/manifest.js.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PackageManifest {
  readonly version: string;
  /** The repository's web address, without a trailing ".git". */
  readonly repositoryUrl: string | undefined;
}

let cached: PackageManifest | undefined;

export function packageManifest(): PackageManifest {
  cached ??= readManifest();
  return cached;
}

function readManifest(): PackageManifest {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    let manifest: { name?: unknown; version?: unknown; repository?: { url?: unknown } };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      continue; // No package.json here; look further up.
    }
    if (manifest.name === 'memhints' && typeof manifest.version === 'string') {
      const url = manifest.repository?.url;
      return {
        version: manifest.version,
        repositoryUrl: typeof url === 'string' ? url.replace(/^git\+/, '').replace(/\.git$/, '') : undefined,
      };
    }
  }
  return { version: 'unknown', repositoryUrl: undefined };
}
