import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import BamasoRender
import BamasoResolve
import BamasoSupport
import BamasoWrite
import Foundation

/// What a command asks of a build.
public struct BuildOptions: Sendable {
    /// The project folder (with `content/` and `templates/`).
    public var root: URL
    /// Where the site goes; `public/` in the project by default.
    public var output: URL?
    /// Overrides `base_url` in site.yml: `https://example.org/bamaso/`.
    public var baseURL: String?
    /// Publish pages marked `draft: true` too.
    public var includeDrafts: Bool
    /// Run every check but write nothing.
    public var writeOutput: Bool
    /// Treat missing and outdated translations as errors, for a release build.
    public var strict: Bool
    /// With `strict`, the codes of the languages it applies to; nil: every language.
    public var strictLanguages: [String]?
    /// Every link relative and naming its file, so the site works opened from a folder.
    public var portable: Bool
    /// What a signal asks of the build (`bamaso build` sets it); nil when nothing can interrupt.
    public var interruption: Interruption?

    public init(
        root: URL, output: URL? = nil, baseURL: String? = nil, includeDrafts: Bool = false, writeOutput: Bool = true,
        strict: Bool = false, strictLanguages: [String]? = nil, portable: Bool = false,
        interruption: Interruption? = nil
    ) {
        self.strictLanguages = strictLanguages
        self.root = root
        self.output = output
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.writeOutput = writeOutput
        self.strict = strict
        self.portable = portable
        self.interruption = interruption
    }

    public var outputFolder: URL { output ?? root.appendingPathComponent("public") }
}

/// What a build did and found.
public struct BuildReport: Sendable {
    /// Every problem, sorted by file and line.
    public var diagnostics: [Diagnostic]
    /// Published pages per language and section ("" is the home page).
    public var pageCounts: [Language: [String: Int]]
    /// Sections in menu order, for the summary table.
    public var sections: [String]
    /// The site's languages in its order, each with its name in itself.
    public var languages: [LanguageSettings] = []
    /// Pages, words, drafts, outdated and missing translations per language.
    public var translationCoverage: [Language: TranslationReport.Coverage] = [:]
    /// Files written (pages, copies, landing page); 0 when nothing was written. A build with a
    /// cache that updates the output folder counts the files it wrote or removed.
    public var filesWritten: Int
    public var output: URL
    public var seconds: Double
    /// The wall time of each pipeline stage that ran, in order: load, parse, resolve, render,
    /// write (`bamaso build --timings`).
    public var timings: [StageTiming] = []
    /// The signal that stopped the build while it was writing; the output is then as it was,
    /// unless `filesWritten` says the new site was already in its place.
    public var interruption: Int32?
    /// The staging folder an interrupted build had no time to remove (see `SiteWriter.Outcome`).
    public var leftBehind: String?

    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// How long one stage of the pipeline took.
public struct StageTiming: Sendable, Equatable {
    /// `load`, `parse`, `resolve`, `render` or `write`.
    public var stage: String
    public var seconds: Double
    /// Where the time went inside the stage: for `write`, `writing` (the files), `syncing`
    /// (waiting for the disk to hold them) and `cleaning up` (removing what the new site lacks
    /// from the staging folder, the swap).
    public var parts: [StageTiming]

    public init(stage: String, seconds: Double, parts: [StageTiming] = []) {
        self.stage = stage
        self.seconds = seconds
        self.parts = parts
    }
}

public enum Site {
    /// Runs the whole pipeline. Never throws and never stops at the first problem: the report
    /// holds every diagnostic. On any error the output folder is left untouched.
    ///
    /// With a `cache`, it reuses what the files that did not change give, and once a build
    /// with the cache has written the output folder, later ones update it in place: for a
    /// preview, not for a folder visitors see (see `BuildCache`).
    public static func build(_ options: BuildOptions, cache: BuildCache? = nil) -> BuildReport {
        let started = DispatchTime.now()
        let cache = cache ?? BuildCache(keeping: false)
        var diagnostics: [Diagnostic] = []
        var report = BuildReport(
            diagnostics: [], pageCounts: [:], sections: [], filesWritten: 0,
            output: options.outputFolder, seconds: 0)
        // Each stage's time is recorded when the next one starts, or when the build ends.
        var stage: (name: String, started: DispatchTime)? = ("load", started)
        var writeParts: [StageTiming] = []
        func lap(_ next: String?) {
            let now = DispatchTime.now()
            if let stage {
                let seconds = Double(now.uptimeNanoseconds - stage.started.uptimeNanoseconds) / 1e9
                report.timings.append(
                    StageTiming(
                        stage: stage.name, seconds: seconds,
                        parts: stage.name == "write" ? writeParts : []))
            }
            stage = next.map { ($0, now) }
        }
        func finish() -> BuildReport {
            lap(nil)
            report.diagnostics = diagnostics.sortedForReport()
            report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            return report
        }

        cache.files?.beginBuild()
        options.interruption?.checkpoint("load")
        guard let project = ProjectLoader.load(root: options.root, source: cache.files, into: &diagnostics) else {
            return finish()
        }
        report.sections = project.site.sections
        report.languages = project.site.languageList
        lap("parse")
        options.interruption?.checkpoint("parse")
        // Handed over, so that a build that keeps nothing can let the files' text go (`BuildCache.parse`).
        let parsed = cache.parse(consume project, into: &diagnostics)
        // A build that keeps nothing has let the files' text go, read on many threads.
        if !cache.keeping { FreedMemory.giveBack() }
        lap("resolve")
        options.interruption?.checkpoint("resolve")
        let resolved = cache.resolve(
            parsed, options: Resolver.Options(includeDrafts: options.includeDrafts),
            into: &diagnostics)
        report.translationCoverage = resolved.translations.coverage
        if options.strict {
            diagnostics += resolved.translations.strictDiagnostics(
                only: strictLanguages(options.strictLanguages, of: parsed.project.site, into: &diagnostics))
        }
        for page in resolved.pages {
            report.pageCounts[page.page.language, default: [:]][page.page.section ?? "", default: 0] += 1
        }
        lap("render")
        options.interruption?.checkpoint("render")
        let rendered = cache.render(
            resolved, options: .init(baseURL: options.baseURL, portable: options.portable),
            into: &diagnostics)
        if let rendered, !diagnostics.hasErrors, options.writeOutput {
            lap("write")
            let sources = ["content", "templates"].map { parsed.project.root.appendingPathComponent($0) }
            let outcome = cache.write(
                rendered, to: options.outputFolder, protecting: sources, interruption: options.interruption,
                into: &diagnostics)
            report.filesWritten = outcome.files
            report.interruption = outcome.interruption
            report.leftBehind = outcome.leftBehind
            writeParts = [
                StageTiming(stage: "writing", seconds: outcome.writing),
                StageTiming(stage: "syncing", seconds: outcome.syncing),
                StageTiming(stage: "cleaning up", seconds: outcome.cleaning),
            ]
        }
        if !cache.keeping { releaseInBackground((consume parsed, consume resolved, consume rendered)) }
        return finish()
    }

    /// Has another thread free what a build made. Freeing the values of ten thousand pages
    /// takes a tenth of a second on one core, which `bamaso build` need not wait for: the
    /// process ends once it has printed its report, and the system takes the memory back.
    private static func releaseInBackground<Values: Sendable>(_ values: consuming Values) {
        // The box is the values' only owner, and the other thread empties it, so the objects
        // are freed there whichever thread lets go of the box last.
        let box = Released(consume values)
        DispatchQueue.global(qos: .utility).async { box.values = nil }
    }
}

private final class Released<Values: Sendable>: @unchecked Sendable {
    // Safe because only the closure in `releaseInBackground` touches it after `init`.
    var values: Values?

    init(_ values: consuming Values) {
        self.values = consume values
    }
}

extension Site {
    /// The languages `--strict-languages` names, checked against the site's; nil for every one.
    static func strictLanguages(
        _ codes: [String]?, of site: SiteConfig, into diagnostics: inout [Diagnostic]
    ) -> Set<Language>? {
        guard let codes else { return nil }
        let known = site.languages.map(\.code)
        for code in codes where !known.contains(code) {
            diagnostics.append(
                .error(
                    at: site.languagesLocation ?? FileLocation(path: "content/site.yml"),
                    "--strict-languages names '\(code)', which is not one of the site's languages",
                    hint: Suggestion.didYouMean(code, in: known)
                        ?? "the site's languages are \(site.languages.codeList)"))
        }
        return Set(codes.map(Language.init))
    }
}
