// The interpreter of the environment selected in the Python extension, read from its
// environments API. Kept free of the vscode API so that it can be tested on its own.

interface ResolvedEnvironment {
  readonly executable?: { readonly uri?: { readonly fsPath?: unknown } | undefined };
}

/** The part of the Python extension's API (ms-python.python, `environments`) used here. */
export interface PythonEnvironmentsApi {
  readonly environments?: {
    getActiveEnvironmentPath?(resource?: unknown): { readonly path?: unknown } | undefined;
    resolveEnvironment?(environment: unknown): PromiseLike<ResolvedEnvironment | undefined>;
  };
}

/**
 * The selected environment's interpreter. The active environment's path is an
 * interpreter for most environments but the environment's folder for some (a conda
 * environment, a virtual environment found by its folder), so it is resolved to its
 * executable; an environment resolved without one has no interpreter to run.
 */
export async function activeInterpreter(
  api: PythonEnvironmentsApi | undefined,
  resource: unknown,
): Promise<string | undefined> {
  const environments = api?.environments;
  const active = environments?.getActiveEnvironmentPath?.(resource);
  if (typeof active?.path !== 'string' || active.path === '') return undefined;
  let resolved: ResolvedEnvironment | undefined;
  try {
    resolved = await environments?.resolveEnvironment?.(active);
  } catch {
    resolved = undefined; // an environment that fails to resolve: its path is still the best guess
  }
  if (resolved === undefined) return active.path;
  const executable = resolved.executable?.uri?.fsPath;
  return typeof executable === 'string' && executable !== '' ? executable : undefined;
}
