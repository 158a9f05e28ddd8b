#!/usr/bin/env python3
"""Validates Trustmark's machine outputs against the official schemas in ../shared/schemas:
SARIF 2.1.0 (`rate --format sarif`, `scan --format sarif`) and CycloneDX 1.6 (`rate --format cyclonedx`).

    python3 scripts/validate-outputs.py FILE.sarif ... FILE.cdx.json ...     # type chosen by the file's content
"""
import json, os, sys
import jsonschema

SCHEMAS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "schemas")

def validator_for(document):
    if document.get("bomFormat") == "CycloneDX":
        from referencing import Registry, Resource
        bom = json.load(open(os.path.join(SCHEMAS, "bom-1.6.schema.json")))
        resources = []
        for name in ["spdx.schema.json", "jsf-0.82.schema.json"]:
            schema = json.load(open(os.path.join(SCHEMAS, name)))
            resource = Resource.opaque(schema)
            resources += [(name, resource), (schema.get("$id", name), resource)]
        registry = Registry().with_resources(resources)
        return jsonschema.Draft7Validator(bom, registry=registry), "CycloneDX 1.6"
    sarif = json.load(open(os.path.join(SCHEMAS, "sarif-schema-2.1.0.json")))
    return jsonschema.Draft7Validator(sarif), "SARIF 2.1.0"

failed = 0
for path in sys.argv[1:]:
    document = json.load(open(path))
    validator, kind = validator_for(document)
    errors = list(validator.iter_errors(document))
    if errors:
        failed += 1
        print(f"{path}: INVALID {kind}: {errors[0].message[:300]} at {list(errors[0].absolute_path)[:8]}")
    else:
        print(f"{path}: valid {kind}")
sys.exit(1 if failed else 0)
