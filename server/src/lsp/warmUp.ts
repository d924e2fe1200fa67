// What a fresh server does while its client starts: it parses and analyses a
// small module of ordinary Python, as it will the first document, and lets it go.
// In a fresh process the first document's parse and analysis run cold: V8 runs
// the analysis's JavaScript in its interpreter without type feedback, and the
// parser's WASM on its baseline compiler, compiling each function as it is first
// called. Done here, that work is behind the server by the time the client sends
// the first document, and the optimising compilers have had a moment on other
// threads. The sample holds the statements most modules have, and the calls
// the rules start from.
import { DEFAULT_SETTINGS } from '../config/config';
import { OpenDocuments } from '../document/documents';
import type { Parser } from 'web-tree-sitter';
import { Linter } from '../engine/linting';

const SAMPLE = String.raw`"""A module as most are: imports, classes, functions, loops and comprehensions."""
from __future__ import annotations

import functools
import json
import os
import numpy as np
import pandas as pd
from collections import defaultdict
from typing import Iterable, Optional

__all__ = ["Table", "load", "summary"]
LIMIT = 10 ** 6


class Table:
    """Rows read from a file."""

    def __init__(self, path: str, names: Optional[list[str]] = None) -> None:
        self.path = path
        self.names = names or []
        self.rows: list[dict] = []

    @functools.lru_cache(maxsize=None)
    def column(self, name):
        return [row[name] for row in self.rows if name in row]

    def __repr__(self):
        return f"Table({self.path!r}, {len(self.rows)} rows)"


def load(path, *, encoding="utf-8"):
    with open(path, encoding=encoding) as handle:
        text = handle.read()
    lines = text.splitlines()
    data = json.loads(lines[0]) if lines else {}
    for key, value in sorted(data.items()):
        if isinstance(value, (list, tuple)) and len(list(value)) > 2:
            data[key] = sum(value[:2], [])
    return data


def summary(tables: Iterable[Table]) -> dict:
    counts = defaultdict(int)
    out = ""
    for i, table in enumerate(list(tables)):
        try:
            counts[table.path] += len(table.rows)
        except (KeyError, TypeError) as error:
            raise ValueError(str(error)) from None
        while i < 3:
            i += 1
        out += table.path + os.sep
    squares = list(range(LIMIT))
    frame = pd.read_csv("data.csv", low_memory=False)
    total = np.array([x * 2 for x in squares if x % 3 == 0]).sum()
    best = max(set(counts), key=lambda path: counts[path], default=None)
    return {"best": best, "total": total, "frame": frame.copy(), "out": out}
`;

/** Parses and analyses the sample with every rule and lets it go. */
export function analyseASample(parser: Parser): void {
  const uri = 'memhints-warm-up:/sample.py';
  const documents = new OpenDocuments(parser, DEFAULT_SETTINGS.maxFileSize, 0);
  const linter = new Linter();
  linter.findings(documents.opened(uri, 'python', 1, SAMPLE), DEFAULT_SETTINGS);
  linter.closed(uri);
  documents.closed(uri);
}
