// A worker thread of the bench's pool: parses and analyses the texts it is sent,
// exactly as the single-threaded measurement does.
import { serveTasks } from '../server/src/cli/workerPool';
import { pythonParser } from '../server/src/document/parser';
import { findingsInText } from './checkText';

const parser = pythonParser();

/** A batch of texts → how many findings they hold (so the work cannot be skipped). */
serveTasks<readonly string[], number>(async (texts) => {
  const ready = await parser;
  let findings = 0;
  for (const text of texts) findings += findingsInText(ready, text);
  return findings;
});
