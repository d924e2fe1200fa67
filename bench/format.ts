// How the bench prints its figures.

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** A count with thousands separators: 1,000,000. */
export const count = (value: number) => value.toLocaleString('en-US');
