// Whether "Measure memory of this file" may run: it executes the file, so only on a
// file saved on disk, in a workspace the user trusts. Kept free of the vscode API so
// that it can be tested on its own.

export interface MeasureContext {
  readonly workspaceTrusted: boolean;
  /** The active editor's document, if any. */
  readonly document: { readonly scheme: string; readonly languageId: string } | undefined;
}

export type MeasurePermission = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export function measurePermission(context: MeasureContext): MeasurePermission {
  if (!context.workspaceTrusted) {
    return {
      allowed: false,
      reason:
        'Measuring memory runs the file, so memhints does it only in a trusted workspace. Trust this workspace to measure.',
    };
  }
  if (context.document === undefined) return { allowed: false, reason: 'Open a Python file to measure its memory.' };
  if (context.document.languageId !== 'python')
    return {
      allowed: false,
      reason: 'Measuring memory works on Python files; the active editor holds another language.',
    };
  if (context.document.scheme !== 'file')
    return { allowed: false, reason: 'Save the file to disk first: measuring memory runs it with Python.' };
  return { allowed: true };
}
