// The oracle's figures as text: totals, one line per rule, per corpus and per
// interpreter, then each failure.
import { CHECKS } from './tally.mjs';

export function reportText(figures) {
  const { totals, settings } = figures;
  const lines = [];
  const sample = settings.sample === null ? 'every file' : `${settings.sample} files per corpus, seed ${settings.seed}`;
  lines.push(`fix oracle: ${sample}; ${settings.orders} orders one by one`);
  lines.push(
    `files ${totals.files}, with fixes ${totals.documents}; fixes ${totals.fixes} (${totals.safe} safe, ${totals.unsafe} unsafe), checked ${totals.checked}`,
  );
  lines.push(
    `one-by-one steps checked too: ${totals.steps} on changed text, ${totals.revealed} revealed by other fixes; files fixed all at once: ${totals.wholeFiles}`,
  );
  lines.push(`failures ${totals.failures} (safe fixes: ${totals.safeFailures}): ${checkCounts(figures.byCheck)}`);
  lines.push('', table('rule', figures.byRule), '', table('corpus', figures.byCorpus, true), '');
  lines.push('interpreter                                          cases  skipped  failed');
  for (const python of figures.interpreters)
    lines.push(
      `${`${python.version} ${python.command}`.padEnd(52)} ${pad(python.cases, 6)} ${pad(python.skipped, 8)} ${pad(python.failed, 7)}`,
    );
  for (const failure of figures.failures) {
    const cell = failure.cell === undefined ? '' : ` cell ${failure.cell}`;
    const pythons = failure.pythons.length > 0 ? ` [${failure.pythons.join(', ')}]` : '';
    lines.push(
      '',
      `FAIL ${failure.check} (${failure.kind}, ${failure.codes.join('+')} ${failure.safety}) ${failure.file}${cell}${pythons}`,
      `  ${failure.detail}`,
    );
  }
  if (settings.workspace) lines.push('', `workspace kept in ${settings.workspace}`);
  return `${lines.join('\n')}\n`;
}

function table(title, rows, withFiles = false) {
  const head = `${title.padEnd(44)}${withFiles ? '  files  sampled  w/fixes' : ''}  fixes   safe unsafe checked  failed (safe)`;
  const body = Object.entries(rows).map(([name, counts]) => {
    const files = withFiles ? `  ${pad(counts.files, 5)}  ${pad(counts.sampled, 7)}  ${pad(counts.documents, 7)}` : '';
    const checks = counts.failures > 0 ? `  ${checkCounts(counts.byCheck)}` : '';
    return `${name.slice(0, 44).padEnd(44)}${files}  ${pad(counts.fixes, 5)} ${pad(counts.safe, 6)} ${pad(counts.unsafe, 6)} ${pad(counts.checked, 7)}  ${pad(counts.failures, 6)} ${pad(`(${counts.safeFailures})`, 5)}${checks}`;
  });
  return [head, ...body].join('\n');
}

function checkCounts(byCheck) {
  const parts = CHECKS.filter((check) => byCheck[check]).map((check) => `${check} ${byCheck[check]}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function pad(value, width) {
  return String(value).padStart(width);
}
