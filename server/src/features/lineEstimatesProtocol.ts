// `memhints/lineEstimates`: the size model's estimate for a few lines of an open
// document, so that the editor can put it beside what a measurement found there.
// No imports: the client bundle includes this file.

export const LINE_ESTIMATES_REQUEST = 'memhints/lineEstimates';

/** At most this many lines are estimated per request (the measured lines shown are fewer). */
export const MAX_ESTIMATED_LINES = 200;

export interface LineEstimatesParams {
  readonly textDocument: { readonly uri: string };
  /** 0-based lines. */
  readonly lines: readonly number[];
}

export interface LineEstimate {
  /** 0-based. */
  readonly line: number;
  readonly bytes: number;
  /** The model's figure is not exact to the byte. */
  readonly approximate: boolean;
  /** The figure leaves out items the model cannot tell: a lower bound. */
  readonly atLeast: boolean;
  /** What the line makes, in words. */
  readonly what: string;
}
