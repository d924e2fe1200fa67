// The messages between the server's main thread and its analysis thread
// (analysisThread.ts, analysisWorker.ts). The main thread forwards what the
// client says of the documents it hands over; the analysis thread answers
// with what it found, each time it has more.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Settings } from '../config/config';
import type { Skip } from '../document/limits';
import type { CompiledGrammar } from '../document/parser';
import type { Unfinished } from '../features/partialAnalysis';
import type { Finding } from '../rules/types';

/** The worker's workerData. */
export interface ThreadStart {
  /** The workspace folders' paths, where the data files that reads name are found. */
  readonly folders: readonly string[];
  /** The server's compiled grammar: the thread compiles none of its own. */
  readonly grammar: CompiledGrammar;
}

export type ToThread =
  | {
      readonly kind: 'open';
      readonly uri: string;
      readonly languageId: string;
      readonly version: number;
      readonly text: string;
      readonly settings: Settings;
    }
  | {
      readonly kind: 'change';
      readonly uri: string;
      readonly version: number;
      readonly changes: readonly TextDocumentContentChangeEvent[];
    }
  | { readonly kind: 'settings'; readonly uri: string; readonly settings: Settings }
  | { readonly kind: 'close'; readonly uri: string };

/** What the analysis thread found for a version of a document, so far. */
export interface ThreadAnalysis {
  readonly uri: string;
  readonly version: number;
  /** At most MAX_FINDINGS_SHOWN of them, the most severe first (findingsShown), in document order. */
  readonly findings: readonly Finding[];
  /** How many findings there are in all. */
  readonly total: number;
  readonly skipped?: Skip;
  /** Set while it goes on with the version. */
  readonly unfinished?: Unfinished;
}

export type FromThread =
  | ({ readonly kind: 'analysed' } & ThreadAnalysis)
  | { readonly kind: 'failed'; readonly uri: string; readonly error: string };
