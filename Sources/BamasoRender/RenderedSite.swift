import Foundation

/// A file the build produces, by its path inside the output folder.
public struct OutputFile: Sendable, Equatable {
    public enum Contents: Sendable, Equatable {
        case text(String)
        /// Copied from a project file (media, static assets).
        case copy(URL)
    }

    public var path: String
    public var contents: Contents
    /// The project file it comes from (`content/risks/a.en.md`, `content/media/a.pdf`), for
    /// error messages; nil for what the build makes itself (landing page, feeds).
    public var source: String?

    public init(path: String, contents: Contents, source: String? = nil) {
        self.path = path
        self.source = source
        // A text built by appending keeps up to twice its length in spare capacity; a build
        // holds every page until it writes them, so each is kept in a copy of its exact length
        // (a tenth of peak memory on the 10,000-page benchmark).
        if case .text(let text) = contents {
            // Appended to a string of its exact length: copied, and not checked again as
            // UTF-8 (which decoding it did, for 3 % of a build's instructions under callgrind).
            var compact = ""
            compact.reserveCapacity(text.utf8.count)
            compact += text
            self.contents = .text(compact)
        } else {
            self.contents = contents
        }
    }
}

public struct RenderedSite: Sendable {
    public var files: [OutputFile]

    public init(files: [OutputFile]) {
        self.files = files
    }
}
