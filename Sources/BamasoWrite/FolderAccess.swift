import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may read the output folder: its permission bits (the setgid bit among them), its group
/// and, on Linux, its access control lists. A build gives them to the staging folder before
/// writing into it, so the folder swapped in is as open, or as closed, as the one it replaces.
///
/// Without this, a web root that staff had given to the web server's group (`chgrp www-data
/// public; chmod 2750 public`) lost it at the first build, which put a folder made with the
/// user's own group in its place, and got it back at the next, which swapped the old folder
/// back in: the server could read the site every other build. With the setgid bit copied,
/// what the build makes in the folder takes its group, as it did in the staff's own folder.
/// When the group changes (staff gave the output a new one, `chgrp -R`), what the staging
/// folder already holds is given the new group too; permission bits and lists are matched on
/// the folder itself only, and what lies inside keeps those it was made with.
struct FolderAccess {
    private let mode: mode_t
    private let group: gid_t
    private let lists: [(name: String, value: [UInt8])]

    /// The names of the access control lists' extended attributes: the folder's own, and the
    /// default that what is made inside it inherits.
    private static let listNames = ["system.posix_acl_access", "system.posix_acl_default"]

    /// The access `folder` gives; nil when it does not exist.
    init?(of folder: String) {
        var status = stat()
        guard stat(folder, &status) == 0 else { return nil }
        mode = status.st_mode & 0o7777
        group = status.st_gid
        lists = Self.listNames.compactMap { name in Self.attribute(name, of: folder).map { (name, $0) } }
    }

    /// Why `give` could not give all of the access.
    enum Refusal: Error, Equatable {
        /// The folder belongs to another user (two people build the same site in turns), and
        /// only its owner may change it.
        case otherUsersFolder(owner: String)
        /// The group is one the user is not in, which only the system's administrator may give.
        case notInGroup(String)
    }

    /// Gives `folder` this access. Throws `Refusal` when it cannot (the rest is given all the
    /// same), a system error when anything else fails. Changes nothing that is already right,
    /// so a folder on a disk that keeps no permissions (a USB stick's FAT) is left alone.
    func give(to folder: String) throws {
        var status = stat()
        guard stat(folder, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if geteuid() != 0, status.st_uid != geteuid() {
            guard status.st_gid == group, status.st_mode & 0o7777 == mode, !listsDiffer(on: folder) else {
                throw Refusal.otherUsersFolder(owner: Self.name(ofUser: status.st_uid))
            }
            return
        }
        var refusal: Refusal?
        if status.st_gid != group {
            if chown(folder, uid_t.max, group) == 0 {
                try regroup(inside: folder, from: status.st_gid)
            } else {
                guard errno == EPERM else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                refusal = .notInGroup(Self.name(ofGroup: group))
            }
        }
        try giveLists(to: folder)
        // After the lists: the group bits of a folder with a list are its mask, set from the mode.
        // Without the group, the system clears the setgid bit, as it should.
        guard stat(folder, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if status.st_mode & 0o7777 != mode, chmod(folder, mode) != 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        if let refusal { throw refusal }
    }

    private func listsDiffer(on folder: String) -> Bool {
        Self.listNames.contains { name in lists.first { $0.name == name }?.value != Self.attribute(name, of: folder) }
    }

    /// Gives what lies in `folder` with the group it had, `from`, this group, and its folders the
    /// setgid bit when this access has it: what a build wrote there took the folder's group as
    /// it was, and the output's (after `chgrp -R`) is what the new site's files should have.
    /// Runs only when the folder's group changes, once, not at every build.
    private func regroup(inside folder: String, from old: gid_t) throws {
        guard let entries = FileManager.default.enumerator(atPath: folder) else { return }
        for case let entry as String in entries {
            let path = folder + "/" + entry
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            if status.st_gid == old, lchown(path, uid_t.max, group) != 0 {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if status.st_mode & S_IFMT == S_IFDIR, mode & S_ISGID != 0,
                chmod(path, status.st_mode & 0o7777 | S_ISGID) != 0
            {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
    }

    private func giveLists(to folder: String) throws {
        #if os(Linux)
        for name in Self.listNames {
            let wanted = lists.first { $0.name == name }?.value
            guard wanted != Self.attribute(name, of: folder) else { continue }
            let result =
                if let wanted {
                    wanted.withUnsafeBytes { Attributes.set?(folder, name, $0.baseAddress, $0.count, 0) ?? -1 }
                } else {
                    Attributes.remove?(folder, name) ?? -1
                }
            // A file system without lists has none to give either.
            guard result == 0 || errno == ENOTSUP || errno == ENODATA else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
        #endif
    }

    private static func attribute(_ name: String, of folder: String) -> [UInt8]? {
        #if os(Linux)
        guard let get = Attributes.get else { return nil }
        let size = get(folder, name, nil, 0)
        guard size >= 0 else { return nil }
        var value = [UInt8](repeating: 0, count: size)
        let count = value.withUnsafeMutableBytes { get(folder, name, $0.baseAddress, $0.count) }
        return count >= 0 ? Array(value[..<min(count, size)]) : nil
        #else
        return nil
        #endif
    }

    private static func name(ofUser user: uid_t) -> String {
        guard let entry = getpwuid(user), let name = entry.pointee.pw_name else { return "number \(user)" }
        return String(cString: name)
    }

    private static func name(ofGroup group: gid_t) -> String {
        guard let entry = getgrgid(group), let name = entry.pointee.gr_name else { return "number \(group)" }
        return String(cString: name)
    }

    #if os(Linux)
    /// Glibc's extended-attribute functions (`<sys/xattr.h>`) are not imported into Swift, so
    /// they are looked up by name.
    private enum Attributes {
        typealias Get =
            @convention(c) (
                UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int
            ) -> Int
        typealias Set =
            @convention(c) (
                UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32
            ) -> Int32
        typealias Remove = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>) -> Int32

        static let get = systemFunction("getxattr", as: Get.self)
        static let set = systemFunction("setxattr", as: Set.self)
        static let remove = systemFunction("removexattr", as: Remove.self)
    }
    #endif
}
