import BamasoDiagnostics
import Foundation

extension SiteConfig {
    /// `content/site.yml` of the project at `root`, read and checked alone (`bamaso new`, `bamaso schema`).
    public static func read(root: URL) -> Result<SiteConfig, DiagnosticList> {
        var diagnostics: [Diagnostic] = []
        let path = "content/site.yml"
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return .failure(
                DiagnosticList([
                    .error(
                        at: FileLocation(path: path), "there is no content/site.yml in \(root.path)",
                        hint: "run bamaso in the project folder, or pass --root FOLDER")
                ]))
        }
        if let file = SourceFile.read(url, path: path, into: &diagnostics),
            let site = parse(file, into: &diagnostics)
        {
            return .success(site)
        }
        // site.yml lists the sections: its own problems say what to fix first.
        return .failure(
            DiagnosticList(
                diagnostics.hasErrors
                    ? diagnostics
                    : [.error(at: FileLocation(path: path), "content/site.yml cannot be read")]))
    }
}
