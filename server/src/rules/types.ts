// What a rule is and what it reports. Rules know nothing of LSP: positions are
// UTF-16 offsets into the document text (the unit tree-sitter gives us).
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../analysis/facts';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** safe: behaviour cannot change; unsafe: it can (applied only on request). */
export type FixSafety = 'safe' | 'unsafe';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly title: string;
  readonly safety: FixSafety;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly fix?: Fix;
}

/** Whether findings of a rule come with a fix: on every finding, on some, or never. */
export type FixAvailability = 'always' | 'sometimes' | 'none';

/** The user-facing documentation of a rule; docs/rules/<code>.md is generated from it. */
export interface RuleDocs {
  readonly whatItDoes: string;
  readonly whyBadForMemory: string;
  readonly example: string;
  readonly useInstead: string;
  readonly fixSafety: string;
  readonly options?: string;
}

export interface RuleContext {
  /** The whole document text. */
  readonly source: string;
  /** Scope, binding and import facts, computed once per document on first use. */
  readonly facts: DocumentFacts;
}

export interface Rule {
  readonly code: string;
  /** kebab-case name, also the rule file's name after its code. */
  readonly name: string;
  readonly defaultSeverity: Severity;
  readonly fixAvailability: FixAvailability;
  /** One line for tables and `memhints rule`. */
  readonly summary: string;
  readonly docs: RuleDocs;
  /** Node types the analysis walk hands to check(). */
  readonly visits: readonly string[];
  /**
   * Words one of which every finding needs spelled somewhere in the document
   * (an imported name keeps its own name in the import): a document that
   * spells none of them is not walked for this rule.
   */
  readonly needsWords?: readonly string[];
  check(node: Node, context: RuleContext): Finding | readonly Finding[] | undefined;
}
