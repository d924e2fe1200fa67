// The Python versions a project may target, and the lowest one that a PEP 440
// `requires-python` specifier (pyproject.toml's [project] table) allows.

export const PYTHON_VERSIONS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as const;
export type TargetPythonVersion = (typeof PYTHON_VERSIONS)[number];
export const DEFAULT_TARGET_VERSION: TargetPythonVersion = '3.11';

export function isTargetPythonVersion(value: unknown): value is TargetPythonVersion {
  return typeof value === 'string' && (PYTHON_VERSIONS as readonly string[]).includes(value);
}

/** Whether `version` is `floor` or later. */
export function isAtLeast(version: TargetPythonVersion, floor: TargetPythonVersion): boolean {
  return PYTHON_VERSIONS.indexOf(version) >= PYTHON_VERSIONS.indexOf(floor);
}

// An operator, then a release whose major and minor parts are all that matters here
// (`>=3.9.2`, `==3.11.*`, `~=3.10`, `>=3.12rc1`).
const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*v?(\d+)(?:\.(\d+))?/;

/**
 * The lowest minor version `requires-python` admits, moved into the supported
 * range (`>=3.7` targets 3.8, the oldest version memhints models); undefined when
 * it sets no lower bound (`<3.13`) or cannot be read.
 */
export function lowestAllowedVersion(requiresPython: string): TargetPythonVersion | undefined {
  let lowest: [number, number] | undefined;
  for (const clause of requiresPython.split(',').map((part) => part.trim())) {
    const match = CLAUSE.exec(clause);
    if (!match) return undefined;
    const [, operator, major, minor] = match;
    // `<`, `<=` and `!=` bound from above or punch holes; `>3.8` still admits 3.8.1.
    if (operator === '<' || operator === '<=' || operator === '!=') continue;
    const bound: [number, number] = [Number(major), Number(minor ?? 0)];
    if (!lowest || bound[0] > lowest[0] || (bound[0] === lowest[0] && bound[1] > lowest[1])) lowest = bound;
  }
  if (!lowest) return undefined;
  const [major, minor] = lowest;
  const oldest = PYTHON_VERSIONS[0];
  const newest = PYTHON_VERSIONS[PYTHON_VERSIONS.length - 1]!;
  if (major < 3) return oldest;
  if (major > 3) return newest;
  const version = `3.${minor}`;
  if (isTargetPythonVersion(version)) return version;
  return minor < 8 ? oldest : newest;
}
