// Notebook fixtures (test/fixtures/notebooks/*.ipynb) read with plain JSON.parse,
// independently of the code under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './paths';

const NOTEBOOK_FIXTURES = join(FIXTURES, 'notebooks');

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

/** An nbformat 3 cell: code cells hold their code in `input`; `heading` cells became Markdown in nbformat 4. */
interface RawV3Cell {
  readonly cell_type: 'code' | 'markdown' | 'raw' | 'heading';
  readonly input?: string | readonly string[];
  readonly source?: string | readonly string[];
}

export function notebookJson(text: string): { cells: RawCell[]; metadata: unknown } {
  return JSON.parse(text) as { cells: RawCell[]; metadata: unknown };
}

/** The cells of an nbformat 4 notebook, or of an nbformat 3 one's worksheets in order. */
export function cellsOf(text: string): FixtureCell[] {
  const json = JSON.parse(text) as { cells?: RawCell[]; worksheets?: { cells: RawV3Cell[] }[] };
  const joined = (lines: string | readonly string[] | undefined) =>
    typeof lines === 'string' ? lines : (lines ?? []).join('');
  if (json.cells)
    return json.cells.map((cell, i) => ({ number: i + 1, kind: cell.cell_type, text: joined(cell.source) }));
  return (json.worksheets ?? [])
    .flatMap((worksheet) => worksheet.cells)
    .map((cell, i) => ({
      number: i + 1,
      kind: cell.cell_type === 'heading' ? 'markdown' : cell.cell_type,
      text: joined(cell.cell_type === 'code' ? cell.input : cell.source),
    }));
}

export function fixtureNotebook(name: string): string {
  return readFileSync(join(NOTEBOOK_FIXTURES, name), 'utf8');
}

/** The code cells of a notebook. */
export function codeCells(text: string): FixtureCell[] {
  return cellsOf(text).filter((cell) => cell.kind === 'code');
}
