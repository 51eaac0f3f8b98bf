import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain words for an error from the file system.
///
/// Foundation on Linux often describes a failed read or write only as "The operation could not
/// be completed. (NSCocoaErrorDomain error 256.)"; the system's own reason ("permission
/// denied", "too many levels of symbolic links") is in the underlying POSIX error.
public enum SystemError {
    /// The system's reason for `error`, in lower case: "permission denied".
    public static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let code = posixCode(of: nsError) { return describe(errno: code) }
        return nsError.localizedDescription
    }

    /// `strerror(code)` in lower case: "no such file or directory".
    public static func describe(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// The system's error number behind `error` (`ENOSPC`), if it has one.
    public static func code(of error: Error) -> Int32? { posixCode(of: error as NSError) }

    private static func posixCode(of error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        // On Linux the underlying error is a `POSIXError` value, which `as? NSError` misses.
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? Error {
            return posixCode(of: underlying as NSError)
        }
        return nil
    }
}

/// Writes all of `bytes` to `descriptor` with `write(2)`, again after a signal interrupts it;
/// nil when done, else the `errno` of the write that failed. Foundation's `Data.write(to:)`
/// syncs every file and its `FileHandle.write` ends the process when a write fails.
public func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        #if canImport(Glibc)
        let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        #else
        let written = Darwin.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        #endif
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += written
    }
    return nil
}
