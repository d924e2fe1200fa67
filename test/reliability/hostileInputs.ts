// Inputs that have crashed or hung language servers: each is a name, the text an
// editor would hold (a JS string) and the bytes a file on disk would hold.
import { seededRandom } from './fuzz';

export interface HostileInput {
  readonly name: string;
  readonly text: string;
  /** What memhints should do with it at the default size limit. */
  readonly expect: 'checked' | 'skipped';
}

const DEPTH = 10_000;

function randomBytes(seed: number, length: number): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

export function hostileInputs(): HostileInput[] {
  const nested = (open: string, close: string) => `x = ${open.repeat(DEPTH)}1${close.repeat(DEPTH)}\n`;
  const ifBlocks = (depth: number, unit: string) =>
    Array.from({ length: depth }, (_, i) => `${unit.repeat(i)}if x:\n`).join('');
  return [
    { name: 'empty', text: '', expect: 'checked' },
    { name: 'only line ends', text: '\r\n\n\r'.repeat(1000), expect: 'checked' },
    // Random bytes as an editor shows them (one character per byte).
    { name: 'binary data', text: randomBytes(7, 64 * 1024).toString('latin1'), expect: 'checked' },
    { name: 'NUL bytes', text: 'x = 1\0\0\nprint(sum([a for a in b]))\n\0\0\0', expect: 'checked' },
    { name: 'lone surrogates', text: 'x = "\ud800"\ny = sum([c for c in "\udc00"])\n', expect: 'checked' },
    { name: '50 MB file', text: 'total = sum([x * x for x in range(10)])\n'.repeat(1_300_000), expect: 'skipped' },
    { name: 'one 5 MB line', text: `x = [${'1, '.repeat((5 * 1024 * 1024) / 3)}]\n`, expect: 'skipped' },
    { name: '10,000 nested parentheses', text: nested('(', ')'), expect: 'skipped' },
    { name: '10,000 nested lists', text: nested('[', ']'), expect: 'skipped' },
    {
      name: '10,000 nested calls of sum',
      text: `x = ${'sum(['.repeat(DEPTH)}1${'])'.repeat(DEPTH)}\n`,
      expect: 'skipped',
    },
    {
      name: '10,000 nested if blocks',
      text: `${ifBlocks(DEPTH, '\t')}${'\t'.repeat(DEPTH)}s = "a"\n`,
      expect: 'skipped',
    },
    // The grammar's scanner faults a few hundred levels down when a string follows.
    {
      name: '600 nested if blocks with a string',
      text: `${ifBlocks(600, ' ')}${' '.repeat(600)}s = "a"\n`,
      expect: 'skipped',
    },
    { name: '10,000 chained additions', text: `x = 1${' + 1'.repeat(DEPTH)}\n`, expect: 'skipped' },
    { name: '10,000 chained nots', text: `x = ${'not '.repeat(DEPTH)}y\n`, expect: 'skipped' },
    { name: '900 chained multiplications', text: `x = [0]${' * 2'.repeat(900)}\n`, expect: 'checked' },
    { name: 'mostly ERROR nodes', text: ')]}:=@!'.repeat(20_000), expect: 'checked' },
    { name: 'random Python tokens', text: randomTokens(11, 30_000), expect: 'checked' },
  ];
}

/** Bytes that are not UTF-8, for the CLI (an editor never hands the server such text). */
export const INVALID_UTF8 = Buffer.concat([
  Buffer.from('x = "caf'),
  Buffer.from([0xe9, 0xff, 0xc0]),
  Buffer.from('"\nprint(sum([c for c in x]))\n'),
]);
export const BINARY_FILE = randomBytes(7, 64 * 1024);

function randomTokens(seed: number, count: number): string {
  const random = seededRandom(seed);
  const tokens = [
    'def',
    'class',
    'for',
    'in',
    'if',
    'else',
    'sum',
    '(',
    ')',
    '[',
    ']',
    ':',
    '\n',
    '    ',
    'x',
    '=',
    '"',
    'lambda',
    '*',
    '**',
    ',',
    'yield',
    '@',
    '.',
  ];
  return Array.from({ length: count }, () => tokens[Math.floor(random() * tokens.length)]).join(' ');
}
