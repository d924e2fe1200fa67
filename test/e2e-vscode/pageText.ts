// Reading an editor line's own text in the workbench page. VS Code draws inlay
// hints as text injected into the line, so a line's textContent holds them
// too: `total = sum(...)≈ 38.4 MiB`. These helpers, installed in the page
// before the workbench loads, tell the hints apart from the code.

/** What the page-side reads of the suite call, as `globalThis.memhintsPage`. */
export interface PageText {
  /**
   * Whether a span is an inlay hint: styled by a generated CSS rule
   * (dyn-rule-*) that takes the editor's inlay hint colours or font, where the
   * code's own tokens are mtk* spans.
   */
  isInlayHint(span: Element): boolean;
  /** Whether a text node belongs to an inlay hint. */
  inInlayHint(node: Node): boolean;
  /** A line's own text, without its inlay hints, no-break spaces read as spaces. */
  lineText(line: Element): string;
}

declare global {
  var memhintsPage: PageText;
}

/** Runs in the page (page.addInitScript): it may use nothing from this module but its own body. */
export function installPageText(): void {
  const generated = (span: Element) => [...span.classList].find((name) => name.startsWith('dyn-rule-'));
  const ruleText = (className: string): string => {
    for (const sheet of document.styleSheets) {
      let rules: CSSRuleList;
      try {
        rules = sheet.cssRules;
      } catch {
        continue; // a sheet from another origin
      }
      for (const rule of rules)
        if (rule instanceof CSSStyleRule && rule.selectorText === `.${className}`) return rule.cssText;
    }
    return '';
  };
  const isInlayHint = (span: Element): boolean => {
    const className = generated(span);
    return className !== undefined && /InlayHint/.test(ruleText(className));
  };
  const inInlayHint = (node: Node): boolean => {
    for (let element = node.parentElement; element; element = element.parentElement) {
      if (element.classList.contains('view-line')) return false;
      if (isInlayHint(element)) return true;
    }
    return false;
  };
  const lineText = (line: Element): string => {
    let text = '';
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (!inInlayHint(node)) text += node.textContent ?? '';
    return text.replace(/\u00a0/g, ' ');
  };
  globalThis.memhintsPage = { isInlayHint, inInlayHint, lineText };
}
