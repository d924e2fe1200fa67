// Findings per open document, computed once per document version and settings.
// After an edit, only what the edit can have changed is analysed again.
import { IncrementalAnalysis } from './incremental';
import { selectRules, type Settings } from '../config/config';
import type { OpenDocument } from '../document/documents';
import { ALL_RULES } from '../rules';
import type { Finding } from '../rules/types';
import type { DataFiles } from '../data/dataFiles';
import { CPYTHON } from '../sizes/cpython';
import { dataReadScales } from './dataReadScales';
import { documentPath } from '../document/uriPaths';
import { THIS_MACHINE, type MachineMemory } from '../scale/memoryLimit';

export class Linter {
  // Keyed by the OpenDocument, which is replaced on every change; its TextDocument
  // is not: TextDocument.update edits it in place. Settings objects are replaced,
  // never changed, when the settings or a pyproject.toml change.
  private readonly cache = new WeakMap<OpenDocument, { readonly settings: Settings; readonly findings: Finding[] }>();
  /** By document URI: what the last analysis of the document found, chunk by chunk, under one set of settings. */
  private readonly analyses = new Map<
    string,
    { readonly settings: Settings; readonly analysis: IncrementalAnalysis }
  >();

  /** The workspace's data files, once its folders are known: reads of them take the files' scale. */
  private dataFiles: DataFiles | undefined;

  /**
   * `reportFailure` hears of an analysis that threw: the document then has no
   * findings, and the server lives on. `machine` says how much memory reads are
   * measured against when no budget is set.
   */
  constructor(
    private readonly reportFailure: (uri: string, error: unknown) => void = () => undefined,
    private readonly machine: MachineMemory = THIS_MACHINE,
  ) {}

  /** Reads of data files are scaled by these files from now on (documents analysed before keep what they found). */
  useDataFiles(files: DataFiles): void {
    this.dataFiles = files;
  }

  findings(document: OpenDocument, settings: Settings): Finding[] {
    if (!settings.enable || document.skipped !== undefined) return [];
    const cached = this.cache.get(document);
    if (cached?.settings === settings) return cached.findings;
    let findings: Finding[];
    const uri = document.text.uri;
    try {
      findings = this.analysisFor(uri, settings).analyze(document.module, document.text.getText());
    } catch (error) {
      // What was kept may be what failed: the next analysis starts afresh.
      this.closed(uri);
      this.reportFailure(uri, error);
      findings = [];
    }
    this.cache.set(document, { settings, findings });
    return findings;
  }

  /** Forgets a closed document. */
  closed(uri: string): void {
    this.analyses.get(uri)?.analysis.dispose();
    this.analyses.delete(uri);
  }

  private analysisFor(uri: string, settings: Settings): IncrementalAnalysis {
    const known = this.analyses.get(uri);
    if (known?.settings === settings) return known.analysis;
    known?.analysis.dispose();
    const analysis = new IncrementalAnalysis({
      rules: selectRules(ALL_RULES, settings),
      severity: settings.severity,
      reportSmall: settings.reportSmall,
      smallBytes: settings.smallThreshold,
      pythonVersion: settings.pythonVersion,
      ...(this.dataFiles
        ? {
            dataReads: dataReadScales(this.dataFiles, {
              documentPath: documentPath(uri),
              layout: CPYTHON[settings.pythonVersion],
              smallBytes: settings.smallThreshold,
              sampleBytes: settings.dataSampleSize,
              memoryBudget: settings.memoryBudget,
              machine: this.machine,
            }),
          }
        : {}),
    });
    this.analyses.set(uri, { settings, analysis });
    return analysis;
  }
}
