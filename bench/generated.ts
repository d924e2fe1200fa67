// A deterministic, realistic Python module of an exact number of lines: the
// kind of code a data script holds (functions, classes, loops, comprehensions,
// I/O, numpy and pandas calls), with a memory hint in about one unit of four.

import { seeded } from './seeded';

const NOUNS = [
  'order',
  'sample',
  'reading',
  'record',
  'event',
  'price',
  'user',
  'batch',
  'frame',
  'token',
  'metric',
  'row',
];
const VERBS = [
  'load',
  'parse',
  'summarise',
  'clean',
  'merge',
  'score',
  'filter',
  'group',
  'export',
  'scale',
  'count',
  'index',
];

interface Names {
  readonly fn: string;
  readonly cls: string;
  readonly noun: string;
  readonly n: number;
}

type Unit = (names: Names) => string[];

/** Plain code: most of any real module. */
const PLAIN: readonly Unit[] = [
  ({ fn, noun, n }) => [
    `def ${fn}(${noun}s, threshold=${n}):`,
    `    """Return the ${noun}s above the threshold, scaled."""`,
    '    result = []',
    `    for ${noun} in ${noun}s:`,
    `        value = ${noun}.get("value", 0)`,
    '        if value > threshold:',
    `            result.append(value * ${(n % 7) + 2})`,
    '    return result',
  ],
  ({ cls, noun, n }) => [
    `class ${cls}:`,
    `    """Holds ${noun}s by key."""`,
    '',
    `    def __init__(self, name, size=${n}):`,
    '        self.name = name',
    '        self.size = size',
    '        self._items = {}',
    '',
    '    def add(self, key, value):',
    '        self._items[key] = value',
    '        return len(self._items)',
    '',
    '    @property',
    '    def total(self):',
    '        return sum(v for v in self._items.values())',
    '',
    '    def __repr__(self):',
    `        return f"${cls}({self.name!r}, {len(self._items)} items)"`,
  ],
  ({ fn, noun }) => [
    `def ${fn}(path):`,
    '    try:',
    '        with open(path, encoding="utf-8") as handle:',
    '            data = json.load(handle)',
    '    except (OSError, ValueError) as error:',
    `        logger.warning("cannot read %s: %s", path, error)`,
    '        return {}',
    `    return {key: value for key, value in data.items() if key.startswith("${noun}")}`,
  ],
  ({ fn, noun, n }) => [
    `def ${fn}(${noun}s):`,
    `    ordered = sorted(${noun}s, key=lambda item: (item.priority, -item.size))`,
    '    seen = set()',
    '    index = 0',
    `    while index < len(ordered) and len(seen) < ${n}:`,
    '        seen.add(ordered[index].name)',
    '        index += 1',
    '    return ordered[:index], seen',
  ],
  ({ fn, noun }) => [
    `async def ${fn}(session, urls):`,
    `    """Fetch every ${noun} page, at most ten at a time."""`,
    '    semaphore = asyncio.Semaphore(10)',
    '',
    '    async def fetch(url):',
    '        async with semaphore:',
    '            response = await session.get(url)',
    '            return await response.text()',
    '',
    '    return await asyncio.gather(*(fetch(url) for url in urls))',
  ],
  ({ fn, noun, n }) => [
    `def ${fn}(frame: pd.DataFrame) -> pd.DataFrame:`,
    `    frame = frame[frame["${noun}"] > ${n}]`,
    `    frame["ratio"] = frame["${noun}"] / frame["${noun}"].sum()`,
    `    return frame.groupby("group").agg({"${noun}": "mean", "ratio": "max"})`,
  ],
  ({ fn, noun }) => [
    `def ${fn}(values):`,
    '    counts = collections.Counter(values)',
    '    common = counts.most_common(3)',
    `    # Ties keep the first ${noun} seen.`,
    '    return [name for name, _ in common], sum(counts.values())',
  ],
];

/** Code that memhints flags. */
const FLAGGED: readonly Unit[] = [
  ({ fn, noun }) => [`def ${fn}(${noun}s):`, `    return sum([${noun}.size * 2 for ${noun} in ${noun}s])`],
  ({ fn, n }) => [
    `def ${fn}(limit=${n}):`,
    '    total = 0',
    '    for i in list(range(limit)):',
    '        total += i * i',
    '    return total',
  ],
  ({ fn, noun }) => [
    `def ${fn}(${noun}s):`,
    '    text = ""',
    `    for ${noun} in ${noun}s:`,
    `        text += f"{${noun}}\\n"`,
    '    return text',
  ],
  ({ fn }) => [
    `def ${fn}(path):`,
    '    with open(path) as handle:',
    '        for line in handle.readlines():',
    '            yield line.rstrip()',
  ],
  ({ fn, noun }) => [
    `def ${fn}(chunks):`,
    '    out = np.empty(0)',
    '    for chunk in chunks:',
    `        out = np.append(out, chunk["${noun}"])`,
    '    return out',
  ],
  ({ fn, noun }) => [`def ${fn}(${noun}s):`, `    return len([${noun} for ${noun} in ${noun}s if ${noun}.active])`],
  ({ cls }) => [
    `class ${cls}Cache:`,
    '    @functools.lru_cache(maxsize=256)',
    '    def lookup(self, key):',
    '        return key.upper()',
  ],
  ({ fn, noun }) => [
    `def ${fn}(table):`,
    `    for key in list(table.keys()):`,
    `        print(key, table[key].${noun})`,
  ],
];

const HEADER = [
  '"""Generated benchmark module: realistic data-processing code."""',
  'import asyncio',
  'import collections',
  'import functools',
  'import json',
  'import logging',
  '',
  'import numpy as np',
  'import pandas as pd',
  '',
  'logger = logging.getLogger(__name__)',
];

/** A module of exactly `lines` lines (the last ending in a newline). */
export function generatedModule(lines: number, seed = 20240611): string {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const out = [...HEADER];
  for (let unit = 0; ; unit++) {
    const noun = pick(NOUNS);
    const names: Names = {
      fn: `${pick(VERBS)}_${noun}s_${unit}`,
      cls: `${capitalised(noun)}Store${unit}`,
      noun,
      n: 10 + Math.floor(random() * 990),
    };
    const body = (random() < 0.25 ? pick(FLAGGED) : pick(PLAIN))(names);
    // Two blank lines between top-level units, as PEP 8 asks.
    if (out.length + 2 + body.length > lines) break;
    out.push('', '', ...body);
  }
  while (out.length < lines) out.push(out.length % 2 === 0 ? '' : `# padding line ${out.length}`);
  return `${out.join('\n')}\n`;
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
