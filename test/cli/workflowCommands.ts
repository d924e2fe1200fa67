// GitHub Actions workflow commands read back as GitHub's runner reads them.
import assert from 'node:assert/strict';

/** Reads a workflow command back as GitHub's runner does: percent-escapes undone after splitting. */
export function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(match, `not a workflow command: ${line}`);
  const decodeProperty = (text: string) =>
    text.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const properties = Object.fromEntries(
    match[2]!.split(',').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), decodeProperty(pair.slice(at + 1))];
    }),
  );
  return { command: match[1]!, properties, message: decodeProperty(match[3]!) };
}
