/** A module of exactly `lines` lines (the last ending in a newline). */
export declare function generatedModule(lines: number, seed?: number): string;
