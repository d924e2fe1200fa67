// Hover: the estimated size of the allocation under the cursor.
import type { Hover, Position } from 'vscode-languageserver';
import type { OpenDocument } from '../documents';

export function hoverAt(document: OpenDocument, position: Position): Hover | null {
  void document;
  void position;
  return null;
}
