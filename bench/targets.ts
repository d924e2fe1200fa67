// The targets the benchmark is held to: reported as PASS or MISS, never failing the run.

/** The keystroke → diagnostics p99 the editor is held to. */
export const KEYSTROKE_P99_GOAL_MS = 10;

export interface Target {
  readonly name: string;
  /** The measured figure (a ratio, milliseconds or a percentage). */
  readonly value: number;
  readonly goal: string;
  readonly pass: boolean;
}

export const atLeast = (name: string, value: number, goal: number, unit = '×'): Target => ({
  name,
  value,
  goal: `≥ ${goal}${unit}`,
  pass: value >= goal,
});
export const atMost = (name: string, value: number, goal: number, unit: string): Target => ({
  name,
  value,
  goal: `≤ ${goal}${unit}`,
  pass: value <= goal,
});
export const below = (name: string, value: number, goal: number, unit: string): Target => ({
  name,
  value,
  goal: `< ${goal}${unit}`,
  pass: value < goal,
});

export function targetLine(target: Target, shown: string): string {
  return `${target.pass ? 'PASS' : 'MISS'}  ${target.name}: ${shown} (target ${target.goal})`;
}
