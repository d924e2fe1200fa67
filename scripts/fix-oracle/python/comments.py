"""The comments of a text, as the tokenizer finds them: a safe fix keeps them all."""
import collections
import io
import tokenize


def comments(text):
    """The multiset of comment texts, or None when the text does not tokenize."""
    found = collections.Counter()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                found[token.string.rstrip()] += 1
    except (tokenize.TokenError, SyntaxError, ValueError):
        return None
    return found


def lost_and_added(before, after):
    """Comments only `before` has, and only `after` has, each as a sorted list."""
    return sorted((before - after).elements()), sorted((after - before).elements())
