// The columns pandas makes of a CSV header (or of names=), those a read's
// usecols keeps, and the one index_col makes the index.

/**
 * pandas' column labels for a header: an empty field is 'Unnamed: i', and a
 * repeated label gets '.1', '.2'… (pandas/io/common.py dedup_names, which
 * also steps over a label the header already has).
 */
function pandasColumnNames(header: readonly string[]): string[] {
  const counts = new Map<string, number>();
  return header.map((field, index) => {
    let name = field === '' ? `Unnamed: ${index}` : field;
    let count = counts.get(name) ?? 0;
    while (count > 0) {
      counts.set(name, count + 1);
      name = `${name}.${count}`;
      count = counts.get(name) ?? 0;
    }
    counts.set(name, count + 1);
    return name;
  });
}

/**
 * The positions of the columns a read keeps, in file order (pandas keeps file
 * order whatever the order of usecols), or why pandas would refuse the usecols.
 */
export function keptColumns(
  names: readonly string[],
  usecols: readonly (string | number)[] | undefined,
): number[] | string {
  if (usecols === undefined) return names.map((_, index) => index);
  const positions = usecols.filter((column): column is number => typeof column === 'number');
  const labels = usecols.filter((column): column is string => typeof column === 'string');
  if (positions.length > 0 && labels.length > 0) return 'usecols mixes labels and positions, which pandas refuses';
  const missing = labels.filter((label) => !names.includes(label));
  if (missing.length > 0)
    return `usecols names ${missing.map((label) => JSON.stringify(label)).join(', ')}, not among the file's columns`;
  const outside = positions.filter(
    (position) => !Number.isInteger(position) || position < 0 || position >= names.length,
  );
  if (outside.length > 0) return `usecols asks for column ${outside.join(', ')} of ${names.length}`;
  const wanted = new Set<string | number>(usecols);
  return names.map((_, index) => index).filter((index) => wanted.has(index) || wanted.has(names[index]!));
}

/**
 * The column labels: names= when the code gives them (as many as the fields),
 * else the header's, else (header=None) the positions 0, 1, 2…
 */
export function columnLabels(
  header: readonly string[] | undefined,
  width: number,
  names: readonly string[] | undefined,
): string[] | string {
  if (names) {
    // Fewer names than fields makes the first columns the index, more adds empty columns: neither is followed.
    if (names.length !== width) return `names gives ${names.length} labels for ${width} fields, which is not modelled`;
    return [...names];
  }
  return header ? pandasColumnNames(header) : Array.from({ length: width }, (_, index) => String(index));
}

/**
 * The file position of the column index_col makes the index: a label, or a
 * position among the kept columns (pandas counts it after usecols); undefined
 * for none, or why it is not followed.
 */
export function indexPosition(
  indexCol: string | number | readonly (string | number)[] | false | undefined,
  names: readonly string[],
  kept: readonly number[],
): number | undefined | string {
  if (indexCol === undefined || indexCol === false) return undefined;
  const items = typeof indexCol === 'object' ? indexCol : [indexCol];
  if (items.length !== 1) return 'index_col with several columns (a MultiIndex) is not modelled';
  const item = items[0]!;
  if (typeof item === 'number') {
    const position = kept[item];
    return position ?? `index_col=${item} is past the ${kept.length} columns read`;
  }
  const position = names.indexOf(item);
  return kept.includes(position) ? position : `index_col names ${JSON.stringify(item)}, not among the columns read`;
}
