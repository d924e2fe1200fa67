// A one-line progress indicator on a terminal's stderr, for runs long enough to need one.

/** Fewer files than this finish too soon for a progress line to help. */
export const PROGRESS_MIN_FILES = 200;

export interface Progress {
  show(done: number, path: string): void;
  clear(): void;
}

const SILENT: Progress = { show: () => undefined, clear: () => undefined };

export function progressIndicator(total: number, write: (text: string) => void, enabled: boolean): Progress {
  if (!enabled || total <= PROGRESS_MIN_FILES) return SILENT;
  let shown = false;
  return {
    show(done, path) {
      shown = true;
      // \r returns to the line start; \x1b[K erases what a longer previous path left.
      write(`\r[${done}/${total}] ${path}\x1b[K`);
    },
    clear() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
