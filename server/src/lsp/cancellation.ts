// Requests the client no longer wants. VS Code cancels a hover when the mouse
// moves on, and code actions and inlay hints when the document changes; the
// cancellation comes after them, and while they still wait in the queue the
// connection marks their token at once. Such a request is answered with
// RequestCancelled before any work is done for it, or after an await.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}
