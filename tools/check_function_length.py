#!/usr/bin/env python3
"""Checks the size rules of plumb's sources (tests excluded): no function
longer than MAX_FUNCTION lines, no file longer than MAX_FILE lines.

A function is a brace block opened at namespace or class level after a
header with a parameter list; its length runs from the first line of that
header to the closing brace. Brace matching skips comments, string and
character literals (raw strings too) and preprocessor lines: a heuristic,
enough for this code base's style.

usage: tools/check_function_length.py [ROOT]   (exit 1 and a list of violations)
"""
import pathlib
import re
import sys

MAX_FUNCTION = 80
MAX_FILE = 600
LAYERS = ["support", "diagnostics", "parser", "wasm", "model", "component", "resolver", "cli"]
SUFFIXES = {".h", ".cc"}

CONTROL = re.compile(r"^(if|for|while|switch|catch|do|else|try)\b")
SCOPE = re.compile(r"^((template\s*<.*>\s*)?(class|struct|union|enum)\b|namespace\b|extern\s*\"C\")")


def strip_code(text):
    """`text` with comments, literals and preprocessor lines blanked out
    (newlines kept, so offsets map to the same lines)."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            # A preprocessor line, with its continuations.
            while i < n and not (text[i] == "\n" and text[i - 1] != "\\"):
                out.append("\n" if text[i] == "\n" else " ")
                i += 1
            continue
        if c in " \t":
            out.append(c)
            i += 1
            continue
        line_start = c == "\n"
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                out.append(" ")
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join("\n" if ch == "\n" else " " for ch in text[i:end]))
            i = end
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            delim_end = text.find("(", i + 2)
            closing = ")" + text[i + 2:delim_end] + '"'
            end = text.find(closing, delim_end)
            end = n if end < 0 else end + len(closing)
            out.append('""' + "".join("\n" if ch == "\n" else " " for ch in text[i + 2:end - 2]) + "  ")
            i = end
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # a digit separator: 1'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def is_function_header(header):
    header = " ".join(header.split())
    if not header or "(" not in header or CONTROL.match(header) or SCOPE.match(header):
        return False
    before_paren = header[: header.index("(")]
    # `x = [...](...) {` or `T table[] = {...}`: an initializer, not a body.
    return "=" not in before_paren.replace("operator", "")


def functions(code):
    """(first line, last line, header) of each function of stripped `code`."""
    found = []
    # Each open brace: whether it is a scope whose children may be functions.
    stack = []
    header_start = 0
    line = 1
    header_line = None
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
            continue
        at_scope = all(kind == "scope" for kind, _, _ in stack)
        if at_scope and header_line is None and not c.isspace() and c not in "{};":
            header_line = line
        if c == "{":
            header = code[header_start:i].strip()
            if not at_scope:
                kind = "block"
            elif is_function_header(header):
                kind = "function"
            elif SCOPE.match(" ".join(header.split())) or header == "":
                kind = "scope" if SCOPE.match(" ".join(header.split())) else "block"
            else:
                kind = "block"
            stack.append((kind, header_line or line, header))
            header_start, header_line = i + 1, None
        elif c == "}":
            if stack:
                kind, start, header = stack.pop()
                if kind == "function":
                    found.append((start, line, header))
            header_start, header_line = i + 1, None
        elif c == ";" and at_scope:
            header_start, header_line = i + 1, None
    return found


def function_name(header):
    name = " ".join(header.split())
    name = name[: name.index("(")].split()[-1] if "(" in name else name
    return name


def check(root):
    problems = []
    for layer in LAYERS:
        for path in sorted((root / layer).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            rel = path.relative_to(root)
            text = path.read_text(encoding="utf-8")
            lines = text.count("\n")
            if lines > MAX_FILE:
                problems.append(f"{rel}: {lines} lines (more than {MAX_FILE})")
            for start, end, header in functions(strip_code(text)):
                length = end - start + 1
                if length > MAX_FUNCTION:
                    problems.append(f"{rel}:{start}: {function_name(header)}: {length} lines (more than {MAX_FUNCTION})")
    return problems


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = check(root)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
