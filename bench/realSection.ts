// (i) what users live with on real code: the editor's wait for diagnostics
// while a user edits real files (bench/realEditing.ts), against Ruff's check
// of the same text; the first diagnostics of a file just opened, cold and
// warm; and `memhints check` as a whole process (bench/cliProcess.ts). The
// generated module of (d) is shown beside them, measured as (d) measures it.
import type { Workspace } from '@astral-sh/ruff-wasm-nodejs';
import type { Parser } from 'web-tree-sitter';
import type { CliResult } from './cliProcess';
import type { Corpus } from './corpus';
import type { EditingResult } from './editing';
import { count, ms } from './format';
import { keystrokeParts, type KeystrokeParts } from './keystrokeParts';
import { editRealFile, latency, type Latency, type OpenLatency, type RealEditsOfFile } from './realEditing';
import { realTexts } from './realTexts';
import { below, KEYSTROKE_P99_GOAL_MS, type Target } from './targets';
import { startUp, startUpLines, startUpTargets, type StartUpScale } from './startUpSection';
import { userEdits } from './userEdits';

export interface RealScale extends StartUpScale {
  /** Edits of each real file. */
  readonly edits: number;
  /** Checks of each file by Ruff before the edits (see warmUp). */
  readonly ruffWarmUps: number;
}

/** A file's edits over LSP, and the same edits in process: the reparse and the analysis apart. */
type RealFile = RealEditsOfFile & { readonly inProcess: KeystrokeParts };

export interface RealResult {
  readonly files: readonly RealFile[];
  /** The edits of every real file, pooled. */
  readonly all: {
    readonly edits: Latency;
    readonly ruffCheck: Latency;
    readonly p50ToRuff: number;
    readonly serverOnCpu: Latency;
    readonly serverWaiting: Latency;
  };
  readonly notebookSkipped: string | undefined;
  readonly opens: readonly OpenLatency[];
  /** (d)'s figures for the generated module, for comparison. */
  readonly generated: EditingResult & { readonly lines: number };
  readonly cli: CliResult;
}

/** What the section needs measured elsewhere: the generated module's (d) and the stdlib's parse floor (a). */
export interface RealInputs {
  readonly parser: Parser;
  readonly ruff: Workspace;
  readonly stdlib: Corpus;
  readonly floorLinesPerSecond: number;
  readonly generated: EditingResult & { readonly lines: number };
  /** Node options for the servers the edits are timed in (--cpu-prof). */
  readonly serverArgs: readonly string[];
}

export async function realCode(
  repoRoot: string,
  cwd: string,
  inputs: RealInputs,
  scale: RealScale,
  log: (text: string) => void,
): Promise<RealResult> {
  const { texts, notebookSkipped } = realTexts();
  log('(i) Ruff warmed up on the real files');
  await warmUp(
    inputs.ruff,
    texts.map((file) => file.text),
    scale.ruffWarmUps,
  );
  const files: RealFile[] = [];
  const editMs: number[] = [];
  const ruffMs: number[] = [];
  const onCpuMs: number[] = [];
  const waitingMs: number[] = [];
  for (const file of texts) {
    log(`(i) ${count(scale.edits)} edits of ${file.name} over LSP, each checked by Ruff too`);
    const edited = await editRealFile(repoRoot, inputs.parser, file, scale.edits, inputs.ruff, inputs.serverArgs);
    log(`(i) the same edits of ${file.name} in process: reparse and analysis apart`);
    const changes = (function* () {
      for (const edit of userEdits(inputs.parser, file.text, scale.edits)) yield edit.change;
    })();
    const inProcess = await keystrokeParts(inputs.parser, file.text, changes, KEYSTROKE_P99_GOAL_MS);
    files.push({ ...edited.result, inProcess });
    editMs.push(...edited.editMs);
    ruffMs.push(...edited.ruffMs);
    onCpuMs.push(...edited.onCpuMs);
    waitingMs.push(...edited.waitingMs);
  }
  const { opens, cli } = await startUp(repoRoot, cwd, inputs.stdlib, inputs.floorLinesPerSecond, scale, log);
  const edits = latency(editMs);
  const ruffCheck = latency(ruffMs);
  return {
    files,
    all: {
      edits,
      ruffCheck,
      p50ToRuff: edits.p50Ms / ruffCheck.p50Ms,
      serverOnCpu: latency(onCpuMs),
      serverWaiting: latency(waitingMs),
    },
    notebookSkipped,
    opens,
    generated: inputs.generated,
    cli,
  };
}

/**
 * Ruff's checks in a process that has not checked much yet take several times
 * as long as later ones (argparse.py: 50-150 ms against 5-15 ms), and its first
 * takes a second (V8 compiles its WASM code); nor do checks one right after
 * the other speed up as much as checks with turns of the event loop between
 * them. So each text is checked `rounds` times, with a turn between checks, as
 * between the edits' checks.
 */
export async function warmUp(ruff: Workspace, texts: readonly string[], rounds: number): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      ruff.check(text);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export function realTargets(result: RealResult): [Target, string][] {
  const { edits, ruffCheck, p50ToRuff } = result.all;
  return [
    [
      below('(i) real files: edit p50 vs Ruff-WASM check p50', p50ToRuff, 1, '×'),
      `${ms(edits.p50Ms)} vs ${ms(ruffCheck.p50Ms)} (${p50ToRuff.toFixed(2)}×)`,
    ],
    [below('(i) real files: edit p99', edits.p99Ms, KEYSTROKE_P99_GOAL_MS, ' ms'), ms(edits.p99Ms)],
    ...startUpTargets(result.opens, result.cli),
  ];
}

/** The section's lines as the bench prints them. */
export function realLines(result: RealResult): string[] {
  const row = (name: string, lines: string, edits: Latency, ruffP50: string, ratio: string, rest: string) =>
    `    ${name.padEnd(38)}${lines.padStart(6)}${count(edits.samples).padStart(7)}   ${ms(edits.p50Ms).padEnd(10)}${ms(edits.p99Ms).padEnd(10)}${ms(edits.maxMs).padEnd(11)}${ruffP50.padEnd(11)}${ratio.padEnd(8)}${rest}`;
  const lines = [
    '(i) real code over LSP: a line typed in a function a key at a time, a function of 10–30 lines cut, then pasted elsewhere; the edits accumulate',
    `    ${'file'.padEnd(38)}${'lines'.padStart(6)}${'edits'.padStart(7)}   ${'p50'.padEnd(10)}${'p99'.padEnd(10)}${'max'.padEnd(11)}${'Ruff p50'.padEnd(11)}${'/Ruff'.padEnd(8)}keys p99; cuts and pastes p50, max`,
  ];
  for (const file of result.files)
    lines.push(
      row(
        file.name,
        count(file.lines),
        file.edits,
        ms(file.ruffCheck.p50Ms),
        `${file.p50ToRuff.toFixed(2)}×`,
        `${ms(file.keystrokes.p99Ms)}; ${file.blockEdits.samples > 0 ? `${ms(file.blockEdits.p50Ms)}, ${ms(file.blockEdits.maxMs)}` : 'none'}${file.partial > 0 ? ` (${file.partial} partial)` : ''}`,
      ),
    );
  const { all } = result;
  lines.push(row('all real files', '', all.edits, ms(all.ruffCheck.p50Ms), `${all.p50ToRuff.toFixed(2)}×`, ''));
  const syntaxErrors = result.files.reduce((sum, file) => sum + file.ruffSyntaxErrors, 0);
  lines.push(
    `    Ruff found a syntax error in the text of ${count(syntaxErrors)} of the ${count(all.edits.samples)} edits (a line half typed), and then runs none of its rules`,
  );
  lines.push(
    `    the server's main thread per edit, all real files: on a CPU p50 ${ms(all.serverOnCpu.p50Ms)}, p99 ${ms(all.serverOnCpu.p99Ms)}; waiting for a CPU (the machine's load) p50 ${ms(all.serverWaiting.p50Ms)}, p99 ${ms(all.serverWaiting.p99Ms)}`,
  );
  lines.push(
    `    in process, the same edits: incremental reparse and analysis apart (p50 / p99), reparses over ${KEYSTROKE_P99_GOAL_MS} ms`,
  );
  for (const file of result.files) {
    const { reparse, analysis, slowReparses, keystrokes } = file.inProcess;
    lines.push(
      `      ${file.name.padEnd(36)}reparse ${ms(reparse.p50Ms)} / ${ms(reparse.p99Ms)}, analysis ${ms(analysis.p50Ms)} / ${ms(analysis.p99Ms)}, ${slowReparses} of ${count(keystrokes)} reparses; chunks analysed p50 ${file.inProcess.chunks.p50}, max ${file.inProcess.chunks.max} of ${file.inProcess.chunks.of}`,
    );
  }
  const generated = result.generated;
  lines.push(
    row(
      'generated module, as in (d)',
      count(generated.lines),
      { samples: generated.keystrokes, p50Ms: generated.p50Ms, p99Ms: generated.p99Ms, maxMs: generated.maxMs },
      ms(generated.ruffCheckP50Ms),
      `${(generated.p50Ms / generated.ruffCheckP50Ms).toFixed(2)}×`,
      'single characters typed and taken back',
    ),
  );
  if (result.notebookSkipped) lines.push(`    notebook: ${result.notebookSkipped}`);
  lines.push(...startUpLines(result.opens, result.cli));
  return lines;
}
