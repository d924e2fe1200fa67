// Findings per open document, computed once per document version and settings.
// After an edit, only what the edit can have changed is analysed again. A
// deadline can stop the analysis of a version part way (see incremental.ts):
// what it found is kept for that version, and `resume` goes on with it.
import { NO_DEADLINE, type Deadline } from '../document/deadline';
import { IncrementalAnalysis, type AnalysisDeadlines } from './incremental';
import { selectRules, type Settings } from '../config/config';
import type { OpenDocument } from '../document/documents';
import { ALL_RULES } from '../rules';
import type { Finding } from '../rules/types';
import type { DataFiles } from '../data/dataFiles';
import { CPYTHON } from '../sizes/cpython';
import { dataReadScales } from './dataReadScales';
import { documentPath } from '../document/uriPaths';
import { THIS_MACHINE, type MachineMemory } from '../scale/memoryLimit';

/** What the analysis of one version of a document found, and what it left. */
export interface Analysis {
  readonly findings: Finding[];
  /** Top-level statements a deadline left unanalysed, of `statements` in all: their findings are missing. */
  readonly pending: number;
  readonly statements: number;
  /** Whether some of those the last edit changed are among them, not only backlog (incremental.ts). */
  readonly leftEdited: boolean;
}

const NOTHING: Analysis = { findings: [], pending: 0, statements: 0, leftEdited: false };

export class Linter {
  // Keyed by the OpenDocument, which is replaced on every change; its TextDocument
  // is not: TextDocument.update edits it in place. Settings objects are replaced,
  // never changed, when the settings or a pyproject.toml change.
  private readonly cache = new WeakMap<OpenDocument, { readonly settings: Settings; readonly analysis: Analysis }>();
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

  findings(
    document: OpenDocument,
    settings: Settings,
    deadline: Deadline | AnalysisDeadlines = NO_DEADLINE,
  ): Finding[] {
    return this.analysis(document, settings, deadline).findings;
  }

  /** The document's analysis under these settings: found once per version, stopped where `deadline` passes. */
  analysis(document: OpenDocument, settings: Settings, deadline: Deadline | AnalysisDeadlines = NO_DEADLINE): Analysis {
    const cached = this.cache.get(document);
    return cached?.settings === settings ? cached.analysis : this.analyse(document, settings, deadline);
  }

  /** The same, going on with the statements an earlier call for this version left, until `deadline`. */
  resume(document: OpenDocument, settings: Settings, deadline: Deadline): Analysis {
    const cached = this.cache.get(document);
    return cached?.settings === settings && cached.analysis.pending === 0
      ? cached.analysis
      : this.analyse(document, settings, deadline);
  }

  private analyse(document: OpenDocument, settings: Settings, deadline: Deadline | AnalysisDeadlines): Analysis {
    if (!settings.enable || document.skipped !== undefined) return NOTHING;
    let analysis: Analysis;
    const uri = document.text.uri;
    try {
      const incremental = this.analysisFor(uri, settings);
      const findings = incremental.analyze(document.module, document.text.getText(), deadline);
      analysis = {
        findings,
        pending: incremental.lastPendingChunks,
        statements: incremental.lastChunks,
        leftEdited: incremental.lastLeftEdited,
      };
    } catch (error) {
      // What was kept may be what failed: the next analysis starts afresh.
      this.closed(uri);
      this.reportFailure(uri, error);
      analysis = NOTHING;
    }
    this.cache.set(document, { settings, analysis });
    return analysis;
  }

  /** How many of the document's chunks its last analysis analysed (again), of how many: for the benchmark. */
  analysedChunks(uri: string): { readonly analysed: number; readonly of: number } | undefined {
    const known = this.analyses.get(uri)?.analysis;
    return known && { analysed: known.lastAnalysedChunks, of: known.lastChunks };
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
