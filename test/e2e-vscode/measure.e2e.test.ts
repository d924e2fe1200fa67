// "memhints: Measure memory of this file" in a real VS Code, in a trusted folder: the
// measured figure after the line (checked against tracemalloc run by python3 on the same
// script) beside the size model's estimate (checked against python3's own sizes), the
// hover with where the memory went, and "memhints: Clear measurements".
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { runPythonJson } from '../support/python';
import { measureInPython } from '../support/sizes';
import { decoratedLines } from './decorations';
import { bytesOf, unitOf } from './figures';
import { withoutDigitGrouping } from './python';
import { useVsCode } from './session';
import { waitFor } from './waits';

const SCRIPT_NAME = 'numbers.py';
const NUMBERS = 'numbers = list(range(300_000))';
const DUMPS = 'text = json.dumps(numbers)';
const SCRIPT = `# A list of 300,000 ints, and its JSON text made by the json package.\nimport json\n\n${NUMBERS}\n${DUMPS}\nprint(len(numbers), len(text))\n`;

/** Bytes each line of the script holds at its end, from tracemalloc's statistics("lineno") in a python3 of its own. */
const DIRECT_TRACEMALLOC = `
import contextlib, io, json, runpy, sys, tracemalloc
script = json.load(sys.stdin)["script"]
sys.argv = [script]
tracemalloc.start(32)
with contextlib.redirect_stdout(io.StringIO()):
    namespace = runpy.run_path(script, run_name="__main__")
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
lines = {}
for statistic in snapshot.statistics("traceback"):
    line = next((frame.lineno for frame in reversed(list(statistic.traceback)) if frame.filename == script), None)
    if line is not None:
        lines[line] = lines.get(line, 0) + statistic.size
print(json.dumps(lines))
`;

/** A measured line's label, in its long form ("measured peak …") or a short one ("peak …", where the line leaves less room). */
const isMeasuredLabel = (text: string) => /^(?:measured )?peak /.test(text);

/** The decoration text after the line holding `code`, once one is drawn. */
async function decorationAfter(page: Parameters<typeof decoratedLines>[0], code: string): Promise<string> {
  return waitFor(`a measurement after "${code}"`, async () => {
    const line = (await decoratedLines(page)).find((shown) => shown.text.includes(code));
    return line?.decorations.find(isMeasuredLabel);
  });
}

const LONG_NAME = 'zeros_under_a_name_longer_than_most';
const LONG_LINE = `${LONG_NAME} = [0] * 1_000_000 + [1] * 500_000  # both kept`;
const SHORT_LINE = 'short = [0] * 1_000_000';
const LONG_SCRIPT = `# A short line and a long one, each holding a list.\n${SHORT_LINE}\n${LONG_LINE}\nprint(len(short), len(${LONG_NAME}))\n`;

describe('memhints measures a script in VS Code', { timeout: 10 * 60_000 }, () => {
  const { scenario, folder } = useVsCode({
    workspaceFiles: { [SCRIPT_NAME]: SCRIPT, 'long_line.py': LONG_SCRIPT },
  });

  scenario(
    'the measure command puts the measured peak and the estimate after each line, the hover says where the memory went, and clear removes them',
    async (workbench) => {
      const script = `${folder()}/${SCRIPT_NAME}`;
      const direct = runPythonJson<Record<string, number>>(DIRECT_TRACEMALLOC, { script });
      const [deepList] = measureInPython([{ program: `value = ${NUMBERS.replace('numbers = ', '')}` }]).results.map(
        (result) => result.deep!,
      );

      await workbench.openFile(SCRIPT_NAME);
      await workbench.runCommand('memhints: Measure memory of this file');
      const numbersText = await decorationAfter(workbench.page, NUMBERS);
      await workbench.screenshot('measure-decorations');
      // All the words, or the short ones where the inlay hint leaves too little room before column 80.
      const [, measured, estimated] =
        /^(?:measured )?peak ([\d.]+ \w+) · est(?:imated|\.) ([\d.]+ \w+)$/.exec(numbersText) ?? [];
      assert.ok(measured && estimated, `after ${NUMBERS}: ${JSON.stringify(numbersText)}`);
      const numbersLine = SCRIPT.split('\n').indexOf(NUMBERS) + 1;
      const held = direct[numbersLine]!;
      assert.ok(
        Math.abs(bytesOf(measured) - held) <= held * 0.1,
        `measured ${measured}; tracemalloc run by python3 directly: ${held} bytes`,
      );
      // Shown to a tenth of a unit: within half a tenth of what python3 says the list and its ints take.
      assert.ok(
        Math.abs(bytesOf(estimated) - deepList) <= 0.05 * unitOf(estimated),
        `estimated ${estimated}; python3: ${deepList} bytes`,
      );

      // json.dumps: measured, but the size model has no estimate for it.
      const dumpsText = await decorationAfter(workbench.page, DUMPS);
      assert.match(dumpsText, /^(?:measured )?peak [\d.]+ \w+$/);
      const dumpsHeld = direct[numbersLine + 1]!;
      assert.ok(
        Math.abs(bytesOf(dumpsText.replace(/^(?:measured )?peak /, '')) - dumpsHeld) <= dumpsHeld * 0.1,
        `${dumpsText}; python3 directly: ${dumpsHeld} bytes`,
      );

      const hover = withoutDigitGrouping((await workbench.hoverOver('json.dumps', { timeoutMs: 15_000 })) ?? '');
      await workbench.screenshot('measure-hover');
      await workbench.pressEscape();
      assert.match(hover, /memhints: measured peak/);
      assert.match(hover, /The size model has no estimate for this line/);
      assert.match(
        hover,
        /json\/encoder\.py:\d+ ← json\/__init__\.py:\d+/,
        `the hover does not say where inside json the memory went: ${hover}`,
      );

      await workbench.runCommand('memhints: Clear measurements');
      await waitFor('the measurements to be cleared', async () =>
        (await decoratedLines(workbench.page)).some((line) => line.decorations.some(isMeasuredLabel))
          ? undefined
          : true,
      );
    },
  );

  scenario(
    'a label that would run past the right edge is shortened to the one figure, the hover has the full text',
    async (workbench) => {
      // The editor wider than the 80 columns labels end by, with room for the long line's inlay hint too.
      await workbench.runCommand('View: Close Primary Side Bar');
      await workbench.openFile('long_line.py');
      await workbench.runCommand('memhints: Measure memory of this file');
      const lines = await waitFor('measurements after both lines', async () => {
        const shown = await decoratedLines(workbench.page);
        const long = shown.find((line) => line.text.startsWith(LONG_NAME));
        const short = shown.find((line) => line.text === SHORT_LINE);
        return long?.decorationsEnd !== undefined && short?.decorationsEnd !== undefined ? { long, short } : undefined;
      });
      await workbench.screenshot('measure-long-line');
      // The short line has room for all the words; the long one (past column 80) only for its peak.
      assert.match(lines.short.decorations.join(''), /^measured peak [\d.]+ \w+ · estimated [\d.]+ \w+$/);
      assert.match(lines.long.decorations.join(''), /^peak [\d.]+ \w+$/);
      const editor = await workbench.page.locator('.part.editor .monaco-editor .overflow-guard').first().boundingBox();
      const minimap = await workbench.page.locator('.part.editor .monaco-editor .minimap').first().boundingBox();
      const rightEdge = minimap?.x ?? editor!.x + editor!.width;
      for (const line of [lines.short, lines.long])
        assert.ok(
          line.decorationsEnd! <= rightEdge,
          `"${line.decorations}" ends at ${line.decorationsEnd} px, the editor at ${rightEdge}`,
        );
      const hover = withoutDigitGrouping(
        (await workbench.hoverOver(LONG_NAME.slice(0, 20), { timeoutMs: 15_000 })) ?? '',
      );
      await workbench.pressEscape();
      assert.match(hover, /memhints: measured peak [\d.]+ \w+ · estimated [\d.]+ \w+/, hover);
    },
  );
});
