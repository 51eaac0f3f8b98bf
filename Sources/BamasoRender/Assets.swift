import BamasoLoad
import BamasoSupport
import Foundation

/// The theme's static files as published. Stylesheets and scripts get their contents'
/// fingerprint in their name (`style.3f2a9c1e.css`), so a server may let browsers keep them
/// forever: a changed file gets a new name. Other files keep theirs.
struct Assets: Sendable {
    /// Published name by path under `templates/static/`, for the files that are renamed.
    let published: [String: String]

    init(_ staticFiles: [String: URL]) {
        var published: [String: String] = [:]
        for (path, url) in staticFiles {
            let ext = (path as NSString).pathExtension
            guard ext == "css" || ext == "js", let data = try? Data(contentsOf: url) else { continue }
            let stem = (path as NSString).deletingPathExtension
            published[path] = "\(stem).\(Fingerprint.hex(of: data).prefix(8)).\(ext)"
        }
        self.published = published
    }

    /// The theme's stylesheet, `style.css`, as published.
    var stylesheet: String { published["style.css"] ?? "style.css" }
}
