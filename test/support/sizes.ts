// Size estimates of `value = <expression>` programs, and what python3 measures for the same programs.
import { DocumentFacts } from '../../server/src/semantics/facts';
import { parse, pythonParser } from '../../server/src/document/parser';
import type { CPythonLayout, PythonVersion } from '../../server/src/sizes/cpython';
import { estimateSize, type Estimate } from '../../server/src/estimates/estimate';
import { runPythonJson } from './python';
import { parsed as parseSource } from './tree';

/** A program: setup lines, then `value = expression`. */
export interface SizeCase {
  readonly setup?: string;
  readonly expression: string;
  /** The first Python version with the syntax or API the case uses. */
  readonly since?: PythonVersion;
  /** A module outside the standard library that the case imports (numpy). */
  readonly module?: string;
  /**
   * The first release of `module` whose layout the model describes for this
   * case, and what older releases do differently: with an older release the
   * case does not apply (the model cannot tell which release a program imports).
   */
  readonly moduleSince?: { readonly version: string; readonly why: string };
}

export function programOf(sizeCase: SizeCase): string {
  return `${sizeCase.setup ? `${sizeCase.setup}\n` : ''}value = ${sizeCase.expression}\n`;
}

/** The estimate of `expression` where it stands in `source` (its first occurrence), with the document's facts. */
export async function estimateOf(source: string, expression: string): Promise<Estimate | undefined> {
  const parsed = await parseSource(source);
  try {
    return estimateSize(parsed.expression(expression), { facts: parsed.facts });
  } finally {
    parsed.tree.delete();
  }
}

/** The estimate of the right-hand side of the program's last statement. */
export async function estimateProgram(program: string, layout: CPythonLayout): Promise<Estimate | undefined> {
  const tree = parse(await pythonParser(), program);
  try {
    const statements = tree.rootNode.namedChildren;
    const assignment = statements[statements.length - 1]?.namedChild(0);
    const value = assignment?.childForFieldName('right');
    if (!value) throw new Error(`no assignment at the end of:\n${program}`);
    return estimateSize(value, { layout, facts: new DocumentFacts(tree.rootNode) });
  } finally {
    tree.delete();
  }
}

export interface Measurement {
  readonly shallow?: number;
  readonly deep?: number;
  readonly alternative?: number;
  readonly error?: string;
  /** The case's module, when the interpreter cannot import it. */
  readonly missingModule?: string;
  /** The `__version__` of the case's module ("1.19.5"). */
  readonly moduleVersion?: string;
}

export interface Measurements {
  /** "3.11" */
  readonly version: string;
  readonly pointerSize: number;
  readonly results: readonly Measurement[];
}

/**
 * Python's deep size: every object reachable through list, tuple, set and dict
 * items, each id() counted once (so a shared small int or constant counts
 * once). Needs `sys` imported.
 */
export const PYTHON_DEEP_SIZE = String.raw`
def deep_size(root):
    seen = set()
    total = 0
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
    return total
`;

/**
 * Python's loop over the cases on stdin: measure(case, namespace) gives each
 * case's figures, in a namespace that has `array`; a case whose module does
 * not import, or that raises, says so instead. Needs array, importlib,
 * importlib.util, json and sys imported.
 */
export const PYTHON_CASE_LOOP = String.raw`
def measured_cases(measure):
    results = []
    for case in json.load(sys.stdin):
        if case.get("module") and importlib.util.find_spec(case["module"]) is None:
            results.append({"missingModule": case["module"]})
            continue
        namespace = {"array": array}
        try:
            result = {}
            if case.get("module"):
                result["moduleVersion"] = importlib.import_module(case["module"]).__version__
            result.update(measure(case, namespace))
            results.append(result)
        except Exception as error:
            results.append({"error": repr(error)})
    return results
`;

const MEASURE = String.raw`
import array, importlib, importlib.util, json, sys
${PYTHON_DEEP_SIZE}
${PYTHON_CASE_LOOP}

def sizes(case, namespace):
    exec(compile(case["program"], "<case>", "exec"), namespace)
    value = namespace["value"]
    result = {"shallow": sys.getsizeof(value), "deep": deep_size(value)}
    if case.get("alternative"):
        result["alternative"] = sys.getsizeof(eval(case["alternative"], namespace))
    return result

results = measured_cases(sizes)
print(json.dumps({
    "version": "%d.%d" % sys.version_info[:2],
    "pointerSize": 8 if sys.maxsize > 2**32 else 4,
    "results": results,
}))
`;

/** Runs every program (and each alternative expression after it) in one process of `python`. */
export function measureInPython(
  programs: readonly { program: string; alternative?: string; module?: string }[],
  python = 'python3',
): Measurements {
  return runPythonJson<Measurements>(MEASURE, programs, python);
}
