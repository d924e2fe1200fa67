// Allocation sites in words: where a line's memory was allocated, as a short chain
// of places ("json/decoder.py:353 ← json/__init__.py:346"), for the terminal and the editor.
import { isAbsolute, relative, sep } from 'node:path';
import type { AllocationSite, SiteFrame } from './result';

/** Sites smaller than this are left out of reports: they are the interpreter's small change. */
const MIN_SITE_BYTES = 1024;

/** A file as a reader knows it: beside the script, inside a package, in the standard library, or in full. */
export function shortFile(file: string, scriptDir: string): string {
  const beside = relative(scriptDir, file);
  if (beside !== '' && !beside.startsWith('..') && !isAbsolute(beside)) return beside.split(sep).join('/');
  const slashed = file.split(sep).join('/');
  const inPackages = /\/(?:site|dist)-packages\/(.+)$/.exec(slashed);
  if (inPackages) return inPackages[1]!;
  const inStdlib = /\/lib\/python\d+(?:\.\d+)?\/(.+)$/i.exec(slashed) ?? /\/Lib\/(.+)$/.exec(slashed);
  return inStdlib ? inStdlib[1]! : slashed;
}

/** The frames without repeats of one place (a comprehension runs in a frame of its own on its line). */
function distinctFrames(frames: readonly SiteFrame[]): SiteFrame[] {
  return frames.filter(
    (frame, index) => index === 0 || frame.file !== frames[index - 1]!.file || frame.line !== frames[index - 1]!.line,
  );
}

/** "builders.py:4", "json/decoder.py:353 ← json/decoder.py:337 ← …", or "this line" when the line allocated it itself. */
export function siteChain(site: AllocationSite, scriptDir: string): string {
  if (site.frames.length === 0) return 'this line';
  const places = distinctFrames(site.frames).map((frame) => `${shortFile(frame.file, scriptDir)}:${frame.line}`);
  return `${places.join(' ← ')}${site.moreFrames ? ' ← …' : ''}`;
}

/** The source of the place where the memory was allocated; empty for the line itself or when unknown. */
export function siteCode(site: AllocationSite): string {
  return site.frames[0]?.code ?? '';
}

/** The sites worth showing: the line's own figure split by where it went, without the small change. */
export function shownSites(sites: readonly AllocationSite[]): readonly AllocationSite[] {
  return sites.filter((site) => site.bytes >= MIN_SITE_BYTES);
}

/** Whether the sites say more than "this line": some memory went to code the line called. */
export function callsElsewhere(sites: readonly AllocationSite[]): boolean {
  return shownSites(sites).some((site) => site.frames.length > 0);
}
