#if canImport(Glibc)
import Glibc
#endif

/// How much memory glibc's `malloc` asks the system for at a time.
///
/// `malloc` gives each thread that allocates at once a heap of its own, and grows it by what
/// each allocation needs, a page or a few at a time: a build of 1,000 pages per language made
/// 8,000 `mprotect` calls. Each takes the process's memory map for itself, so that the other
/// core, taking a page fault meanwhile, waits: at 5,000 pages per language, the threads of a
/// build waited 0.1 to 0.2 s in all for those calls (`perf sched`). Asked to add 64 MB to
/// what a heap needs (`M_TOP_PAD`; 64 MB is the most glibc gives one heap), `malloc` makes each
/// heap whole at once: 48 calls. The system gives the pages only once they are written to, but
/// a heap then keeps what is freed at its top until the process ends: peak memory at 5,000
/// pages per language went from 383 to 402 MB. A heap made before `grow` keeps growing a page
/// at a time: the first thread of the dispatch pool makes its own before `main` runs (849 of
/// the 1,082 `mprotect` calls at 1,000 pages per language). With every heap padded from the
/// start (`GLIBC_TUNABLES=glibc.malloc.top_pad=67108864`, 53 calls) no stage was faster.
public enum HeapSteps {
    /// Has `malloc` add `bytes` to what it asks the system for; for a command that builds once,
    /// before its threads allocate, not for a long-running server. False where that cannot be set,
    /// and for a negative size.
    @discardableResult
    public static func grow(by bytes: Int32 = 64 << 20) -> Bool {
        #if os(Linux)
        // Glibc's `mallopt` (malloc.h) is not imported into Swift, so it is looked up by name;
        // M_TOP_PAD is -2 there.
        typealias SetOption = @convention(c) (Int32, Int32) -> Int32
        // glibc takes any value, and a negative one as a pad of nearly all memory.
        guard bytes >= 0, let mallopt = systemFunction("mallopt", as: SetOption.self) else { return false }
        return mallopt(-2, bytes) == 1
        #else
        return false
        #endif
    }
}
