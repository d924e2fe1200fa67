// The rule registry: every rule memhints ships, in code order.
import { mem101 } from './mem101-generator-in-call';
import { mem102 } from './mem102-loop-over-copy';
import { mem103 } from './mem103-list-of-range';
import { mem104 } from './mem104-len-of-materialised';
import { mem105 } from './mem105-nested-copy';
import { mem106 } from './mem106-read-whole-file';
import { mem107 } from './mem107-whole-file-copy';
import { mem108 } from './mem108-download-without-stream';
import { mem110 } from './mem110-item-of-materialised';
import { mem111 } from './mem111-unpacked-into-chain';
import { mem201 } from './mem201-string-concat-in-loop';
import { mem202 } from './mem202-cache-on-method';
import { mem204 } from './mem204-concat-in-loop';
import { mem205 } from './mem205-quadratic-list-sum';
import { mem301 } from './mem301-slots-for-many-instances';
import { mem401 } from './mem401-read-csv-usecols';
import { mem402 } from './mem402-iterrows';
import { mem403 } from './mem403-array-from-comprehension';
import { mem404 } from './mem404-read-exceeds-memory';
import { mem405 } from './mem405-text-column-as-category';
import { mem406 } from './mem406-count-of-filtered-frame';
import { mem407 } from './mem407-column-of-filtered-frame';
import { mem408 } from './mem408-tolist-of-float-column';
import { mem409 } from './mem409-densified-sparse-matrix';
import { mem410 } from './mem410-row-by-index-in-loop';
import { mem411 } from './mem411-apply-along-rows';
import { mem412 } from './mem412-frames-kept-after-concat';
import { mem413 } from './mem413-low-memory-false';
import { mem414 } from './mem414-item-arrays-stacked';
import { mem501 } from './mem501-loss-kept-with-graph';
import { mem502 } from './mem502-inference-without-no-grad';
import { mem503 } from './mem503-metric-kept-as-tensor';
import type { Rule } from './types';

export const ALL_RULES: readonly Rule[] = [
  mem101,
  mem102,
  mem103,
  mem104,
  mem105,
  mem106,
  mem107,
  mem108,
  mem110,
  mem111,
  mem201,
  mem202,
  mem204,
  mem205,
  mem301,
  mem401,
  mem402,
  mem403,
  mem404,
  mem405,
  mem406,
  mem407,
  mem408,
  mem409,
  mem410,
  mem411,
  mem412,
  mem413,
  mem414,
  mem501,
  mem502,
  mem503,
];

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.code === code.toUpperCase());
}
