"""What Python itself says of the texts the fix-position tests build.

Reads a JSON list of {"text": str, "prefix": str | null} on stdin and prints,
for each, a JSON object:

- "error": why the text does not compile (the text is read as a file's bytes
  are, so that a byte order mark is read as Python reads one), or null;
- "meaning": the syntax tree without positions, the statements made of the
  string literal `prefix` alone (inserted by the test) taken out: a variant of
  a text means the same as the text when the two are equal;
- "statements": the 0-based lines where a top-level statement starts (its
  first decorator's line for a decorated definition), for cutting the text
  into notebook cells;
- "prefixable": the 0-based lines that start with a simple statement where
  `"…"; ` can be put before it without changing what the code does: not a
  compound statement (no expression statement can come before `for` on its
  line), first on its line, not `from __future__ import` (which must come
  first), and not the first statement of a module, class or function (where a
  string literal is the docstring).
"""

import ast
import json
import sys

COMPOUND = tuple(
    getattr(ast, name)
    for name in (
        "FunctionDef", "AsyncFunctionDef", "ClassDef", "If", "For", "AsyncFor", "While",
        "With", "AsyncWith", "Try", "TryStar", "Match",
    )
    if hasattr(ast, name)
)
DOCSTRING_OWNERS = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def statement_lists(tree):
    """Each list of statements with the node that owns it."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(node, field, None)
            if isinstance(statements, list) and statements and isinstance(statements[0], ast.stmt):
                yield node, field, statements


def prefixable_lines(tree, lines):
    found = set()
    for owner, field, statements in statement_lists(tree):
        for index, statement in enumerate(statements):
            if isinstance(statement, COMPOUND):
                continue
            if index == 0 and field == "body" and isinstance(owner, DOCSTRING_OWNERS):
                continue
            if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
                continue
            line = lines[statement.lineno - 1]
            indentation = len(line) - len(line.lstrip(" \t\f"))
            # col_offset counts UTF-8 bytes; the indentation is ASCII.
            if statement.col_offset == indentation:
                found.add(statement.lineno - 1)
    return sorted(found)


def without_prefixes(tree, prefix):
    for owner, field, statements in list(statement_lists(tree)):
        kept = [
            statement
            for statement in statements
            if not (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and statement.value.value == prefix
            )
        ]
        setattr(owner, field, kept)
    return tree


def describe(item):
    text, prefix = item["text"], item.get("prefix")
    try:
        tree = ast.parse(text.encode("utf-8"))
        compile(tree, "<variant>", "exec")
    except (SyntaxError, ValueError) as error:
        return {"error": repr(error), "meaning": None, "statements": [], "prefixable": []}
    # Lines as Python splits them: "\r\n", "\r" and "\n" end a line.
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    statements = sorted(
        min([statement.lineno] + [decorator.lineno for decorator in getattr(statement, "decorator_list", [])]) - 1
        for statement in tree.body
    )
    prefixable = prefixable_lines(tree, lines)
    meaning = ast.dump(without_prefixes(tree, prefix) if prefix is not None else tree)
    return {"error": None, "meaning": meaning, "statements": statements, "prefixable": prefixable}


json.dump([describe(item) for item in json.load(sys.stdin)], sys.stdout)
