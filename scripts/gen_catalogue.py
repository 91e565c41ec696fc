#!/usr/bin/env python3
"""Generate core/src/catalogue/operations.rs from the SpotDraft OpenAPI schema.

Usage:
    python3 scripts/gen_catalogue.py SCHEMA_PATH [--out core/src/catalogue/operations.rs]
        [--sandbox-out sandbox/src/catalogue.rs]

With ``--sandbox-out`` it also writes the sandbox's copy of the table: just
``(name, METHOD, path template)`` triples, so the sandbox crate knows every
operation without depending on the core crate (it answers the ones it does not
emulate with 501).

The schema is only needed to *regenerate* the table; the crate never reads it.
The output is deterministic: running the script twice on the same schema gives
byte-identical output (the drift test in core/tests/catalogue.rs relies on it).

Which operations
----------------
Every operation (get/post/put/patch/delete) whose path starts with
``/api/v2.1/public/``. Older API versions in the schema are ignored.

Naming rule
-----------
1. Strip ``/api/v2.1/public/`` from the path and split the rest on ``/``.
2. Drop empty segments (trailing slash) and ``{param}`` segments.
3. Replace ``-`` with ``_`` and join the remaining segments with ``.``.
4. Append a verb from the HTTP method:
       GET on a path whose last segment is a ``{param}``  -> ``get``
       GET otherwise                                     -> ``list``
       POST -> ``create``, PUT -> ``replace``, PATCH -> ``update``,
       DELETE -> ``delete``
5. Then, for the most used operations, an explicit override table (OVERRIDES
   below, keyed by method and exact path) replaces the mechanical name so it
   reads naturally, e.g. ``contracts.status`` instead of
   ``contracts.status.list``.

Names must be unique and match ``^[a-z0-9_]+(\\.[a-z0-9_]+)*$``; the script
exits non-zero on a collision, an invalid name, or an override that matches no
operation (a stale override).

Other fields
------------
path_params   the ``{name}`` placeholders of the path template, in order. (The
              schema sometimes declares "path" parameters that are not in the
              template; those are ignored, the template is authoritative.)
query_params  names of the declared ``in: query`` parameters, declaration order
              (path-level parameters first, overridden by operation-level ones).
paged         the operation takes both ``page`` and ``limit`` query parameters,
              or its 200 response schema is the page envelope (an object with
              both ``total_results`` and ``results`` properties).
has_body      the operation declares a ``requestBody``.
idempotent    GET, PUT and DELETE, and the POSTs listed in IDEMPOTENT_POSTS below.
summary       the schema's one-line ``summary`` (whitespace collapsed).
"""

from __future__ import annotations

import argparse
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover - environment dependent
    sys.stderr.write(
        "gen_catalogue.py: the PyYAML module is required but could not be imported.\n"
        "Install it with:  pip install pyyaml\n"
    )
    sys.exit(2)

PREFIX = "/api/v2.1/public/"
METHODS = ("get", "post", "put", "patch", "delete")
RUST_METHOD = {
    "get": "Get",
    "post": "Post",
    "put": "Put",
    "patch": "Patch",
    "delete": "Delete",
}
VERB = {"post": "create", "put": "replace", "patch": "update", "delete": "delete"}
NAME_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
PARAM_RE = re.compile(r"\{([^{}/]+)\}")

# (METHOD, exact path) -> name. Keep this table small: it is for the
# operations people reach for most, so their names read naturally.
OVERRIDES: dict[tuple[str, str], str] = {
    ("GET", PREFIX + "contracts/{composite_id}/status"): "contracts.status",
    ("POST", PREFIX + "contracts/{composite_id}/status/void"): "contracts.void",
    ("POST", PREFIX + "contracts/{composite_id}/download"): "contracts.download",
    ("POST", PREFIX + "contracts/{composite_id}/download_link"): "contracts.download_link",
    ("POST", PREFIX + "contracts/{composite_id}/mark_for_execution/"): "contracts.mark_for_execution",
    ("POST", PREFIX + "contracts/{composite_id}/unmark_for_execution"): "contracts.unmark_for_execution",
    ("GET", PREFIX + "contracts/{composite_id}/key_pointers"): "contracts.key_pointers.get",
    ("POST", PREFIX + "contracts/{composite_id}/key_pointers/bulk"): "contracts.key_pointers.bulk_update",
    ("GET", PREFIX + "contracts/{contract_id}/external_metadata"): "contracts.external_metadata.get",
    ("GET", PREFIX + "contracts/by_external_metadata/{external_metadata_id}"): "contracts.by_external_metadata",
    ("GET", PREFIX + "templates/{template_id}/metadata"): "templates.metadata",
    ("GET", PREFIX + "auth/users/"): "users.list",
    ("POST", PREFIX + "auth/users/"): "users.create",
    ("GET", PREFIX + "auth/roles/"): "roles.list",
    # keep the role family together with roles.list
    ("POST", PREFIX + "auth/roles/{role_id}/members"): "roles.members.create",
    ("DELETE", PREFIX + "auth/roles/{role_id}/members"): "roles.members.delete",
    ("GET", PREFIX + "webhooks/hmac_key/"): "webhooks.hmac_key",
}

# POST operations that are safe to repeat after they reached the server: reads that use
# POST for a body, and writes that set (not add) a value. Every other POST and PATCH is
# retried only when the request never reached the server.
IDEMPOTENT_POSTS = (
    # Reads: generate the current file or a fresh link; nothing changes server-side.
    "contracts.download",
    "contracts.download_link",
    "contracts.download_docx.create",
    "contracts.preview.create",
    "analytics.query.create",
    "sidebar.query.create",
    "clickwrap.agreements.preview.create",
    "clickwrap.consent_status.create",
    # Set values: sending the same values twice leaves the same state.
    "contracts.key_pointers.bulk_update",
    "contracts.external_metadata.create",
)


def fail(msg: str) -> "NoReturn":  # type: ignore[name-defined]
    sys.stderr.write(f"gen_catalogue.py: error: {msg}\n")
    sys.exit(1)


def mechanical_name(method: str, path: str) -> str:
    rest = path[len(PREFIX):]
    segments = [s for s in rest.split("/") if s]
    literal = [s.replace("-", "_") for s in segments if not PARAM_RE.fullmatch(s)]
    if method == "get":
        verb = "get" if segments and PARAM_RE.fullmatch(segments[-1]) else "list"
    else:
        verb = VERB[method]
    return ".".join(literal + [verb])


def resolve(doc: dict, node):
    """Follow local $refs ("#/components/...") until a non-ref node."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
            fail(f"unsupported or cyclic $ref: {ref!r}")
        seen.add(ref)
        target = doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                fail(f"dangling $ref: {ref}")
            target = target[part]
        node = target
    return node


def schema_properties(doc: dict, schema, depth: int = 0) -> set[str]:
    schema = resolve(doc, schema)
    if not isinstance(schema, dict) or depth > 16:
        return set()
    props = set((schema.get("properties") or {}).keys())
    for sub in schema.get("allOf") or []:
        props |= schema_properties(doc, sub, depth + 1)
    return props


def is_page_envelope(doc: dict, op: dict) -> bool:
    responses = op.get("responses") or {}
    ok = responses.get("200", responses.get(200))
    ok = resolve(doc, ok) if ok is not None else None
    if not isinstance(ok, dict):
        return False
    for media in (ok.get("content") or {}).values():
        if isinstance(media, dict) and "schema" in media:
            props = schema_properties(doc, media["schema"])
            if "total_results" in props and "results" in props:
                return True
    return False


def parameters(doc: dict, path_item: dict, op: dict) -> list[dict]:
    """Path-level then operation-level parameters; op-level wins on (name, in)."""
    merged: dict[tuple[str, str], dict] = {}
    for raw in list(path_item.get("parameters") or []) + list(op.get("parameters") or []):
        p = resolve(doc, raw)
        if not isinstance(p, dict) or "name" not in p or "in" not in p:
            fail(f"malformed parameter: {raw!r}")
        merged[(p["name"], p["in"])] = p
    return list(merged.values())


def one_line(text) -> str:
    return " ".join(str(text or "").split())


def rust_str(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def rust_str_slice(items: list[str]) -> str:
    if not items:
        return "&[]"
    return "&[" + ", ".join(rust_str(i) for i in items) + "]"


def collect(doc: dict) -> list[dict]:
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        fail("schema has no 'paths' object")
    ops = []
    names: dict[str, tuple[str, str]] = {}
    used_overrides = set()
    for path, item in paths.items():
        if not isinstance(path, str) or not path.startswith(PREFIX):
            continue
        item = resolve(doc, item)
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            key = (method.upper(), path)
            name = OVERRIDES.get(key)
            if name is not None:
                used_overrides.add(key)
            else:
                name = mechanical_name(method, path)
            if not NAME_RE.fullmatch(name):
                fail(f"invalid operation name {name!r} for {key[0]} {path}")
            if name in names:
                other = names[name]
                fail(
                    f"name collision: {name!r} for {key[0]} {path} and "
                    f"{other[0]} {other[1]}; add an entry to OVERRIDES"
                )
            names[name] = key
            if path.count("{") != path.count("}") or "//" in path:
                fail(f"malformed path template: {path}")
            params = parameters(doc, item, op)
            query = [p["name"] for p in params if p["in"] == "query"]
            paged = ("page" in query and "limit" in query) or is_page_envelope(doc, op)
            ops.append(
                {
                    "name": name,
                    "method": RUST_METHOD[method],
                    "path": path,
                    "path_params": PARAM_RE.findall(path),
                    "query_params": query,
                    "paged": paged,
                    "has_body": "requestBody" in op,
                    "summary": one_line(op.get("summary")),
                }
            )
    known = {o["name"]: o for o in ops}
    for name in IDEMPOTENT_POSTS:
        if name not in known or known[name]["method"] != "Post":
            fail(f"IDEMPOTENT_POSTS names {name!r}, which is not a POST operation")
    for o in ops:
        o["idempotent"] = o["method"] in ("Get", "Put", "Delete") or o["name"] in IDEMPOTENT_POSTS
    stale = sorted(set(OVERRIDES) - used_overrides)
    if stale:
        fail("overrides match no operation: " + ", ".join(f"{m} {p}" for m, p in stale))
    ops.sort(key=lambda o: o["name"].encode("utf-8"))
    return ops


def render(ops: list[dict]) -> str:
    lines = [
        "// generated by scripts/gen_catalogue.py from the SpotDraft OpenAPI schema; do not edit",
        "//",
        "// Regenerate with:",
        "//     python3 scripts/gen_catalogue.py path/to/spotdraft-openapi.yml --out core/src/catalogue/operations.rs",
        "",
        "use super::{Method, Operation};",
        "",
        f"/// All {len(ops)} `/api/v2.1/public/` operations, sorted by name.",
        "#[rustfmt::skip]",
        "pub static OPERATIONS: &[Operation] = &[",
    ]
    for o in ops:
        lines += [
            "    Operation {",
            f"        name: {rust_str(o['name'])},",
            f"        method: Method::{o['method']},",
            f"        path: {rust_str(o['path'])},",
            f"        path_params: {rust_str_slice(o['path_params'])},",
            f"        query_params: {rust_str_slice(o['query_params'])},",
            f"        paged: {'true' if o['paged'] else 'false'},",
            f"        has_body: {'true' if o['has_body'] else 'false'},",
            f"        idempotent: {'true' if o['idempotent'] else 'false'},",
            f"        summary: {rust_str(o['summary'])},",
            "    },",
        ]
    lines.append("];")
    lines += [
        "",
        "/// The stable name of every operation, as a constant: code that names an operation",
        "/// through these fails to compile on a typo.",
        "pub mod names {",
    ]
    for o in ops:
        const = o["name"].upper().replace(".", "_")
        lines.append(f"    /// `{o['method'].upper()} {o['path']}`")
        lines.append(f"    pub const {const}: &str = {rust_str(o['name'])};")
    lines.append("}")
    lines += [
        "",
        "/// POST operations that are safe to repeat: reads that use POST for a body, and writes",
        "/// that set (not add) a value. Every other POST and PATCH is retried only when the",
        "/// request never reached the server.",
        "pub const IDEMPOTENT_POSTS: &[&str] = &[",
    ]
    for name in IDEMPOTENT_POSTS:
        lines.append(f"    names::{name.upper().replace('.', '_')},")
    lines.append("];")
    return "\n".join(lines) + "\n"


def render_sandbox(ops: list[dict]) -> str:
    lines = [
        "// generated by scripts/gen_catalogue.py from the SpotDraft OpenAPI schema; do not edit",
        "//",
        "// Regenerate with:",
        "//     python3 scripts/gen_catalogue.py path/to/spotdraft-openapi.yml --out core/src/catalogue/operations.rs \\",
        "//         --sandbox-out sandbox/src/catalogue.rs",
        "",
        f"/// All {len(ops)} `/api/v2.1/public/` operations, sorted by name: (name, METHOD, path template).",
        "#[rustfmt::skip]",
        "pub(crate) static OPERATIONS: &[(&str, &str, &str)] = &[",
    ]
    for o in ops:
        method = o["method"].upper()
        lines.append(f"    ({rust_str(o['name'])}, {rust_str(method)}, {rust_str(o['path'])}),")
    lines.append("];")
    return "\n".join(lines) + "\n"


def write(path: str, text: str) -> None:
    if path == "-":
        sys.stdout.write(text)
        return
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, path)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("schema", help="path to the SpotDraft OpenAPI 3 YAML schema")
    ap.add_argument(
        "--out",
        default="core/src/catalogue/operations.rs",
        help="output Rust file ('-' for stdout); default: %(default)s",
    )
    ap.add_argument(
        "--sandbox-out",
        default=None,
        metavar="PATH",
        help="also write the sandbox's (name, METHOD, path) table to PATH ('-' for stdout)",
    )
    args = ap.parse_args(argv)
    try:
        with open(args.schema, "r", encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except OSError as e:
        fail(f"cannot read schema {args.schema}: {e}")
    except yaml.YAMLError as e:
        fail(f"cannot parse schema {args.schema}: {e}")
    if not isinstance(doc, dict):
        fail("schema is not a YAML mapping")
    ops = collect(doc)
    write(args.out, render(ops))
    if args.sandbox_out is not None:
        write(args.sandbox_out, render_sandbox(ops))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
