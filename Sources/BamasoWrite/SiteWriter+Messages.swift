import BamasoDiagnostics
import BamasoRender
import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SiteWriter {
    /// The error for a write that failed because the disk (or the user's quota on it) is full,
    /// with what staff need to act: how much room there is, and how much a build needs. A
    /// build keeps the site visitors see until the new one is complete, so the disk must hold
    /// two copies, which "check that the disk is not full" did not say when it had room for one.
    /// Nil for any other error.
    static func diskFull(
        _ error: Error, writing site: RenderedSite, into parent: URL, at location: FileLocation
    ) -> Diagnostic? {
        guard let code = SystemError.code(of: error), code == ENOSPC || code == EDQUOT else { return nil }
        var disk = statvfs()
        let known = statvfs(parent.path, &disk) == 0
        let free = known ? Int(disk.f_bavail) * Int(disk.f_frsize) : nil
        let size = siteSize(site, block: known ? max(Int(disk.f_frsize), 1) : 4096)
        let room = free.map { "\(Self.bytes($0)) free" } ?? "no room left"
        let what = code == EDQUOT ? "your share of the disk (quota) is used up" : "the disk is full"
        return .error(
            at: location,
            "cannot write the site into \(parent.path): \(what) (\(room)); a build needs room for two copies of "
                + "the site, about \(Self.bytes(size)) each: the one visitors see, kept until the new one is complete, "
                + "and the new one it writes beside it",
            hint: "free space on that disk, or build on this computer's own disk and copy the folder; the previous "
                + "site was left as it was")
    }

    /// The room the site takes on a disk of `block`-byte blocks: each file (pages as rendered,
    /// copied files as they are) and each folder takes whole blocks.
    static func siteSize(_ site: RenderedSite, block: Int) -> Int {
        var folders: Set<Substring> = [""]
        var total = 0
        for file in site.files {
            var bytes = 0
            switch file.contents {
            case .text(let text):
                bytes = text.utf8.count
            case .copy(let source):
                var status = stat()
                if stat(source.path, &status) == 0 { bytes = Int(status.st_size) }
            }
            total += (bytes + block - 1) / block * block
            var path = Substring(file.path)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                guard folders.insert(path).inserted else { break }
            }
        }
        return total + folders.count * block
    }

    /// "571 kB", "1.2 MB": decimal units, as file managers count.
    private static func bytes(_ count: Int) -> String {
        Int64(count).formatted(.byteCount(style: .file))
    }

    /// The warning for access to the output that the new site's folder could not be given.
    static func accessWarning(
        _ refusal: FolderAccess.Refusal, output: URL, staging: String, at location: FileLocation
    ) -> Diagnostic {
        switch refusal {
        case .notInGroup(let group):
            .warning(
                at: location,
                "\(output.path) belongs to the group \(group), which you are not in: the new site belongs to your "
                    + "own group instead, and a program that reads the site as a member of \(group) (a web server) "
                    + "may no longer be able to",
                hint: "ask the computer's administrator to add you to the group \(group), then give the folder that "
                    + "group again: chgrp \(group) \(output.path)")
        case .otherUsersFolder(let owner):
            .warning(
                at: location,
                "\(staging), the copy of the site this build updates and swaps in, belongs to the user \(owner), so "
                    + "it cannot be given the permissions and group of \(output.path): the new site may not be "
                    + "readable as the previous one was",
                hint: "delete that folder (the next build makes a copy of its own), or let \(owner) build")
        }
    }
}
