// Hover: the estimated size of the allocation under the cursor.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { DocumentFacts } from '../semantics/facts';
import type { Settings } from '../config/config';
import type { OpenDocument } from '../document/documents';
import { classAt } from '../semantics/classes';
import { instanceSizes, sizedClassShape } from '../estimates/instanceSizes';
import { countBindings } from '../estimates/countBindings';
import { estimateAt } from '../estimates/locate';
import { pandasFrameAt } from '../estimates/locatePandas';
import { layoutForVersion } from '../sizes/versions';
import { rangeOf } from './diagnostics';
import { classSizeMarkdown } from './classSizeMarkdown';
import { pandasSizeMarkdown } from './pandasSizeMarkdown';
import { sizeMarkdown } from './sizeMarkdown';

/** Sizes are those of the CPython version the code targets (the settings' pythonVersion). */
export function hoverAt(
  document: OpenDocument,
  position: Position,
  settings: Pick<Settings, 'pythonVersion'>,
): Hover | null {
  const { pythonVersion } = settings;
  const layout = layoutForVersion(pythonVersion);
  const offset = document.text.offsetAt(position);
  const facts = new DocumentFacts(document.module);
  // A class name or the callee of an instantiation is about the class, not the expression around it.
  const aboutClass = classHover(document, offset, facts, layout);
  if (aboutClass) return aboutClass;
  const found = estimateAt(document.module.partAt(offset).root, offset, { layout, facts });
  if (!found) return unknownFrameHover(document, offset, facts, layout);
  const { node, estimate } = found;
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: estimate.pandas
        ? pandasSizeMarkdown(estimate.pandas, layout)
        : sizeMarkdown(estimate, layout, countBindings(node, estimate.shallow, facts)),
    },
    range: rangeOf(document.text, node.startIndex, node.endIndex),
  };
}

/** A Series or DataFrame with no estimate (its strings are not in the code): what pandas would count, and what is unknown. */
function unknownFrameHover(
  document: OpenDocument,
  offset: number,
  facts: DocumentFacts,
  layout: ReturnType<typeof layoutForVersion>,
): Hover | null {
  const found = pandasFrameAt(document.module.partAt(offset).root, offset, { layout, facts });
  if (!found) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: pandasSizeMarkdown(found.frame, layout) },
    range: rangeOf(document.text, found.node.startIndex, found.node.endIndex),
  };
}

/** Over a class name or a call of a class defined in the document: bytes per instance with and without slots. */
function classHover(
  document: OpenDocument,
  offset: number,
  facts: DocumentFacts,
  layout: ReturnType<typeof layoutForVersion>,
): Hover | null {
  const node = document.module.nodeAt(offset);
  const definition = node && classAt(node, facts);
  const shape = definition && sizedClassShape(definition, facts);
  if (!node || !shape) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: classSizeMarkdown(instanceSizes(shape, layout), layout) },
    range: rangeOf(document.text, node.startIndex, node.endIndex),
  };
}
