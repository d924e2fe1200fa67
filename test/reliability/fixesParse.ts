// For the edit fuzzer: each code action the server offers, applied, must leave
// a text python3 parses wherever the text before it parsed. The texts wait
// here and go to one python3 process per flush.
import { runPythonJson } from '../support/python';

/** Parses each text's UTF-8 bytes (as a file is read: a byte order mark is read as one); prints the index of each fix that breaks a text that parsed. */
const SCRIPT = `
import ast, json, sys, warnings
warnings.simplefilter("ignore")
def error(text):
    try:
        ast.parse(text.encode("utf-8", "surrogatepass"))
        return None
    except (SyntaxError, ValueError) as e:
        return repr(e)
result = {"parsed": 0, "fixes": 0, "broken": []}
for index, item in enumerate(json.load(sys.stdin)):
    if error(item["text"]) is not None:
        continue
    result["parsed"] += 1
    for fix, fixed in enumerate(item["fixed"]):
        result["fixes"] += 1
        why = error(fixed)
        if why is not None:
            result["broken"].append([index, fix, why])
json.dump(result, sys.stdout)
`;

interface Pending {
  readonly where: string;
  readonly text: string;
  readonly titles: readonly string[];
  readonly fixed: readonly string[];
}

export class FixesParse {
  /** Texts python3 parsed, and the fixes applied to them. */
  parsedTexts = 0;
  fixesChecked = 0;
  private pending: Pending[] = [];

  /** A text and what each action offered on it makes of it. */
  add(where: string, text: string, fixes: readonly { title: string; text: string }[]): void {
    if (fixes.length === 0) return;
    this.pending.push({ where, text, titles: fixes.map((fix) => fix.title), fixed: fixes.map((fix) => fix.text) });
  }

  /** Runs python3 on what was added since the last flush; one message per fix that breaks a text that parsed. */
  flush(): string[] {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return [];
    const result = runPythonJson<{ parsed: number; fixes: number; broken: [number, number, string][] }>(
      SCRIPT,
      pending.map(({ text, fixed }) => ({ text, fixed })),
    );
    this.parsedTexts += result.parsed;
    this.fixesChecked += result.fixes;
    return result.broken.map(([index, fix, why]) => {
      const item = pending[index]!;
      return `${item.where}: "${item.titles[fix]}" leaves text python3 does not parse (${why}), where the text before it parsed:\n${JSON.stringify(item.text.length > 4000 ? `${item.text.slice(0, 4000)}…` : item.text)}`;
    });
  }
}
