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
import { decoratedLines } from './decorations';
import { useVsCode } from './session';
import { waitFor } from './waits';

const SCRIPT_NAME = 'squares.py';
const SQUARES = 'total = sum([n * n for n in range(1_500_000)])';
const SCRIPT = `# A table kept to the end, and squares summed and dropped on one line.\ntable = {n: str(n) for n in range(100_000)}\n${SQUARES}\nprint(len(table), total)\n`;
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

// Holds 100 kB more every 50 ms for 30 s, unless cancelled.
const SLOW_LINE = '    held.append(bytes(100_000))';
const SLOW_SCRIPT = `import time\nheld = []\nfor step in range(600):\n${SLOW_LINE}\n    time.sleep(0.05)\n`;

describe('memhints shows the memory timeline of a measured script in VS Code', { timeout: 10 * 60_000 }, () => {
  // A 1920 × 1080 screen: the plot at its own size beside the code, as the picture in docs/ shows them.
  const { scenario, folder } = useVsCode({
    workspaceFiles: { [SCRIPT_NAME]: SCRIPT, 'slow.py': SLOW_SCRIPT },
    viewport: { width: 1920, height: 1080 },
  });

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

      // The measured labels beside the code end inside its half of the screen.
      const minimap = await workbench.page.locator('.part.editor .monaco-editor .minimap').first().boundingBox();
      const labelled = (await decoratedLines(workbench.page)).filter((line) => line.decorationsEnd !== undefined);
      assert.ok(labelled.length >= 1, JSON.stringify(labelled));
      for (const line of labelled)
        assert.ok(
          line.decorationsEnd! <= minimap!.x,
          `"${line.decorations}" ends at ${line.decorationsEnd} px, the code at ${minimap!.x}`,
        );

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

  scenario(
    'a long run shows its elapsed time and peak as it goes; Cancel keeps what was measured, marked partial',
    async (workbench) => {
      await workbench.openFile('slow.py');
      await workbench.runCommand('memhints: Measure memory of this file');
      const progress = workbench.page.locator('.notification-list-item-message', {
        hasText: 'measuring memory of slow.py',
      });
      const said = await waitFor('the progress to show 2 s or more and a peak', async () => {
        const text = (await progress.first().textContent()) ?? '';
        const [, seconds, peak] = /measuring memory of slow\.py: (\d+) s · peak ([\d.]+ \w+)/.exec(text) ?? [];
        return seconds !== undefined && Number(seconds) >= 2 && bytesOf(peak!) >= 100_000 ? text : undefined;
      });
      await workbench.screenshot('measure-progress');
      await workbench.clickNotificationButton(/measuring memory of slow\.py/, 'Cancel');
      const warning = await waitFor('the notice that the measure was cancelled', async () =>
        (await workbench.notifications()).find((message) => message.includes('was cancelled after')),
      );
      assert.match(
        warning,
        /^memhints: the measurement was cancelled after [\d.]+ s, before the script ended: what was measured until then is partial \(run by Python /,
      );
      const seconds = Number(/cancelled after ([\d.]+) s/.exec(warning)![1]);
      // The progress counts from the start of the interpreter, the result from the script's: a little less.
      assert.ok(seconds >= 1 && seconds < 25, `cancelled after ${seconds} s of a 30 s script; progress said "${said}"`);
      // The loop's line holds what it had appended by then (100 kB a step), and says it is partial.
      const label = await waitFor("the measured label after the loop's line", async () =>
        (await decoratedLines(workbench.page))
          .find((line) => line.text === SLOW_LINE)
          ?.decorations.find((text) => text.includes('peak')),
      );
      const [, held] = /^(?:measured )?peak ([\d.]+ \w+)(?: · .+)? · partial$/.exec(label) ?? [];
      assert.ok(held, label);
      assert.ok(
        bytesOf(held) >= 100_000 * 10 && bytesOf(held) <= 100_200 * (seconds / 0.05 + 1),
        `${label} after ${seconds} s`,
      );
      await workbench.clickNotificationButton(/was cancelled after/, 'Show timeline');
      await waitFor('the partial timeline', async () =>
        (await workbench.webview().locator('h1', { hasText: 'slow.py' }).textContent())?.includes('partial')
          ? true
          : undefined,
      );
    },
  );
});
