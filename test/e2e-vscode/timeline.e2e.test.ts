// "memhints: Show memory timeline" in a real VS Code: measure a script, open its plot
// from the notification's button, and check what the screen shows (the curve of the
// traced memory and the peak's label, read back from the screenshot's pixels; the
// peak's size against tracemalloc run by python3 on the same script); a click on the
// peak puts the cursor on its line; the command palette offers the command once the
// file has a result.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { PLOT_COLOURS } from '../../server/src/measure/timelinePlot';
import { runPythonJson } from '../support/python';
import { bytesOf } from './figures';
import { pixelsDrawnIn, readPng, type Box } from './png';
import { useVsCode } from './session';
import { waitFor } from './waits';

const SCRIPT_NAME = 'squares.py';
const SQUARES = 'total = sum([number * number for number in range(1_500_000)])';
const SCRIPT = `# A table kept to the end, and a list of squares summed and dropped on one line.\ntable = {number: str(number) for number in range(100_000)}\n${SQUARES}\nprint(len(table), total)\n`;
const SQUARES_LINE = SCRIPT.split('\n').indexOf(SQUARES) + 1;
const SHOW_TIMELINE = 'memhints: Show memory timeline';

/** tracemalloc's peak for the script run by python3 directly. */
const DIRECT_PEAK = `
import contextlib, io, json, runpy, sys, tracemalloc
script = json.load(sys.stdin)["script"]
sys.argv = [script]
tracemalloc.start()
with contextlib.redirect_stdout(io.StringIO()):
    runpy.run_path(script, run_name="__main__")
print(tracemalloc.get_traced_memory()[1])
`;

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

describe('memhints shows the memory timeline of a measured script in VS Code', { timeout: 10 * 60_000 }, () => {
  const { scenario, folder } = useVsCode({ workspaceFiles: { [SCRIPT_NAME]: SCRIPT } });

  scenario(
    'the notification opens the plot beside the code; the screenshot shows the curve and the peak label; a click on the peak goes to its line',
    async (workbench) => {
      const directPeak = runPythonJson<number>(DIRECT_PEAK, { script: `${folder()}/${SCRIPT_NAME}` });
      await workbench.openFile(SCRIPT_NAME);
      const before = await workbench.commandChoices('memhints:', 'memhints: Measure memory of this file');
      assert.ok(!before.some((choice) => choice.includes(SHOW_TIMELINE)), `offered before measuring: ${before}`);

      // Room for the code and the plot side by side, as the picture in docs/ shows them.
      await workbench.runCommand('View: Close Primary Side Bar');
      await workbench.runCommand('memhints: Measure memory of this file');
      await workbench.clickNotificationButton(/memhints: measured squares\.py/, 'Show timeline');
      const view = workbench.webview();
      const label = view.locator('#peak-label');
      await label.waitFor({ state: 'visible' });
      const words = (await label.textContent()) ?? '';
      const [, size, line] = /^peak ([\d.]+ \w+) at line (\d+): (.+)$/.exec(words) ?? [];
      assert.ok(size && line, `the peak's label: ${JSON.stringify(words)}`);
      assert.equal(Number(line), SQUARES_LINE, words);
      assert.ok(words.endsWith(SQUARES), words);
      // The highest sample, shown to a tenth of a unit: within a tenth of the peak tracemalloc reports alone.
      assert.ok(
        Math.abs(bytesOf(size) - directPeak) <= directPeak * 0.1,
        `peak shown ${size}; tracemalloc run by python3 directly: ${directPeak} bytes`,
      );
      // The code stays in its own group: the plot opened beside it.
      assert.ok(await workbench.page.locator('.part.editor .monaco-editor .view-lines').first().isVisible());

      const shot = readPng(await workbench.screenshot('measure-timeline-view'));
      const plot = await view.locator('svg').boundingBox();
      const labelBox = await label.boundingBox();
      assert.ok(plot && labelBox, 'the plot and its label have a place on screen');
      const screen = { x: 0, y: 0, width: shot.width, height: shot.height };
      assert.ok(
        inside(plot, screen) && inside(labelBox, plot),
        `plot ${JSON.stringify(plot)}, label ${JSON.stringify(labelBox)}`,
      );
      // The traced memory's curve, below the legend (whose swatch has its colour too): across most
      // of the plot's width, rising over a good part of its height (the resident set sets the scale).
      const belowLegend = { ...plot, y: plot.y + plot.height * 0.15, height: plot.height * 0.85 };
      const curve = pixelsDrawnIn(shot, belowLegend, PLOT_COLOURS.traced);
      const columns = new Set(curve.map((pixel) => pixel.x));
      const rows = curve.map((pixel) => pixel.y);
      assert.ok(columns.size >= plot.width * 0.4, `the curve spans ${columns.size} of ${plot.width} px across`);
      assert.ok(
        Math.max(...rows) - Math.min(...rows) >= plot.height * 0.1,
        `the curve rises from ${Math.max(...rows)} to ${Math.min(...rows)} px`,
      );
      // The label's words, drawn in the peak's colour where the page says the label is.
      const drawn = pixelsDrawnIn(shot, labelBox, PLOT_COLOURS.peak);
      assert.ok(drawn.length >= 100, `${drawn.length} pixels of the peak's colour in the label`);

      await label.click();
      await waitFor(`the cursor on line ${SQUARES_LINE}`, async () =>
        (await workbench.cursorLine()) === SQUARES_LINE ? true : undefined,
      );
      const after = await workbench.commandChoices('memhints: Show memory', SHOW_TIMELINE);
      assert.ok(
        after.some((choice) => choice.includes(SHOW_TIMELINE)),
        `not offered after measuring: ${after}`,
      );
    },
  );
});
