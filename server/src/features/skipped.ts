// The one diagnostic of a document memhints does not check (too large, nested
// too deep): without it the user would take the silence for a clean file.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Skip } from '../document/limits';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export function skippedDiagnostic(skip: Skip): Diagnostic {
  const advice = skip.overSizeLimit ? ' Raise the memhints.maxFileSize setting to check it.' : '';
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `memhints did not check this file: ${skip.reason}.${advice}`,
  };
}
