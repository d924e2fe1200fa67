// The rules run in this process on a document's texts, as `memhints check`
// runs them (every rule, small findings too, the code's target version): what
// each one-by-one step asks for after the text has changed.
import { ALL_RULES, lintText, NotebookModule, NotCheckable, pythonParser } from './compiled.mjs';

/** `fixesIn(kind, texts)`: the fixes of a document's units, `{ code, safety, unit, start, end, edits }`, or undefined when it cannot be checked. */
export async function engineFor(pythonVersion) {
  const parser = await pythonParser();
  const options = { rules: ALL_RULES, ignoreNoqa: false, reportSmall: true, pythonVersion };
  const lint = (text) => {
    try {
      return lintText(parser, text, options);
    } catch (error) {
      if (error instanceof NotCheckable) return undefined;
      throw error;
    }
  };
  return {
    fixesIn(kind, texts) {
      if (kind === 'python') {
        const findings = lint(texts[0]);
        return findings?.filter(hasFix).map((finding) => fixOf(finding, 0));
      }
      const module = new NotebookModule(texts);
      const findings = lint(module.source);
      if (!findings) return undefined;
      return module
        .cellFindings(findings)
        .filter(({ finding }) => hasFix(finding))
        .map(({ cell, finding }) => fixOf(finding, cell.index));
    },
  };
}

function hasFix(finding) {
  return finding.fix !== undefined && finding.fix.edits.length > 0;
}

function fixOf(finding, unit) {
  const edits = [...finding.fix.edits]
    .sort((a, b) => a.start - b.start)
    .map(({ start, end, text }) => ({ start, end, text }));
  return { code: finding.code, safety: finding.fix.safety, unit, start: finding.start, end: finding.end, edits };
}
