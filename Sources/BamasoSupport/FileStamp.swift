import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What tells that a file changed without reading it: its size, inode, and the times it was
/// last modified and last changed (written, renamed, its mode set). No program can set the
/// change time back, so a file written again gets a new stamp, whatever times it is given.
public struct FileStamp: Equatable, Sendable {
    public var size = 0
    public var inode: UInt64 = 0
    public var modified = 0
    public var modifiedNanoseconds = 0
    public var changed = 0
    public var changedNanoseconds = 0

    public init() {}

    /// The stamp of the file at `url` (through a link, the linked file's); nil when there is none.
    public init?(_ url: URL) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        #if canImport(Darwin)
        (modified, modifiedNanoseconds) = (Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec))
        (changed, changedNanoseconds) = (Int(info.st_ctimespec.tv_sec), Int(info.st_ctimespec.tv_nsec))
        #else
        (modified, modifiedNanoseconds) = (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
        (changed, changedNanoseconds) = (Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec))
        #endif
    }

    /// When the file was last changed, in seconds since 1970.
    public var changedAt: Double { Double(changed) + Double(changedNanoseconds) / 1e9 }
}
