// A fix shown as the hunk it makes: the lines its edits touch, before and after.
import { applyEdits, lineStarts } from '../fix-oracle/positions.mjs';

export function hunkOf(text, fix) {
  const first = Math.min(...fix.edits.map((edit) => edit.start));
  const last = Math.max(...fix.edits.map((edit) => edit.end));
  const starts = lineStarts(text);
  const lineOf = (offset) => starts.findLastIndex((start) => start <= offset);
  const from = starts[lineOf(first)];
  const nextLine = starts[lineOf(last) + 1];
  const to = nextLine === undefined ? text.length : nextLine;
  const before = text.slice(from, to);
  const after = applyEdits(
    before,
    fix.edits.map((edit) => ({ ...edit, start: edit.start - from, end: edit.end - from })),
  );
  const lines = (prefix, part) =>
    part
      .replace(/\r?\n$/, '')
      .split(/\r?\n/)
      .map((line) => `${prefix}${line}`);
  return { line: lineOf(first) + 1, text: [...lines('-', before), ...lines('+', after)].join('\n') };
}
