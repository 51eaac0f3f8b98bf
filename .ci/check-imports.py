#!/usr/bin/env python3
"""Every module a Swift file imports is declared as a dependency of its target in Package.swift.

Reads the package as SwiftPM sees it (`swift package dump-package`) and the `import` lines of
every file under Sources/ and Tests/. System modules (Foundation, Glibc, Testing, ...) are
allowed everywhere; a project or package module must be a declared dependency. Prints each
undeclared import as FILE:LINE and exits 1 if there is one.
"""
import json, re, subprocess, sys
from pathlib import Path

SYSTEM = {"Foundation", "FoundationXML", "FoundationNetworking", "Glibc", "Darwin", "Dispatch",
          "Synchronization", "Testing", "XCTest", "PackageDescription", "os"}

package = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True,
                                    capture_output=True, text=True).stdout)
# Modules a product brings: a product's name and its targets' names as modules.
product_modules = {}
for dependency in package["dependencies"]:
    pass
failures = []
for target in package["targets"]:
    if target["type"] == "system":
        continue
    declared = set()
    for dependency in target["dependencies"]:
        if "byName" in dependency:
            declared.add(dependency["byName"][0])
        elif "target" in dependency:
            declared.add(dependency["target"][0])
        elif "product" in dependency:
            declared.add(dependency["product"][0])
    folder = Path("Tests" if target["type"] == "test" else "Sources") / (target.get("path") or target["name"])
    for file in sorted(folder.rglob("*.swift")):
        for number, line in enumerate(file.read_text().splitlines(), 1):
            match = re.match(r"\s*(?:@testable\s+|@_spi\(\w+\)\s+)?import\s+(?:struct\s+|class\s+|enum\s+|func\s+)?(\w+)", line)
            if not match:
                continue
            module = match.group(1)
            if module in SYSTEM or module in declared or module == target["name"]:
                continue
            failures.append(f"{file}:{number}: imports {module}, which Package.swift does not list for {target['name']}")
for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)
