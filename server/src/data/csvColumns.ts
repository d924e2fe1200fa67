// The columns pandas makes of a CSV header, and those a read's usecols keeps.

/**
 * pandas' column labels for a header: an empty field is 'Unnamed: i', and a
 * repeated label gets '.1', '.2'… (pandas/io/common.py dedup_names, which
 * also steps over a label the header already has).
 */
export function pandasColumnNames(header: readonly string[]): string[] {
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
