// bamaso-profile ROOT OUTPUT: one full build of the project in ROOT into OUTPUT, through the
// library as `bamaso build` does it, but from synchronous code: valgrind 3.19 (Debian 12)
// crashes in the thread pool of Swift concurrency, which the async `bamaso` command starts
// (DispatchQueue.concurrentPerform inside the build is fine). Benchmarks/profile.sh builds this
// file as an extra target in a copy of the package and runs it under callgrind.
import BamasoSite
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: bamaso-profile ROOT OUTPUT\n".utf8))
    exit(2)
}
let report = Site.build(BuildOptions(root: URL(fileURLWithPath: arguments[1]), output: URL(fileURLWithPath: arguments[2])))
for diagnostic in report.diagnostics.prefix(20) { print(diagnostic.description) }
print("\(report.filesWritten) files written, \(report.diagnostics.count) diagnostics")
for timing in report.timings {
    print("  " + timing.stage.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: " %.3f s", timing.seconds))
}
exit(report.hasErrors ? 1 : 0)
