#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C library function that Swift does not import (Glibc's `syncfs`, `renameat2`, `mallopt`,
/// `malloc_trim`, the extended-attribute functions), looked up by `name` among those the
/// process has loaded, as the C type `type`; nil where the system has none.
public func systemFunction<Function>(_ name: String, as type: Function.Type) -> Function? {
    dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
}
