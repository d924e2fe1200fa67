// Notebook fixtures (test/fixtures/notebooks/*.ipynb) read with plain JSON.parse,
// independently of the code under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './paths';

export const NOTEBOOK_FIXTURES = join(FIXTURES, 'notebooks');

export interface FixtureCell {
  /** 1-based, among all the notebook's cells. */
  readonly number: number;
  readonly kind: 'code' | 'markdown' | 'raw';
  readonly text: string;
}

interface RawCell {
  readonly cell_type: 'code' | 'markdown' | 'raw';
  readonly source: string | readonly string[];
  readonly outputs?: unknown;
  readonly metadata?: unknown;
}

export function notebookJson(text: string): { cells: RawCell[]; metadata: unknown } {
  return JSON.parse(text) as { cells: RawCell[]; metadata: unknown };
}

export function cellsOf(text: string): FixtureCell[] {
  return notebookJson(text).cells.map((cell, i) => ({
    number: i + 1,
    kind: cell.cell_type,
    text: typeof cell.source === 'string' ? cell.source : cell.source.join(''),
  }));
}

export function fixtureNotebook(name: string): string {
  return readFileSync(join(NOTEBOOK_FIXTURES, name), 'utf8');
}

/** The code cells of a notebook. */
export function codeCells(text: string): FixtureCell[] {
  return cellsOf(text).filter((cell) => cell.kind === 'code');
}
