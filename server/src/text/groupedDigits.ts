// Numbers with thousands separators, "1,234,567", written out rather than with
// toLocaleString: the first use of Intl loads ICU's locale data, 30-55 ms of a
// command-line run that checks one file.

/** 1234567 → "1,234,567"; -1234.5 → "-1,234.5". */
export function groupedDigits(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole = '', fraction] = Math.abs(value).toString().split('.');
  // Past 10^21 toString writes an exponent: nothing to group.
  if (whole.includes('e')) return String(value);
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += ',';
    grouped += whole[i];
  }
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
