// Problems in pyproject.toml files, shown once as a warning naming the file and
// the key, and as diagnostics on the file itself until it is fixed.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { ConfigFile } from '../config/projectConfig';
import { describeProblem, type ConfigProblem } from '../config/pyproject';

export interface ConfigProblemOutlet {
  warn(message: string): void;
  publish(uri: string, diagnostics: Diagnostic[]): void;
}

export class ConfigProblemReports {
  /** What was last reported per file, to report each change once. */
  private readonly reported = new Map<string, string>();

  constructor(
    private readonly outlet: ConfigProblemOutlet,
    /** How a file is named in the warning. */
    private readonly shownPath: (path: string) => string = (path) => path,
  ) {}

  /** Reports what changed since the last call; files no longer read lose their diagnostics. */
  update(files: readonly ConfigFile[]): void {
    const current = new Set<string>();
    for (const file of files) {
      current.add(file.path);
      const summary = JSON.stringify(file.problems);
      if ((this.reported.get(file.path) ?? '[]') === summary) continue;
      this.reported.set(file.path, summary);
      if (file.problems.length > 0) this.outlet.warn(warning(this.shownPath(file.path), file));
      this.outlet.publish(uriOf(file.path), file.problems.map(toDiagnostic));
    }
    for (const path of this.reported.keys()) {
      if (current.has(path)) continue;
      this.reported.delete(path);
      this.outlet.publish(uriOf(path), []);
    }
  }
}

function warning(shown: string, file: ConfigFile): string {
  const [first, ...rest] = file.problems;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  const fallback = first!.key === undefined ? 'the default settings are used' : 'the default is used for it';
  return `memhints: ${describeProblem(shown, first!)}${more}; ${fallback}.`;
}

function toDiagnostic(problem: ConfigProblem): Diagnostic {
  return {
    range: {
      start: { line: problem.line, character: problem.column },
      end: { line: problem.line, character: problem.column + problem.length },
    },
    severity: DiagnosticSeverity.Error,
    source: 'memhints',
    message: problem.key === undefined ? problem.problem : `${problem.key}: ${problem.problem}`,
  };
}

function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
