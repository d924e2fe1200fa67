// Findings → LSP diagnostics.
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl } from '../docs/ruleUrl';
import type { Finding, RelatedLocation, Severity } from '../rules/types';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'memhints';

export function rangeOf(text: TextDocument, start: number, end: number): Range {
  return { start: text.positionAt(start), end: text.positionAt(end) };
}

export function toDiagnostic(text: TextDocument, finding: Finding): Diagnostic {
  return {
    range: rangeOf(text, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    // Editors link the code to the rule's page.
    codeDescription: { href: ruleDocsUrl(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(finding.related?.length
      ? { relatedInformation: finding.related.map((place) => relatedInformation(text, place)) }
      : {}),
  };
}

/** A related place lies in the finding's own document (a notebook's: the finding's cell). */
function relatedInformation(text: TextDocument, place: RelatedLocation): DiagnosticRelatedInformation {
  return { location: { uri: text.uri, range: rangeOf(text, place.start, place.end) }, message: place.message };
}
