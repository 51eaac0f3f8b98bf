import BamasoDiagnostics
import BamasoSite
import Foundation

/// What the server shows at a moment: the folder of the last good build, and the problems of
/// the latest build when it failed.
struct PreviewState: Sendable, Equatable {
    /// The last good build; nil while no build has succeeded yet.
    var folder: URL?
    /// Every diagnostic of the latest build when it had errors; empty after a good build.
    var failedBuild: [Diagnostic]
    /// Counts finished builds, good or not; a page reloads when it is older than this.
    var generation: Int

    var hasErrors: Bool { failedBuild.hasErrors }
}

/// Builds the project into a private folder and keeps the state the server shows.
///
/// The site is built with the pipeline every command uses (`Site.build`), into a temporary
/// folder (never the project's `public/`), with a `BuildCache`, so a rebuild after one page
/// changed reads, parses, resolves, renders and writes again only what that page changes. A
/// failed build leaves the last good one in place.
actor PreviewSite {
    let options: BuildOptions
    let cache = BuildCache()
    let reload: LiveReload
    private(set) var state: PreviewState

    init(options: BuildOptions, reload: LiveReload) {
        self.options = options
        self.reload = reload
        self.state = PreviewState(folder: nil, failedBuild: [], generation: 0)
    }

    /// Builds once more, updates the state, and tells open pages to reload.
    /// - Parameter changes: the files that changed since the previous build, relative to the
    ///   project root; nil when not known, and every file is compared.
    func rebuild(changes: Set<String>?) async -> (report: BuildReport, statistics: BuildCache.Statistics) {
        let options = self.options
        let cache = self.cache
        if let changes { cache.noteChanges(changes) }
        // The build is synchronous work that takes a while: keep it off the cooperative pool.
        let report = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Site.build(options, cache: cache))
            }
        }
        if report.hasErrors {
            state.failedBuild = report.diagnostics
        } else {
            state.failedBuild = []
            state.folder = report.output
        }
        state.generation += 1
        reload.send(.reload(generation: state.generation))
        return (report, cache.lastParse)
    }
}
