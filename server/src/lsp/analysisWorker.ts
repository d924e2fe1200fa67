// The analysis thread (bundled to dist/analysisWorker.js beside dist/server.js):
// it checks the documents that took the main thread longer than their budget,
// with its own parser and trees. Here a slow parse or analysis holds up only
// the documents handed over, never the editor's requests.
//
// It works in rounds, one document per round: the document's changes that
// came meanwhile are applied first (the message handler applies them as they
// come, so a round takes the latest version), its parse runs to the end (a
// parse cut short leaves nothing to go on from), and its analysis for at most
// the budget. What is found is posted after each round; a document left
// unfinished gets another round after the other documents waiting.
//
// It runs at a lower priority than the main thread (on Linux, where a thread
// has a nice value of its own): on a machine with every core busy, the time it
// takes is what the main thread leaves, not the editor's.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Settings } from '../config/config';
import { defaultDataFiles } from '../data/estimators';
import { deadlineIn } from '../document/deadline';
import { OpenDocuments } from '../document/documents';
import { pythonParser } from '../document/parser';
import { Linter } from '../engine/linting';
import { findingsShown } from '../features/partialAnalysis';
import type { FromThread, ThreadStart, ToThread } from './threadProtocol';

/** The analysis thread's nice value: 10 of the 19 steps below the main thread's. */
const NICE = 10;

function lowerPriority(): void {
  try {
    // /proc/thread-self is this thread's /proc/<pid>/task/<tid>: setpriority on a tid sets that thread's alone.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid !== process.pid) setPriority(tid, NICE);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}

async function serve(port: MessagePort, start: ThreadStart): Promise<void> {
  lowerPriority();
  const post = (message: FromThread) => port.postMessage(message);
  const documents = new OpenDocuments(await pythonParser(start.grammar));
  const linter = new Linter((uri, error) =>
    post({ kind: 'failed', uri, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
  linter.useDataFiles(defaultDataFiles(start.folders));
  const settings = new Map<string, Settings>();
  /** Documents with work left, in the order they are taken. */
  const due = new Set<string>();
  let scheduled = false;

  const schedule = () => {
    if (scheduled || due.size === 0) return;
    scheduled = true;
    // After the messages already queued: they may bring newer versions of the document.
    setImmediate(round);
  };

  const round = () => {
    scheduled = false;
    const uri = due.values().next().value;
    if (uri === undefined) return;
    due.delete(uri);
    const document = documents.get(uri);
    const documentSettings = settings.get(uri);
    if (document && documentSettings) {
      documents.setMaxFileSize(documentSettings.maxFileSize);
      const analysis = linter.resume(document, documentSettings, deadlineIn(documentSettings.analysisBudget));
      const shown = findingsShown(analysis.findings);
      post({
        kind: 'analysed',
        uri,
        version: document.text.version,
        findings: shown.findings,
        total: shown.total,
        ...(document.skipped ? { skipped: document.skipped } : {}),
        ...(analysis.pending > 0
          ? {
              unfinished: {
                stage: 'analysis',
                budgetMs: documentSettings.analysisBudget,
                pending: analysis.pending,
                statements: analysis.statements,
              },
            }
          : {}),
      });
      // At the back of the queue: the other documents waiting go first.
      if (analysis.pending > 0) due.add(uri);
    }
    schedule();
  };

  port.on('message', (message: ToThread) => {
    switch (message.kind) {
      case 'open':
        settings.set(message.uri, message.settings);
        documents.opened(message.uri, message.languageId, message.version, message.text, false);
        break;
      case 'change':
        documents.changed(message.uri, message.version, message.changes, false);
        break;
      case 'settings':
        settings.set(message.uri, message.settings);
        break;
      case 'close':
        settings.delete(message.uri);
        documents.closed(message.uri);
        linter.closed(message.uri);
        due.delete(message.uri);
        return;
    }
    due.add(message.uri);
    schedule();
  });
}

if (!parentPort) throw new Error('analysisWorker.ts must run in a worker thread');
void serve(parentPort, workerData as ThreadStart);
