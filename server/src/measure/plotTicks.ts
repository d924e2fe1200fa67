// Round axis steps for the timeline plot: 1, 2 or 5 times a power of ten (of seconds,
// or of bytes in the unit the axis is labelled in).

export interface Ticks {
  /** The axis runs from 0 to max, a whole number of steps. */
  readonly max: number;
  readonly step: number;
  /** 0, step, 2·step … max. */
  readonly values: readonly number[];
}

/** The finest round step that covers 0 to `top` in at most `count` + 1 steps. */
export function roundTicks(top: number, count = 5): Ticks {
  if (!(top > 0)) return { max: 1, step: 1, values: [0, 1] };
  const power = 10 ** Math.floor(Math.log10(top / count));
  const candidates = [0.5, 1, 2, 5, 10, 20].map((factor) => factor * power);
  const step = candidates.find((candidate) => Math.ceil(top / candidate - 1e-9) <= count + 1)!;
  const steps = Math.ceil(top / step - 1e-9);
  const values = Array.from({ length: steps + 1 }, (_, index) => Number((index * step).toPrecision(12)));
  return { max: values.at(-1)!, step, values };
}

const BINARY_UNITS = [
  ['B', 1],
  ['KiB', 1024],
  ['MiB', 1024 ** 2],
  ['GiB', 1024 ** 3],
] as const;

/** Byte ticks in the largest unit the top reaches: "0 MiB", "20 MiB" … */
export function byteTicks(
  top: number,
  count = 5,
): Ticks & { readonly unit: string; readonly labels: readonly string[] } {
  const [unit, size] = [...BINARY_UNITS].reverse().find(([, bytes]) => top >= bytes) ?? BINARY_UNITS[0];
  const ticks = roundTicks(top / size, count);
  return {
    max: ticks.max * size,
    step: ticks.step * size,
    values: ticks.values.map((value) => value * size),
    unit,
    labels: ticks.values.map((value) => `${value} ${unit}`),
  };
}
