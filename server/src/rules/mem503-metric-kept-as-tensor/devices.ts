// Which device an expression names where a tensor is moved (`x.to(device)`),
// as far as the code shows: a CUDA device (`"cuda"`, `"cuda:1"`,
// `torch.device("cuda")`, `"cuda" if torch.cuda.is_available() else "cpu"`,
// a name bound only to such), the CPU, or neither shown.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { bindingsOf } from '../../semantics/initialValues';
import { unparenthesized } from '../../semantics/syntax';

export type DeviceKind = 'gpu' | 'cpu' | 'unknown';

/** How many names deep a device is followed. */
const MAX_DEPTH = 4;

const TORCH_DEVICE: ReadonlySet<string> = new Set(['torch.device', 'torch.cuda.device']);

/**
 * The device the expression names. A choice between a CUDA device and the
 * CPU (`"cuda" if torch.cuda.is_available() else "cpu"`) is a GPU: the code
 * is written for one and uses it wherever there is one.
 */
export function deviceKind(expression: Node, facts: DocumentFacts, depth = 0): DeviceKind {
  const node = unparenthesized(expression);
  if (depth > MAX_DEPTH) return 'unknown';
  switch (node.type) {
    case 'string':
      return literalDevice(node);
    case 'call': {
      const callee = node.childForFieldName('function');
      const first = facts.callArguments(node)[0];
      const named = callee ? facts.qualifiedName(callee) : undefined;
      return named && TORCH_DEVICE.has(named) && first && first.type !== 'keyword_argument'
        ? deviceKind(first, facts, depth + 1)
        : 'unknown';
    }
    case 'conditional_expression':
      return choiceOf(
        node.namedChildren
          .filter((part): part is Node => part !== null && part.type !== 'comment')
          .filter((_, index) => index !== 1)
          .map((branch) => deviceKind(branch, facts, depth + 1)),
      );
    case 'identifier': {
      const bindings = (bindingsOf(facts, node.text, node)?.bindings ?? []).filter(
        (binding) => binding.kind !== 'annotation',
      );
      if (bindings.length === 0 || bindings.some((binding) => binding.kind !== 'value')) return 'unknown';
      return choiceOf(
        bindings.map((binding) => (binding.kind === 'value' ? deviceKind(binding.value, facts, depth + 1) : 'unknown')),
      );
    }
    default:
      return 'unknown';
  }
}

/** `"cuda"`, `"cuda:0"`: a GPU; `"cpu"`: the CPU; anything else (`"mps"`, an f-string) is not shown. */
function literalDevice(string: Node): DeviceKind {
  if (string.namedChildren.some((part) => part?.type === 'interpolation')) return 'unknown';
  const text = string.text.replace(/^[a-zA-Z]*(['"]{1,3})/, '').replace(/['"]+$/, '');
  if (text === 'cuda' || /^cuda:\d+$/.test(text)) return 'gpu';
  return text === 'cpu' ? 'cpu' : 'unknown';
}

/** One of several devices: a GPU if any is one and the rest are shown, the CPU if all are. */
function choiceOf(kinds: readonly DeviceKind[]): DeviceKind {
  if (kinds.length === 0 || kinds.includes('unknown')) return 'unknown';
  return kinds.includes('gpu') ? 'gpu' : 'cpu';
}
