// A file with more findings than the editor is sent shows the most severe,
// in document order, and says how many there are; one whose check is not
// finished says so, and why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cappedDiagnostic,
  findingsShown,
  MAX_FINDINGS_SHOWN,
  partialDiagnostic,
} from '../../server/src/features/partialAnalysis';
import type { Finding, Severity } from '../../server/src/rules/types';

const finding = (start: number, severity: Severity): Finding => ({
  code: 'MEM101',
  message: 'm',
  severity,
  start,
  end: start + 1,
});

test('past the cap, the most severe findings are shown, in document order, with how many there are', () => {
  const severities: Severity[] = ['hint', 'information', 'warning', 'information', 'error', 'hint', 'warning'];
  const findings = severities.map((severity, index) => finding(index * 10, severity));
  const shown = findingsShown(findings, 4);
  assert.equal(shown.total, 7);
  assert.deepEqual(
    shown.findings.map((f) => `${f.start} ${f.severity}`),
    ['10 information', '20 warning', '40 error', '60 warning'],
  );
  assert.match(String(cappedDiagnostic(shown).message), /shows 4 of the 7 findings/);
  const few = findingsShown(findings.slice(0, 3), 4);
  assert.equal(few.findings.length, 3);
  assert.equal(few.total, 3);
  assert.ok(MAX_FINDINGS_SHOWN >= 1000);
});

test('a partial check names the budget and what is left', () => {
  const parse = String(partialDiagnostic({ stage: 'parse', budgetMs: 500 }).message);
  assert.match(parse, /partially analysed/);
  assert.match(parse, /memhints\.analysisBudget \(500 ms\)/);
  const analysis = String(
    partialDiagnostic({ stage: 'analysis', budgetMs: 1500, pending: 1234, statements: 5000 }).message,
  );
  assert.match(analysis, /1,234 of its 5,000 statements are left/);
  assert.match(analysis, /1,500 ms/);
});
