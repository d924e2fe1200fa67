// Errors the user can act on: printed as one line, never with a stack trace.

/** A bad command line or configuration; the run stops with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A pyproject.toml that cannot be used: one line per problem, each `file: key: problem`. */
export class ConfigError extends UsageError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

/** A short reason for a failed file operation, without Node's errno prefix. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
