#!/usr/bin/env python3
"""Validates Trustmark's machine outputs against their schemas, the kind chosen by each file's content:

  - rating records (`rate --format json`, `render --format json`) against docs/schemas/rating-<schemaVersion>.json,
    which are in this repository;
  - SARIF 2.1.0 (`rate --format sarif`, `scan --format sarif`) and CycloneDX 1.6 (`rate --format cyclonedx`) against
    the official schemas in ../shared/schemas (third-party files, not copied here): a file of those kinds is reported
    SKIPPED when they are not there, never as valid.

    python3 scripts/validate-outputs.py FILE.json FILE.sarif FILE.cdx.json ...

Exit status: 0 every file valid (or skipped), 1 a file invalid, 2 no files given or a file unreadable.
Needs the `jsonschema` package (pip install jsonschema).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY_SCHEMAS = os.path.join(HERE, "..", "docs", "schemas")
SHARED_SCHEMAS = os.path.join(HERE, "..", "..", "shared", "schemas")


def usage():
    print(__doc__.strip(), file=sys.stderr)
    sys.exit(2)


def shared(name):
    path = os.path.join(SHARED_SCHEMAS, name)
    return json.load(open(path)) if os.path.exists(path) else None


def validator_for(document):
    """(validator or None, kind, reason when skipped)."""
    import jsonschema

    if "schemaVersion" in document and "methodology" in document and "findings" in document:
        version = document["schemaVersion"]
        path = os.path.join(REPOSITORY_SCHEMAS, f"rating-{version}.json")
        if not os.path.exists(path):
            return None, f"rating record {version}", f"no schema docs/schemas/rating-{version}.json"
        return jsonschema.Draft202012Validator(json.load(open(path))), f"rating record {version}", None
    if document.get("bomFormat") == "CycloneDX":
        bom = shared("bom-1.6.schema.json")
        if bom is None:
            return None, "CycloneDX 1.6", "../shared/schemas is not present"
        from referencing import Registry, Resource

        resources = []
        for name in ["spdx.schema.json", "jsf-0.82.schema.json"]:
            schema = shared(name)
            resource = Resource.opaque(schema)
            resources += [(name, resource), (schema.get("$id", name), resource)]
        return jsonschema.Draft7Validator(bom, registry=Registry().with_resources(resources)), "CycloneDX 1.6", None
    if "runs" in document and str(document.get("version", "")).startswith("2.1"):
        sarif = shared("sarif-schema-2.1.0.json")
        if sarif is None:
            return None, "SARIF 2.1.0", "../shared/schemas is not present"
        return jsonschema.Draft7Validator(sarif), "SARIF 2.1.0", None
    return None, "unknown", "not a rating record, SARIF log or CycloneDX BOM"


def main(paths):
    if not paths:
        usage()
    failed = 0
    for path in paths:
        try:
            document = json.load(open(path))
        except (OSError, ValueError) as error:
            print(f"{path}: UNREADABLE: {error}")
            sys.exit(2)
        validator, kind, skipped = validator_for(document)
        if validator is None:
            if kind == "unknown":
                failed += 1
                print(f"{path}: INVALID: {skipped}")
            else:
                print(f"{path}: SKIPPED {kind}: {skipped}")
            continue
        errors = list(validator.iter_errors(document))
        if errors:
            failed += 1
            print(f"{path}: INVALID {kind}: {errors[0].message[:300]} at {list(errors[0].absolute_path)[:8]}")
        else:
            print(f"{path}: valid {kind}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
