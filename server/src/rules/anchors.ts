// Anchors rules share (see Anchor): the tokens they start from, and the ways
// from a token to the node a rule checks.
import type { Node } from 'web-tree-sitter';
import { calleeCall, parenthesesAround } from '../semantics/syntax';
import type { Anchor, HitFilter } from './types';

type Reach = (node: Node) => Node | undefined;

/** A keyword or operator, whose node type is its own text; with `hitFilter`, only where the text passes it. */
export function keywordAnchor(token: string, reach: Reach, hitFilter?: HitFilter): Anchor {
  return hitFilter ? { token, isName: false, reach, hitFilter } : { token, isName: false, reach };
}

/**
 * Calls of these names, and what a rule checks from such a call (the call
 * itself unless told): the name is the callee (`len(x)`), or ends it as an
 * attribute (`pd.read_csv(…)`), or an import alias stands for it.
 */
export function calleeAnchors(names: readonly string[], fromCall: Reach = (call) => call): Anchor[] {
  return nameAnchors(names, (identifier) => {
    const call = calleeCall(identifier);
    return call && fromCall(call);
  });
}

/** These names (and the aliases imports give them), each reaching its node the same way. */
export function nameAnchors(names: readonly string[], reach: Reach): Anchor[] {
  return names.map((token) => ({ token, isName: true, reach }));
}

/** The node's parent, when it has this type. */
export function parentOfType(type: string): Reach {
  return (node) => {
    const parent = node.parent;
    return parent?.type === type ? parent : undefined;
  };
}

/** The call whose argument list holds this node, in parentheses or not: `list(…)` of `list(range(n))`, `set(([…]))`. */
export function callAround(argument: Node): Node | undefined {
  const list = parenthesesAround(argument).parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  return call?.type === 'call' ? call : undefined;
}
