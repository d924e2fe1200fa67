// The rule fixtures, found by name: test/fixtures/rules/MEMxxx.py, or
// MEMxxx-topic.py for cases that need a file of their own. Nothing here lists
// rule codes; a fixture names its rule.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEFAULT_SAMPLE_LIMITS } from '../../server/src/data/dataEstimate';
import { defaultDataFiles } from '../../server/src/data/estimators';
import { dataReadScales } from '../../server/src/engine/dataReadScales';
import { ruleByCode } from '../../server/src/rules';
import type { Rule } from '../../server/src/rules/types';
import type { DataReadScales } from '../../server/src/scale/dataScale';
import type { MachineMemory } from '../../server/src/scale/memoryLimit';
import { DEFAULT_SMALL_BYTES } from '../../server/src/scale/scale';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { findingsIn } from '../support/analyze';
import { FIXTURES } from '../support/paths';

export const RULE_FIXTURES = join(FIXTURES, 'rules');

/** The machine the fixtures are checked on: small, so that the data files beside them (data/) are large for it. */
const FIXTURE_MACHINE: MachineMemory = { total: () => 256 * 1024, available: () => 160 * 1024 };

const fixtureDataFiles = defaultDataFiles([RULE_FIXTURES]);

/** Reads in the fixture `file`, as the editor sees them with the fixtures' folder as its workspace. */
export function fixtureDataReads(file: string): DataReadScales {
  return dataReadScales(fixtureDataFiles, {
    documentPath: join(RULE_FIXTURES, file),
    layout: CPYTHON[DEFAULT_PYTHON_VERSION],
    smallBytes: DEFAULT_SMALL_BYTES,
    sampleBytes: DEFAULT_SAMPLE_LIMITS.maxSampleBytes,
    memoryBudget: 0,
    machine: FIXTURE_MACHINE,
  });
}
const FIXTURE_NAME = /^(MEM\d+)(-[a-z0-9-]+)?\.py$/;

export interface RuleFixture {
  /** The file name, e.g. MEM201-attributes.py. */
  readonly file: string;
  /** The file name without .py, which its snapshot shares. */
  readonly name: string;
  /** The rule the name gives; undefined for a file named after no rule. */
  readonly rule: Rule | undefined;
  readonly source: () => string;
}

/** Every *.py in the rule fixtures folder, in name order. */
export function ruleFixtures(): RuleFixture[] {
  return readdirSync(RULE_FIXTURES)
    .filter((file) => file.endsWith('.py'))
    .sort()
    .map((file) => {
      const code = FIXTURE_NAME.exec(file)?.[1];
      return {
        file,
        name: basename(file, '.py'),
        rule: code === undefined ? undefined : ruleByCode(code),
        source: () => readFileSync(join(RULE_FIXTURES, file), 'utf8'),
      };
    });
}

/**
 * Analyses, with every rule, the source cut short at each offset and the
 * source rotated there (its end pasted before its start): code being typed,
 * with cuts mid-token, mid-string and mid-block. Throws what a rule throws.
 */
export async function analyseCutDowns(source: string, offsets: Iterable<number>): Promise<void> {
  for (const cut of offsets) {
    await findingsIn(source.slice(0, cut));
    await findingsIn(source.slice(cut) + source.slice(0, cut));
  }
}

/** `count` offsets spread evenly over a text of `length` characters. */
export function spreadOffsets(length: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => Math.floor(((index + 0.5) * length) / count));
}

/** Every `stride`-th offset of a text of `length` characters. */
export function everyOffset(length: number, stride: number): number[] {
  return Array.from({ length: Math.ceil(length / stride) }, (_, index) => index * stride);
}
