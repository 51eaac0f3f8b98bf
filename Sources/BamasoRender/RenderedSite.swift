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

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}

public struct RenderedSite: Sendable {
    public var files: [OutputFile]

    public init(files: [OutputFile]) {
        self.files = files
    }
}
