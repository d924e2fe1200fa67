// Every rule works in a notebook as it does in a script: its documented
// example, cut into cells at each blank line before a top-level statement
// (imports in one cell, a read in another, its uses in the next), gives the
// same findings on the same code, and its fixes, made in the cells, give the
// code the script's fixes give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotebookModule } from '../../server/src/notebooks/cellModule';
import { ALL_RULES } from '../../server/src/rules';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import type { Finding, Rule } from '../../server/src/rules/types';
import { findingsIn } from '../support/analyze';
import { fixtureDataReads } from '../rules/ruleFixtures';

/** The example's top-level blocks, each a cell: a new cell where a blank line is followed by an unindented line. */
function cellsOf(source: string): string[] {
  return source.split(/\n\n+(?=\S)/);
}

async function findingsOf(rule: Rule, source: string): Promise<Finding[]> {
  return findingsIn(source, { rules: [rule], dataReads: fixtureDataReads('documented-example.py') });
}

/** What each finding flags, with its message: the same in a script and in cells. */
function flagged(source: string, findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.message} @ ${source.slice(finding.start, finding.end)}`);
}

/** The cells with every fix the notebook keeps made in them, and how many findings kept one. */
function fixedCells(module: NotebookModule, cells: readonly string[], findings: readonly Finding[]) {
  const cellFindings = module.cellFindings(findings);
  const edited = cells.map((text, index) => {
    const ownFindings = cellFindings.filter(({ cell }) => cell.index === index).map(({ finding }) => finding);
    return applyEdits(text, combinedEdits(ownFindings, SAFE_AND_UNSAFE));
  });
  return { edited, withFix: cellFindings.filter(({ finding }) => finding.fix).length };
}

for (const rule of ALL_RULES) {
  test(`${rule.code}: the documented example cut into notebook cells gives the script's findings and fixes`, async () => {
    const script = rule.docs.example;
    const cells = cellsOf(script);
    const module = new NotebookModule(cells);
    const inScript = await findingsOf(rule, script);
    const inCells = module.reportable(await findingsOf(rule, module.source));
    assert.ok(inScript.length > 0, 'the example is flagged');
    assert.deepEqual(flagged(module.source, inCells), flagged(script, inScript));

    const { edited, withFix } = fixedCells(module, cells, inCells);
    assert.equal(withFix, inScript.filter((finding) => finding.fix).length, 'every fix can be made within its cell');
    const fixedScript = applyEdits(script, combinedEdits(inScript, SAFE_AND_UNSAFE));
    assert.deepEqual(cellsOf(fixedScript), edited);
  });
}
