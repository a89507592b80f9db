"""Solution source → template source: each answer region becomes a stub that raises.

``make_template`` is pure: lines outside the regions are kept byte for byte (line
endings included); each region, markers included, becomes

    # YOUR CODE HERE
    raise NotImplementedError("<function>: ...")

at the indentation of its ``### BEGIN SOLUTION`` line. The message names WHAT to write
(the function, whose signature and docstring stay), never how.
"""

from __future__ import annotations

import ast

from grader.authoring.regions import Region, find_regions

STUB_COMMENT = "# YOUR CODE HERE"


def make_template(source: str, filename: str) -> str:
    """The student template for the solution ``source`` (``filename`` is used in errors)."""
    regions = find_regions(source, filename)
    owners = region_owners(source, regions)
    lines = source.splitlines(keepends=True)
    newline = _newline(lines)
    out, skip_until = [], 0
    for number, line in enumerate(lines, start=1):
        if number <= skip_until:
            continue
        region = next((r for r in regions if r.begin == number), None)
        if region is None:
            out.append(line)
            continue
        out.extend(stub_lines(region, owners[region.begin], newline))
        skip_until = region.end
    return "".join(out)


def stub_lines(region: Region, todo: str, newline: str = "\n") -> list[str]:
    """The two lines replacing ``region`` (``todo`` holds no quote: it is built from identifiers)."""
    return [f"{region.indent}{STUB_COMMENT}{newline}",
            f'{region.indent}raise NotImplementedError("{todo}"){newline}']


def region_owners(source: str, regions: list[Region]) -> dict[int, str]:
    """For each region (keyed by its BEGIN line), the TODO message naming what to write."""
    try:
        functions = list(_functions(ast.parse(source), ""))
    except SyntaxError:
        functions = []
    todos = {}
    for region in regions:
        inside = [(name, node) for name, node in functions
                  if node.lineno < region.begin <= (node.end_lineno or 0)]
        if not inside:
            todos[region.begin] = "complete this part (see the instructions)"
            continue
        name, node = max(inside, key=lambda item: item[1].lineno)  # the innermost definition
        verb = "implement" if _covers_body(node, region) else "complete"
        todos[region.begin] = f"{verb} {name} (see its docstring)"
    return todos


def _functions(tree: ast.AST, prefix: str):
    """``(qualified name, node)`` for every function definition, methods as ``Class.method``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield prefix + node.name, node
            yield from _functions(node, prefix + node.name + ".")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, prefix + node.name + ".")
        else:
            yield from _functions(node, prefix)


def _covers_body(node: ast.AST, region: Region) -> bool:
    """Whether the region holds every statement of the function except its docstring."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return all(region.begin < stmt.lineno and (stmt.end_lineno or stmt.lineno) < region.end for stmt in body)


def _newline(lines: list[str]) -> str:
    """The file's line ending, so that a CRLF solution yields a CRLF template."""
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith("\n"):
            return "\n"
    return "\n"
