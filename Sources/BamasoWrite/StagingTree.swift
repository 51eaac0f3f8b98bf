import BamasoRender
import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Brings a staging folder, which may hold an earlier site or what an interrupted build left,
/// to hold exactly the new site: entries the site lacks are removed, files whose contents are
/// already right are left alone (same inode, same time), the others are written in place.
enum StagingTree {
    /// Removes from `root` every entry that is neither one of `files` (a regular file) nor a
    /// folder on the way to one: links, other files, folders the site no longer has.
    /// - Returns: the files of `files` that are already there, to be compared, not created.
    static func prune(_ root: String, keeping files: Set<String>) throws -> Set<String> {
        var folders = Set<String>()
        for file in files {
            var path = Substring(file)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                guard folders.insert(String(path)).inserted else { break }
            }
        }
        // Level by level, the folders of each level many at once (`diskMap`): a site has a folder
        // per page, and reading 10,000 folders one at a time took a fifth of a second, and two at
        // a time still 0.4 s when they were no longer in memory.
        let wantedFolders = folders
        var kept = Set<String>()
        var level = [""]
        while !level.isEmpty {
            let results = level.diskMap { relative -> Result<(folders: [String], files: [String]), any Error> in
                Result { try prune(relative, in: root, keeping: files, folders: wantedFolders) }
            }
            level = []
            for result in results {
                let found = try result.get()
                level += found.folders
                kept.formUnion(found.files)
            }
        }
        return kept
    }

    /// Prunes one folder of the staging tree: returns its subfolders to visit and the wanted
    /// files it holds, and removes everything else in it.
    private static func prune(
        _ relative: String, in root: String, keeping files: Set<String>, folders: Set<String>
    ) throws -> (folders: [String], files: [String]) {
        var found: (folders: [String], files: [String]) = ([], [])
        for (name, type) in try entries(of: relative.isEmpty ? root : root + "/" + relative) {
            let path = relative.isEmpty ? name : relative + "/" + name
            if type == DirectoryEntry.folder, folders.contains(path) {
                found.folders.append(path)
            } else if type == DirectoryEntry.file, files.contains(path) {
                found.files.append(path)
            } else if type == DirectoryEntry.folder {
                try FileManager.default.removeItem(atPath: root + "/" + path)
            } else if unlink(root + "/" + path) != 0, errno != ENOENT {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
        return found
    }

    /// Removes the folder `root` and everything in it, on every core, and stops at `deadline`:
    /// a build stopped by a signal removes the staging folder it made, but must end within a
    /// second, and 20,000 entries could take several on a busy disk.
    /// - Returns: true when the folder is gone; false when time ran out (the rest is left).
    static func remove(_ root: String, before deadline: DispatchTime) throws -> Bool {
        // The entries three levels down (a page's folder: rw/risks/fake-job-offers) are removed
        // concurrently, then the folders above them, deepest first.
        var jobs: [String] = []
        var levels: [[String]] = [[root]]
        for _ in 0..<3 {
            var next: [String] = []
            for folder in levels.last! {
                for (name, type) in try entries(of: folder) {
                    if type == .folder { next.append(folder + "/" + name) } else { jobs.append(folder + "/" + name) }
                }
            }
            levels.append(next)
        }
        jobs += levels.removeLast()
        let failures = jobs.concurrentMap { path -> (any Error)? in
            guard DispatchTime.now() < deadline else { return CancellationError() }
            do {
                try FileManager.default.removeItem(atPath: path)
                return nil
            } catch {
                return error
            }
        }
        if failures.contains(where: { $0 is CancellationError }) { return false }
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
        for folder in levels.reversed().joined() where rmdir(folder) != 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return true
    }

    private enum DirectoryEntry { case file, folder, other }

    /// The names in `folder` with their kind, links counted as `other` (never followed).
    private static func entries(of folder: String) throws -> [(String, DirectoryEntry)] {
        guard let directory = opendir(folder) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { closedir(directory) }
        var found: [(String, DirectoryEntry)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(cString: bytes.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var status = stat()
                guard lstat(folder + "/" + name, &status) == 0 else { continue }
                let mode = status.st_mode & S_IFMT
                type = mode == S_IFDIR ? Int32(DT_DIR) : mode == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
            }
            found.append((name, type == Int32(DT_DIR) ? .folder : type == Int32(DT_REG) ? .file : .other))
        }
        return found
    }

    /// Makes `path` hold `contents`: nothing is written when it already does.
    /// - Returns: true when the file was written.
    static func update(_ path: String, with contents: OutputFile.Contents) throws -> Bool {
        switch contents {
        case .text(var text):
            return try text.withUTF8 { bytes in
                if holds(path, UnsafeRawBufferPointer(bytes)) { return false }
                try SiteWriter.writeBytes(UnsafeRawBufferPointer(bytes), to: path, replacing: true)
                return true
            }
        case .copy(let source):
            let data = try Data(contentsOf: source)
            return try data.withUnsafeBytes { bytes in
                if holds(path, bytes) { return false }
                try SiteWriter.writeBytes(bytes, to: path, replacing: true)
                return true
            }
        }
    }

    /// True when the regular file at `path` holds exactly `expected`. It is read a piece at a
    /// time, and no further than the first difference: when a new stylesheet changes the link
    /// in every page's head, only the start of each is read.
    private static func holds(_ path: String, _ expected: UnsafeRawBufferPointer) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            Int(status.st_size) == expected.count
        else { return false }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        // The first piece is small: a page's head, where a changed link shows first.
        var piece = 4 << 10
        while offset < expected.count {
            let count = read(descriptor, buffer.baseAddress!, min(piece, expected.count - offset))
            if count < 0, errno == EINTR { continue }
            guard count > 0, memcmp(buffer.baseAddress!, expected.baseAddress! + offset, count) == 0 else {
                return false
            }
            offset += count
            piece = buffer.count
        }
        return true
    }
}
