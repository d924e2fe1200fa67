// The CPython versions the size model has layouts for: the versions a project
// may target, and the one assumed when nothing says.

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
