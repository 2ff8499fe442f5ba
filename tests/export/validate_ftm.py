"""Validates FollowTheMoney files with the real `followthemoney` library.

Usage: python3 tests/export/validate_ftm.py <entities.ftm.json>...

Every line must be one entity that FtM takes as it is: a known, concrete
schema; a valid, unique id; only properties of that schema, each value
valid for its type and left unchanged by FtM's own cleaning (nothing
dropped, nothing rewritten); the schema's required properties present;
a caption (links aside: they are shown by their ends); and every entity reference resolving to an entity of the file
whose schema is within the property's range. Prints one line per problem
and, last, "ftm: N passed, M failed" (one count per file); exits 1 on any
problem.
"""

import json
import sys

from followthemoney import model, registry
from followthemoney.exc import InvalidData


def check_file(path):
    problems = []
    entities = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        problems.append("the file does not end with a newline")
    for n, line in enumerate(lines, 1):
        where = f"{path}:{n}"
        try:
            data = json.loads(line)
        except ValueError as e:
            problems.append(f"{where}: not JSON: {e}")
            continue
        if not isinstance(data, dict) or set(data) != {"id", "schema", "properties"}:
            problems.append(f"{where}: not an entity object (id, schema, properties)")
            continue
        schema = model.get(data["schema"])
        if schema is None or schema.abstract:
            problems.append(f"{where}: no concrete schema `{data['schema']}`")
            continue
        eid = data["id"]
        if not registry.entity.validate(eid) or registry.entity.clean(eid) != eid:
            problems.append(f"{where}: invalid id `{eid}`")
        if eid in entities:
            problems.append(f"{where}: id `{eid}` repeated")
        props = data["properties"]
        for name, values in props.items():
            prop = schema.get(name)
            if prop is None:
                problems.append(f"{where}: {schema.name} has no property `{name}`")
                continue
            if not isinstance(values, list) or not values:
                problems.append(f"{where}: `{name}` is not a list of values")
                continue
            for v in values:
                if not isinstance(v, str) or not prop.type.validate(v):
                    problems.append(f"{where}: `{name}` value {v!r} is not a valid {prop.type.name}")
        for name in schema.required:
            if not props.get(name):
                problems.append(f"{where}: {schema.name} requires `{name}`")
        try:
            schema.validate(data)
        except InvalidData as e:
            problems.append(f"{where}: FtM refuses it: {e.errors}")
        # FtM's own cleaning must keep every value as written.
        proxy = model.get_proxy(data, cleaned=False)
        for name, values in props.items():
            if schema.get(name) is None:
                continue
            kept = proxy.get(name, quiet=True)
            if sorted(kept) != sorted(values):
                problems.append(f"{where}: FtM cleans `{name}` {values!r} into {kept!r}")
        # Links are shown by their two ends; every other entity by a name.
        if not schema.edge and (not proxy.caption or proxy.caption == schema.label):
            problems.append(f"{where}: no caption (no name or title)")
        entities[eid] = (schema, proxy, where)
    # Every reference resolves, to an entity its property may point at.
    for eid, (schema, proxy, where) in entities.items():
        for prop, value in proxy.itervalues():
            if prop.type != registry.entity:
                continue
            target = entities.get(value)
            if target is None:
                problems.append(f"{where}: `{prop.name}` points at `{value}`, which is not in the file")
            elif prop.range is not None and not target[0].is_a(prop.range):
                problems.append(
                    f"{where}: `{prop.name}` points at a {target[0].name}, not a {prop.range.name}"
                )
        if schema.edge:
            for end in (schema.edge_source, schema.edge_target):
                if not proxy.get(end):
                    problems.append(f"{where}: the link has no `{end}`")
    return len(entities), problems


def main(paths):
    passed = failed = 0
    for path in paths:
        count, problems = check_file(path)
        for p in problems:
            print(f"FAIL {p}")
        if problems or count == 0:
            failed += 1
            if count == 0:
                print(f"FAIL {path}: no entities")
        else:
            passed += 1
            print(f"{path}: {count} entities valid")
    print(f"ftm: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
