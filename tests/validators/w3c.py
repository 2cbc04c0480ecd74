"""Checks W3C Web Annotation JSON against the W3C test suite's MUST assertions.

Usage: w3c.py STANDARDS_DIR FILE...

STANDARDS_DIR is tests/standards (it holds w3c/definitions, w3c/annotations, ...). Each
FILE is an AnnotationCollection, an AnnotationPage or an Annotation. A collection passes
collections/collectionMusts.test and collections/pages/pageMusts.test; a page passes the page
list; each annotation (a collection's or page's embedded ones with the collection's @context
copied in, since embedded annotations normally omit it) passes
annotations/annotationMusts.test, and each of its bodies passes
otherProperties.json#/definitions/purposeRecognizedIfPresent (the MUST lists do not check
purpose values). Prints every failed assertion and exits 1 if there is one; prints a count of
passed checks and exits 0 otherwise.

Follows the recipe of standards/README.md: every definitions file registered under its bare
file name, Draft 4, formats checked (jsonschema[format-nongpl] must be installed, or `uri` and
`date-time` would pass anything).
"""

import json
import pathlib
import sys

from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4


def load(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


class Suite:
    def __init__(self, standards):
        self.w3c = pathlib.Path(standards) / "w3c"
        self.registry = Registry().with_resources(
            (p.name, DRAFT4.create_resource(load(p)))
            for p in (self.w3c / "definitions").glob("*.json")
        )
        self.checks = 0
        # Without the format checkers installed, `uri` and `date-time` are not checked and
        # the suite would pass an id of "not a uri": refuse to run rather than pass.
        for fmt in ("uri", "date-time"):
            if fmt not in Draft4Validator.FORMAT_CHECKER.checkers:
                sys.exit(f"the {fmt!r} format checker is missing: install jsonschema[format-nongpl]")

    def validator(self, schema):
        return Draft4Validator(
            schema, registry=self.registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )

    def failed(self, doc, test_file):
        out = []
        for rel in load(self.w3c / test_file)["assertions"]:
            schema = load(self.w3c / rel)
            self.checks += 1
            expected = schema.get("expectedResult", "valid") == "valid"
            if self.validator(schema).is_valid(doc) != expected:
                out.append(f"{rel}: {schema.get('errorMessage')}")
        return out

    def failed_purpose(self, body):
        self.checks += 1
        schema = {"$ref": "otherProperties.json#/definitions/purposeRecognizedIfPresent"}
        if self.validator(schema).is_valid(body):
            return []
        return [f"purposeRecognizedIfPresent: purpose {body.get('purpose')!r} is not one of the model's"]


def types(doc):
    t = doc.get("type") if isinstance(doc, dict) else None
    return t if isinstance(t, list) else [t]


def annotation_failures(suite, anno, context, where):
    out = []
    if "@context" not in anno and context is not None:
        anno = dict(anno, **{"@context": context})
    out += [f"{where}: {f}" for f in suite.failed(anno, "annotations/annotationMusts.test")]
    bodies = anno.get("body", [])
    for i, body in enumerate(bodies if isinstance(bodies, list) else [bodies]):
        if isinstance(body, dict):
            out += [f"{where} body {i}: {f}" for f in suite.failed_purpose(body)]
    return out


def page_failures(suite, page, context, where):
    out = []
    for i, item in enumerate(page.get("items", [])):
        if isinstance(item, dict):
            out += annotation_failures(suite, item, context, f"{where} item {i} ({item.get('id')})")
    return out


def check(suite, doc, name):
    if "AnnotationCollection" in types(doc):
        out = [f"{name}: {f}" for f in suite.failed(doc, "collections/collectionMusts.test")]
        out += [f"{name}: {f}" for f in suite.failed(doc, "collections/pages/pageMusts.test")]
        first = doc.get("first")
        if isinstance(first, dict):
            out += page_failures(suite, first, doc.get("@context"), f"{name} first page")
        return out
    if "AnnotationPage" in types(doc):
        out = [f"{name}: {f}" for f in suite.failed(doc, "collections/pages/pageMusts.test")]
        return out + page_failures(suite, doc, doc.get("@context"), name)
    return annotation_failures(suite, doc, None, name)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    suite = Suite(argv[1])
    failures = []
    for name in argv[2:]:
        failures += check(suite, load(name), name)
    for f in failures:
        print(f)
    if failures:
        print(f"{len(failures)} failed of {suite.checks} checks")
        return 1
    print(f"all {suite.checks} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
