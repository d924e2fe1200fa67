// Which `[` of a file may open `…]["col"]`, told from the text just before
// it: MEM407 asks the tree only about those (each question a call into WASM),
// where most `[` open a list or a subscript of a name.
import { CLOSING_BRACKET, CLOSING_PARENTHESIS, SPACE, TAB } from '../../text/charCodes';
import type { HitFilter } from '../types';

/**
 * A `[` after a closing bracket or parenthesis on its line (`df[m][` or
 * `(df[m])[`). A selection split over lines before its `[` is left out: the
 * lines of a nested list would all be asked about.
 */
export const AFTER_CLOSING_BRACKET: HitFilter = {
  key: 'after `]`',
  mayBeWanted(text, offset) {
    let at = offset - 1;
    while (at >= 0 && (text.charCodeAt(at) === SPACE || text.charCodeAt(at) === TAB)) at--;
    const code = text.charCodeAt(at);
    return code === CLOSING_BRACKET || code === CLOSING_PARENTHESIS;
  },
};
