// Where each open document is checked, and what is published for it.
//
// A document is parsed and analysed in the main thread, where the editor's
// requests are answered, for at most its budget (memhints.analysisBudget) per
// version: its parse and the analysis of what its last edit changed share one
// deadline. A document that runs past it gets what is known published at once,
// marked as partial, and is handed over to the analysis thread for good: there
// it is checked to the end while the main thread goes on with the other
// documents. The main thread then keeps only its text (its trees too, while
// parsing it fits in the budget, for hovers and inlay hints), forwards its
// changes and publishes what the analysis thread finds for the version it holds.
//
// The backlog (a first analysis, or what a deadline left) is no sign of a slow
// document: a large file just opened is one. Past the budget, it is analysed
// in the main thread in slices of a few milliseconds, one per turn of the
// event loop, so that other messages come in between, what is known being
// published, marked as partial, until it is done.
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Settings } from '../config/config';
import { deadlineIn } from '../document/deadline';
import type { OpenDocument, OpenDocuments } from '../document/documents';
import type { Linter } from '../engine/linting';
import { toDiagnostic } from '../features/diagnostics';
import { cappedDiagnostic, findingsShown, partialDiagnostic, type Unfinished } from '../features/partialAnalysis';
import { skippedDiagnostic } from '../features/skipped';
import type { Finding } from '../rules/types';
import type { AnalysisThread } from './analysisThread';
import type { ThreadAnalysis } from './threadProtocol';

/** How long a slice of a document's backlog may take in the main thread: the most it delays a keystroke elsewhere. */
const BACKLOG_SLICE_MS = 10;

export interface ChecksContext {
  readonly documents: OpenDocuments;
  readonly linter: Linter;
  readonly settingsFor: (uri: string) => Settings;
  readonly thread: AnalysisThread;
  readonly send: (params: PublishDiagnosticsParams) => void;
}

/** A document handed to the analysis thread: the settings it was given, and what it last found. */
interface HandedOver {
  settings: Settings;
  found: ThreadAnalysis | undefined;
}

export class DocumentChecks {
  private readonly handedOver = new Map<string, HandedOver>();
  /** By document, the one backlog being worked off (a newer version's replaces it). */
  private readonly backlogs = new Map<string, object>();

  constructor(private readonly context: ChecksContext) {}

  /** A document opened: parsed when it is first published or used. */
  opened(uri: string, languageId: string, version: number, text: string): void {
    this.forget(uri);
    this.context.documents.opened(uri, languageId, version, text, false);
  }

  /**
   * A change: its text and trees are edited, and parsed when the document is next
   * published or used (within the deadline then), so that a change with more on
   * their way costs no parse.
   */
  changed(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    const document = this.context.documents.changed(uri, version, changes, false);
    if (document && this.inThread(uri)) this.context.thread.send({ kind: 'change', uri, version, changes });
  }

  closed(uri: string): void {
    this.forget(uri);
    this.backlogs.delete(uri);
    this.context.documents.closed(uri);
  }

  /** Publishes the document's diagnostics for its current version, or leaves them to the analysis thread. */
  publish(uri: string): void {
    const document = this.context.documents.get(uri);
    if (!document) return;
    const settings = this.context.settingsFor(uri);
    const handedOver = this.handedOver.get(uri);
    if (handedOver) {
      if (handedOver.settings !== settings) {
        handedOver.settings = settings;
        this.context.thread.send({ kind: 'settings', uri, settings });
      }
      if (handedOver.found?.version === document.text.version) this.sendFound(document, handedOver.found);
      return;
    }
    const budgetMs = settings.analysisBudget;
    const edit = deadlineIn(budgetMs);
    // A backlog being worked off gets its slice; any other (a first analysis) the budget first.
    const working = this.backlogs.has(uri) && budgetMs > 0;
    const deadlines = { edit, backlog: working ? deadlineIn(Math.min(budgetMs, BACKLOG_SLICE_MS)) : edit };
    const { documents, linter } = this.context;
    // The parse, when the last change left it, and the analysis of what the change changed share the deadline.
    const analysis = documents.withDeadline(edit, () =>
      document.skipped || document.overBudget ? undefined : linter.analysis(document, settings, deadlines),
    );
    if (document.skipped) {
      this.send(document, [skippedDiagnostic(document.skipped)]);
      return;
    }
    if (!analysis) {
      this.handOver(document, settings, [], { stage: 'parse', budgetMs });
      return;
    }
    const { pending, statements } = analysis;
    const unfinished: Unfinished | undefined =
      pending > 0 ? { stage: 'analysis', budgetMs, pending, statements } : undefined;
    // What one edit changed did not fit in the budget: the document is slow to check, not just large.
    if (unfinished && analysis.leftEdited) this.handOver(document, settings, analysis.findings, unfinished);
    else {
      this.sendFindings(document, analysis.findings, unfinished);
      if (unfinished) this.workOffBacklog(document, settings);
    }
  }

  /** The findings known for the document's current version, for code actions. */
  findings(uri: string): readonly Finding[] {
    const document = this.context.documents.get(uri);
    if (!document) return [];
    const handedOver = this.handedOver.get(uri);
    if (handedOver) return handedOver.found?.version === document.text.version ? handedOver.found.findings : [];
    const settings = this.context.settingsFor(uri);
    const deadline = deadlineIn(settings.analysisBudget);
    return this.context.documents.withDeadline(deadline, () =>
      this.context.linter.findings(document, settings, deadline),
    );
  }

  /** What the analysis thread found: published when it is of the version the editor has. */
  found(analysis: ThreadAnalysis): void {
    const handedOver = this.handedOver.get(analysis.uri);
    if (!handedOver) return;
    handedOver.found = analysis;
    const document = this.context.documents.get(analysis.uri);
    if (document?.text.version === analysis.version) this.sendFound(document, analysis);
  }

  /** The analysis thread was started again without these documents: they are handed over again. */
  lost(uris: readonly string[]): void {
    for (const uri of uris) {
      const document = this.context.documents.get(uri);
      const handedOver = this.handedOver.get(uri);
      if (!document || !handedOver) continue;
      handedOver.found = undefined;
      this.openInThread(document, handedOver.settings);
    }
  }

  /** Analyses the document's backlog a slice per turn of the event loop, while it is the version open; then publishes it all. */
  private workOffBacklog(document: OpenDocument, settings: Settings): void {
    const uri = document.text.uri;
    const mine = {};
    this.backlogs.set(uri, mine);
    const slice = () => {
      const current =
        this.backlogs.get(uri) === mine &&
        this.context.documents.get(uri) === document &&
        this.context.settingsFor(uri) === settings;
      if (!current) return;
      const analysis = this.context.linter.resume(document, settings, deadlineIn(BACKLOG_SLICE_MS));
      if (analysis.pending > 0) {
        setImmediate(slice);
        return;
      }
      this.backlogs.delete(uri);
      this.sendFindings(document, analysis.findings);
    };
    setImmediate(slice);
  }

  /** Whether the document is checked by the analysis thread. */
  private inThread(uri: string): boolean {
    return this.handedOver.has(uri);
  }

  private handOver(
    document: OpenDocument,
    settings: Settings,
    known: readonly Finding[],
    unfinished: Unfinished,
  ): void {
    const uri = document.text.uri;
    // The thread's analysis replaces this one's: what it kept goes.
    this.context.linter.closed(uri);
    this.handedOver.set(uri, { settings, found: undefined });
    this.openInThread(document, settings);
    this.sendFindings(document, known, unfinished);
  }

  private openInThread(document: OpenDocument, settings: Settings): void {
    const { uri, languageId, version } = document.text;
    this.context.thread.send({ kind: 'open', uri, languageId, version, text: document.text.getText(), settings });
  }

  private forget(uri: string): void {
    if (!this.handedOver.delete(uri)) return;
    this.context.thread.send({ kind: 'close', uri });
  }

  private sendFound(document: OpenDocument, found: ThreadAnalysis): void {
    if (found.skipped) this.send(document, [skippedDiagnostic(found.skipped)]);
    else this.sendShown(document, { findings: found.findings, total: found.total }, found.unfinished);
  }

  private sendFindings(document: OpenDocument, findings: readonly Finding[], unfinished?: Unfinished): void {
    this.sendShown(document, findingsShown(findings), unfinished);
  }

  private sendShown(
    document: OpenDocument,
    shown: { readonly findings: readonly Finding[]; readonly total: number },
    unfinished: Unfinished | undefined,
  ): void {
    const diagnostics = shown.findings.map((finding) => toDiagnostic(document.text, finding));
    if (shown.total > shown.findings.length) diagnostics.unshift(cappedDiagnostic(shown));
    if (unfinished) diagnostics.unshift(partialDiagnostic(unfinished));
    this.send(document, diagnostics);
  }

  private send(document: OpenDocument, diagnostics: PublishDiagnosticsParams['diagnostics']): void {
    this.context.send({ uri: document.text.uri, version: document.text.version, diagnostics });
  }
}
