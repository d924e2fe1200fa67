// Character codes of the ASCII characters that the text scans compare
// against: reading `charCodeAt` and comparing numbers costs far less than
// one-character strings or regular expressions, on every character of a file.

export const TAB = 9;
export const LINE_FEED = 10;
export const FORM_FEED = 12;
export const CARRIAGE_RETURN = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const HASH = 35;
export const APOSTROPHE = 39;
export const OPENING_PARENTHESIS = 40;
export const CLOSING_PARENTHESIS = 41;
export const DOT = 46;
export const DIGIT_0 = 48;
export const DIGIT_9 = 57;
export const COLON = 58;
export const SEMICOLON = 59;
export const EQUALS = 61;
export const UPPER_A = 65;
export const UPPER_Z = 90;
export const BACKSLASH = 92;
export const CLOSING_BRACKET = 93;
export const UNDERSCORE = 95;
export const LOWER_A = 97;
export const LOWER_Z = 122;
