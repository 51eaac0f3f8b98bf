import Foundation

/// The repository this file is in: the fuzzer reads the real theme from its `templates/`.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

#if FUZZING
// Built by Fuzz/run.sh with `--sanitize=fuzzer -Xswiftc -DFUZZING`: libFuzzer provides `main`
// and calls this for every input. A problem in the output is a crash, so libFuzzer saves the
// input that caused it.
nonisolated(unsafe) private var fuzzProject: FuzzProject?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if fuzzProject == nil {
        do {
            fuzzProject = try FuzzProject(repository: repository)
        } catch {
            fatalError("\(error)")
        }
    }
    let verbose = getenv("BAMASO_FUZZ_VERBOSE") != nil
    let problems = fuzzProject!.run(Array(UnsafeBufferPointer(start: data, count: size))) { diagnostics, files in
        if verbose { print("\(diagnostics.count) diagnostics, \(files.count) files") }
    }
    if !problems.isEmpty {
        fatalError("the output breaks a rule:\n" + problems.joined(separator: "\n"))
    }
    return 0
}
#else
/// Without `-DFUZZING` (a plain `swift build`), the same target replays inputs, such as a
/// crash file libFuzzer saved: `swift run BamasoFuzz [--verbose] crash-1234 …` (`--verbose`
/// prints each input's diagnostics and files). Exit status 1 when an output breaks a rule.
@main
struct FuzzReplay {
    static func main() throws {
        let project = try FuzzProject(repository: repository)
        var failed = false
        let verbose = CommandLine.arguments.contains("--verbose")
        for path in CommandLine.arguments.dropFirst() where path != "--verbose" {
            let input = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let problems = project.run(input) { diagnostics, files in
                guard verbose else { return }
                for diagnostic in diagnostics { print("  \(diagnostic)") }
                print("  \(files.count) files: \(files.joined(separator: " "))")
            }
            print("\(path): \(problems.isEmpty ? "ok" : problems.joined(separator: "\n  "))")
            failed = failed || !problems.isEmpty
        }
        if failed { exit(1) }
    }
}
#endif
