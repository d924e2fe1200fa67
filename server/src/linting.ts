// Findings per open document, computed once per document version and settings.
import { analyze } from './analysis/analyze';
import { selectRules, type Settings } from './config';
import type { OpenDocument } from './documents';
import { ALL_RULES } from './rules';
import type { Finding } from './rules/types';

export class Linter {
  // Keyed by the OpenDocument, which is replaced on every change; its TextDocument
  // is not: TextDocument.update edits it in place. Settings objects are replaced,
  // never changed, when the settings or a pyproject.toml change.
  private readonly cache = new WeakMap<OpenDocument, { readonly settings: Settings; readonly findings: Finding[] }>();

  /** `reportFailure` hears of an analysis that threw: the document then has no findings, and the server lives on. */
  constructor(private readonly reportFailure: (uri: string, error: unknown) => void = () => undefined) {}

  findings(document: OpenDocument, settings: Settings): Finding[] {
    if (!settings.enable || document.skipped !== undefined) return [];
    const cached = this.cache.get(document);
    if (cached?.settings === settings) return cached.findings;
    let findings: Finding[];
    try {
      findings = analyze(document.tree, document.text.getText(), {
        rules: selectRules(ALL_RULES, settings),
        severity: settings.severity,
      });
    } catch (error) {
      this.reportFailure(document.text.uri, error);
      findings = [];
    }
    this.cache.set(document, { settings, findings });
    return findings;
  }
}
