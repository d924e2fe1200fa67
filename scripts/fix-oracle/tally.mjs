// The oracle's figures: fixes checked and failures, by rule, by corpus, by
// check and by interpreter, and each failure with what it was.

/** The checks, in the order reports list them. */
export const CHECKS = ['parse', 'tree', 'comments', 'engine', 'order', 'second run'];

export class Tally {
  #settings;
  #corpora = new Map();
  #rules = new Map();
  #cases = [];
  #failures = [];

  constructor({ corpora, sample, seed, orders }) {
    this.#settings = { sample: sample ?? null, seed, orders };
    for (const corpus of corpora)
      this.#corpora.set(corpus.label, {
        dir: corpus.dir,
        pythonVersion: corpus.pythonVersion,
        files: 0,
        sampled: 0,
        documents: 0,
        ...blankCounts(),
      });
  }

  corpusFiles(label, total, sampled) {
    Object.assign(this.#corpora.get(label), { files: total, sampled });
  }

  documentFixes(where, fixes) {
    const corpus = this.#corpora.get(where.corpus);
    corpus.documents++;
    for (const fix of fixes) {
      for (const counts of [corpus, this.#rule(fix.code)]) {
        counts.fixes++;
        counts[fix.safety]++;
      }
    }
  }

  /** A fixed text of one fix: `kind` is 'fix' (as the CLI listed it), 'step' or 'revealed' (one-by-one). */
  fixCase(id, where, fix, kind) {
    this.#cases[id] = { kind, where, codes: [fix.code], safety: fix.safety, unit: fix.unit };
  }

  /** A unit as --fix wrote it: `mode` 'safe' or 'all'. */
  wholeCase(id, where, codes, mode, unit) {
    this.#cases[id] = { kind: `all at once (${mode})`, where, codes: [...new Set(codes)], safety: mode, unit };
  }

  documentFailure(where, fixes, check, detail) {
    const safety = fixes.every((fix) => fix.safety === 'safe') ? 'safe' : 'unsafe';
    this.#fail({ check, where, codes: [...new Set(fixes.map((fix) => fix.code))].sort(), safety, detail });
  }

  /** The helper's answers, one per interpreter (see pythonChecks.mjs). */
  verdicts(results) {
    const byCase = this.#cases.map(() => ({ parsedBy: 0, failures: new Map() }));
    this.#interpreterFigures = results.map(({ interpreter, cases }) => {
      const figures = { command: interpreter.command, version: interpreter.full, cases: 0, skipped: 0, failed: 0 };
      for (const verdict of cases) {
        figures.cases++;
        const seen = byCase[verdict.id];
        if (verdict.status === 'skipped') {
          figures.skipped++;
          continue;
        }
        seen.parsedBy++;
        if (verdict.status === 'failed') figures.failed++;
        // One failure per check of a case, whichever interpreters saw it (each words the tree its own way).
        for (const failure of verdict.failures) {
          const known = seen.failures.get(failure.check) ?? { detail: failure.detail, pythons: [] };
          seen.failures.set(failure.check, { ...known, pythons: [...known.pythons, interpreter.version] });
        }
      }
      return figures;
    });
    for (const [id, seen] of byCase.entries()) {
      const info = this.#cases[id];
      info.parsed = seen.parsedBy > 0;
      const counts = info.kind === 'fix' ? [this.#corpora.get(info.where.corpus), this.#rule(info.codes[0])] : [];
      for (const count of counts) count.checked += info.parsed ? 1 : 0;
      for (const [check, { detail, pythons }] of seen.failures) {
        const safety = info.safety === 'all' ? 'unsafe' : info.safety;
        this.#fail({
          check,
          where: info.where,
          codes: info.codes,
          safety,
          detail,
          kind: info.kind,
          unit: info.unit,
          pythons,
        });
      }
    }
  }

  #interpreterFigures = [];

  #rule(code) {
    if (!this.#rules.has(code)) this.#rules.set(code, blankCounts());
    return this.#rules.get(code);
  }

  #fail({ check, where, codes, safety, detail, kind = 'document', unit, pythons = [] }) {
    const cell = unit === undefined ? undefined : where.document.units[unit]?.number;
    this.#failures.push({
      check,
      kind,
      corpus: where.corpus,
      file: where.file,
      ...(cell === undefined ? {} : { cell }),
      codes,
      safety,
      detail,
      pythons,
    });
    const counted = [this.#corpora.get(where.corpus), ...codes.map((code) => this.#rule(code))];
    for (const counts of counted) {
      counts.failures++;
      if (safety === 'safe') counts.safeFailures++;
      counts.byCheck[check] = (counts.byCheck[check] ?? 0) + 1;
    }
  }

  figures(workspace) {
    const kinds = (kind) => this.#cases.filter((info) => info.kind === kind);
    const fixCases = kinds('fix');
    return {
      settings: { ...this.#settings, ...(workspace ? { workspace } : {}) },
      interpreters: this.#interpreterFigures,
      totals: {
        files: sum(this.#corpora, 'sampled'),
        documents: sum(this.#corpora, 'documents'),
        fixes: fixCases.length,
        safe: fixCases.filter((info) => info.safety === 'safe').length,
        unsafe: fixCases.filter((info) => info.safety === 'unsafe').length,
        checked: fixCases.filter((info) => info.parsed).length,
        unparsed: fixCases.filter((info) => !info.parsed).length,
        steps: kinds('step').length,
        revealed: kinds('revealed').length,
        wholeFiles: this.#cases.filter((info) => info.kind.startsWith('all at once')).length,
        failures: this.#failures.length,
        safeFailures: this.#failures.filter((failure) => failure.safety === 'safe').length,
      },
      byCheck: Object.fromEntries(
        CHECKS.map((check) => [check, this.#failures.filter((failure) => failure.check === check).length]),
      ),
      byRule: Object.fromEntries([...this.#rules].sort(([a], [b]) => a.localeCompare(b))),
      byCorpus: Object.fromEntries(this.#corpora),
      failures: this.#failures,
    };
  }
}

function blankCounts() {
  return { fixes: 0, safe: 0, unsafe: 0, checked: 0, failures: 0, safeFailures: 0, byCheck: {} };
}

function sum(map, key) {
  return [...map.values()].reduce((total, counts) => total + counts[key], 0);
}
