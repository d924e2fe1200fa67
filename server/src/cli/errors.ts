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
