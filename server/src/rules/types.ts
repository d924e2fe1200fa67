// What a rule is and what it reports. Rules know nothing of LSP: positions are
// UTF-16 offsets into the document text (the unit tree-sitter gives us).
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import type { Scale } from '../scale/scale';
import type { PythonVersion } from '../sizes/cpython';
import type { Size } from '../sizes/size';
import type { HitFilter } from '../semantics/nameIndex';
import type { DataReadScales } from '../scale/dataScale';

// Part of the rule contract; defined where the name index applies it to the text.
export type { HitFilter };

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

/** Another place in the document that belongs to a finding (the other lines that grow the same value). */
export interface RelatedLocation {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface Finding {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly fix?: Fix;
  /** What the flagged code holds that its fix would not, from the size model: bytes, or bytes per item of a count. */
  readonly holds?: Size;
  /**
   * How much data the code handles. A rule gives where the data comes from
   * (scale/dataScale.ts); the analysis settles it with `holds` and the size
   * threshold (scale/findingScale.ts) and sets the severity from it.
   */
  readonly scale?: Scale;
  /** Places of the same finding reported once (an editor lists them under it). */
  readonly related?: readonly RelatedLocation[];
  /**
   * Where the value the finding is about is read, when the rule followed the
   * name it is bound to through every read (`xs = list(range(n))`): a
   * notebook leaves the finding out when a benchmark magic times them all.
   */
  readonly reads?: readonly TextRange[];
}

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Whether findings of a rule come with a fix: on every finding, on some, or never. */
export type FixAvailability = 'always' | 'sometimes' | 'none';

/** The user-facing documentation of a rule; docs/rules/<code>.md is generated from it. */
interface RuleDocs {
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
  /** The Python version the code targets: what CPython copies, and the sizes a message gives, depend on it. */
  readonly pythonVersion: PythonVersion;
  /** The scale of reads whose data files the workspace holds; absent where no files are known. */
  readonly dataReads?: DataReadScales;
}

/**
 * A token every finding of a rule holds, and the way from it to the node the
 * rule checks. The analysis finds tokens by searching the text and asking
 * tree-sitter what each hit is: a walk over every node, each step a call into
 * WASM, costs about a quarter of the parse.
 */
export interface Anchor {
  /** How the text spells it: a keyword (`for`), an operator (`+=`) or a name (`len`). */
  readonly token: string;
  /** A name is an identifier, found under the aliases imports give it too (`from numpy import array as arr`). */
  readonly isName: boolean;
  /** The node check() is given, from one token; undefined when the token is in no shape the rule reports. */
  reach(token: Node): Node | undefined;
  /** For a token spelled often where no rule wants it (`+`): the hits worth a question to the tree. */
  readonly hitFilter?: HitFilter;
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
  /** Tokens every finding holds: the analysis hands check() the nodes they reach. */
  readonly anchors: readonly Anchor[];
  check(node: Node, context: RuleContext): Finding | readonly Finding[] | undefined;
}
