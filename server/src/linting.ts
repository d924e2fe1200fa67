// Findings per open document, computed once per document version.
import { analyze } from './analysis/analyze';
import { DEFAULT_SETTINGS, selectRules, type Settings } from './config';
import type { OpenDocument } from './documents';
import { ALL_RULES } from './rules';
import type { Finding } from './rules/types';

export class Linter {
  // Keyed by the OpenDocument, which is replaced on every change; its TextDocument
  // is not: TextDocument.update edits it in place.
  private cache = new WeakMap<OpenDocument, Finding[]>();
  private settings: Settings = DEFAULT_SETTINGS;

  /** `reportFailure` hears of an analysis that threw: the document then has no findings, and the server lives on. */
  constructor(private readonly reportFailure: (uri: string, error: unknown) => void = () => undefined) {}

  configure(settings: Settings): void {
    this.settings = settings;
    this.cache = new WeakMap();
  }

  findings(document: OpenDocument): Finding[] {
    if (!this.settings.enable || document.skipped !== undefined) return [];
    let findings = this.cache.get(document);
    if (!findings) {
      try {
        findings = analyze(document.tree, document.text.getText(), {
          rules: selectRules(ALL_RULES, this.settings),
          severity: this.settings.severity,
        });
      } catch (error) {
        this.reportFailure(document.text.uri, error);
        findings = [];
      }
      this.cache.set(document, findings);
    }
    return findings;
  }
}
