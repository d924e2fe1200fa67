// The texts the bench measures: the machine's Python standard library (without
// tests and third-party packages) and one generated 5,000-line module.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineCount } from './measure';

export interface SourceText {
  readonly path: string;
  readonly text: string;
  readonly lines: number;
}

export interface Corpus {
  readonly name: string;
  readonly files: readonly SourceText[];
  readonly lines: number;
}

const SKIPPED_DIRECTORIES = new Set(['site-packages', 'test', 'tests', '__pycache__']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function stdlibDirectory(): string {
  return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  }).trim();
}

/** The stdlib's *.py files that are valid UTF-8, in path order; `limit` keeps the first few (for --quick). */
export function stdlibCorpus(limit?: number): Corpus {
  const root = stdlibDirectory();
  const paths = pythonFiles(root).sort();
  const files: SourceText[] = [];
  for (const path of paths) {
    if (limit !== undefined && files.length >= limit) break;
    const text = utf8Text(path);
    if (text !== undefined) files.push({ path, text, lines: lineCount(text) });
  }
  return corpus(`python ${root}`, files);
}

export function corpus(name: string, files: readonly SourceText[]): Corpus {
  return { name, files, lines: files.reduce((sum, file) => sum + file.lines, 0) };
}

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : pythonFiles(path);
    return entry.isFile() && entry.name.endsWith('.py') ? [path] : [];
  });
}

function utf8Text(path: string): string | undefined {
  try {
    return strictUtf8.decode(readFileSync(path));
  } catch {
    return undefined;
  }
}
