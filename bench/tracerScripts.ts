// The scripts the bench's measure section runs: a loop building dicts, numpy work
// with a temporary at its peak, and the words of a large text file (written here,
// seeded, so that every run reads the same text).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { count } from './format';
import { seeded } from './seeded';

export interface TracerScript {
  readonly name: string;
  /** The file to run, and its arguments. */
  readonly args: readonly string[];
  /** The script needs numpy. */
  readonly numpy: boolean;
}

export interface ScriptSizes {
  readonly dicts: number;
  readonly textBytes: number;
}

const dictLoop = (dicts: number) => `# ${count(dicts)} dicts built in a loop and kept in a list.
rows = []
for number in range(${dicts}):
    rows.append({"id": number, "name": f"row-{number}", "score": number * 0.5, "tags": [number % 7]})
total = sum(row["score"] for row in rows)
print(len(rows), total)
`;

const NUMPY_WORK = `# Arrays made, combined and reduced, with a temporary that sets the peak.
import numpy as np

rng = np.random.default_rng(0)
samples = rng.random((2_000, 1_000))
centered = samples - samples.mean(axis=0)
covariance = centered.T @ centered / len(centered)
ranks = np.argsort(samples, axis=1)
del centered
chunks = [np.cumsum(samples[index]) for index in range(0, 2_000, 4)]
print(covariance.shape, ranks.shape, len(chunks), float(chunks[-1][-1]))
`;

const TEXT_WORDS = `# Counts the words of a text file, keeping its lines, and finds the longest lines.
import collections
import sys

with open(sys.argv[1], encoding="utf-8") as file:
    lines = file.readlines()
counts = collections.Counter()
for line in lines:
    counts.update(line.split())
upper = [line.upper() for line in lines if "memory" in line]
longest = sorted(lines, key=len)[-10:]
print(len(lines), len(counts), len(upper), counts.most_common(3))
`;

/** Lines of 12 words drawn from 5,010 (ten common ones among them), up to `bytes`. */
function text(bytes: number): string {
  const random = seeded(20_000);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'memory', 'python', 'list', 'dict', 'tuple', 'string'];
  for (let index = 0; index < 5_000; index++) words.push(`w${index}`);
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = `${Array.from({ length: 12 }, () => words[Math.floor(random() * words.length)]).join(' ')}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/** Writes the scripts (and the text they read) into `folder`. */
export function tracerScripts(folder: string, sizes: ScriptSizes): TracerScript[] {
  const write = (name: string, source: string) => {
    const path = join(folder, name);
    writeFileSync(path, source);
    return path;
  };
  const corpus = write('corpus.txt', text(sizes.textBytes));
  return [
    {
      name: `${count(sizes.dicts)} dicts in a loop`,
      args: [write('dict_loop.py', dictLoop(sizes.dicts))],
      numpy: false,
    },
    { name: 'numpy arrays', args: [write('numpy_work.py', NUMPY_WORK)], numpy: true },
    {
      name: `words of a ${(sizes.textBytes / 1e6).toFixed(0)} MB text`,
      args: [write('text_words.py', TEXT_WORDS), corpus],
      numpy: false,
    },
  ];
}

/**
 * The same script for memory_profiler's line-by-line mode, which profiles only functions
 * decorated with @profile: its body in one, called once.
 */
export function profiledScript(folder: string, script: TracerScript): TracerScript {
  const source = readFileSync(script.args[0]!, 'utf8');
  const body = source
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n');
  const path = join(folder, `profiled_${basename(script.args[0]!)}`);
  writeFileSync(path, `@profile\ndef main():\n${body}\n\nmain()\n`);
  return { ...script, args: [path, ...script.args.slice(1)] };
}
