import CCmark
import Foundation

/// Where libcmark keeps a tree: blocks of memory of the calling thread, handed out in order and
/// taken back all at once when the tree is done (`scope`), as cmark-gfm's arena does. cmark
/// allocates every node, string and buffer of a tree on its own, and with the C library's
/// allocator that was a third of the time spent reading a page's Markdown.
///
/// Every tree and node bamaso makes is made inside a scope with `allocator`, so its `free`
/// does nothing and HTML that cmark writes is the arena's too.
enum TreeMemory {
    /// The allocator to give cmark inside `scope`: it takes from the calling thread's arena.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(
            to: cmark_mem(
                calloc: { count, size in
                    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                    return overflow || count < 0 ? nil : Arena.current.allocate(bytes, zeroed: true)
                },
                realloc: { pointer, size in Arena.current.reallocate(pointer, to: size) },
                free: { _ in }))
        return memory
    }()

    /// Runs `body`, then takes back all that cmark took from this thread's arena meanwhile.
    /// Nothing cmark allocated in `body` may be used after it.
    static func scope<T>(_ body: () -> T) -> T {
        let arena = Arena.current
        let mark = arena.mark
        defer { arena.release(to: mark) }
        return body()
    }

    /// One thread's blocks.
    private final class Arena {
        /// Each block's start and size; the last is the one handed out from.
        private var blocks: [(start: UnsafeMutableRawPointer, size: Int)] = []
        private var used = 0
        /// Where the last allocation starts, which `reallocate` can grow in place.
        private var last: UnsafeMutableRawPointer?

        private static let blockSize = 64 << 10
        /// Each allocation's size is kept before it, for `reallocate`; 16 bytes keep alignment.
        private static let header = 16

        private static let key: pthread_key_t = {
            var key = pthread_key_t()
            pthread_key_create(&key) { arena in
                // Optional on Linux, not on Darwin.
                (arena as UnsafeMutableRawPointer?).map { Unmanaged<Arena>.fromOpaque($0).release() }
            }
            return key
        }()

        static var current: Arena {
            if let arena = pthread_getspecific(key) { return Unmanaged<Arena>.fromOpaque(arena).takeUnretainedValue() }
            let arena = Arena()
            pthread_setspecific(key, Unmanaged.passRetained(arena).toOpaque())
            return arena
        }

        deinit {
            for block in blocks { free(block.start) }
        }

        var mark: (blocks: Int, used: Int) { (blocks.count, used) }

        /// Frees the blocks taken since `mark`, but the first of the thread, kept for the next tree.
        func release(to mark: (blocks: Int, used: Int)) {
            let keep = max(mark.blocks, 1)
            while blocks.count > keep { free(blocks.removeLast().start) }
            used = mark.blocks == 0 ? 0 : mark.used
            last = nil
        }

        /// nil, as from `malloc`, when the memory cannot be had (cmark then stops the program).
        func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
            guard size >= 0, size <= Int.max / 2 else { return nil }
            let needed = Self.header + ((size + 15) & ~15)
            if blocks.isEmpty || used + needed > blocks[blocks.count - 1].size {
                let size = max(Self.blockSize, needed)
                guard let start = malloc(size) else { return nil }
                blocks.append((start, size))
                used = 0
            }
            let start = blocks[blocks.count - 1].start + used
            used += needed
            start.storeBytes(of: size, as: Int.self)
            let pointer = start + Self.header
            if zeroed { memset(pointer, 0, size) }
            last = pointer
            return pointer
        }

        func reallocate(_ pointer: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
            guard let pointer else { return allocate(size, zeroed: false) }
            guard size <= Int.max / 2 else { return nil }
            let old = (pointer - Self.header).load(as: Int.self)
            if size <= old { return pointer }
            let block = blocks[blocks.count - 1]
            let grown = (size + 15) & ~15
            if pointer == last, pointer - block.start + grown <= block.size {
                // The last allocation of the current block: it grows where it is.
                used = pointer - block.start + grown
                (pointer - Self.header).storeBytes(of: size, as: Int.self)
                return pointer
            }
            guard let moved = allocate(size, zeroed: false) else { return nil }
            moved.copyMemory(from: pointer, byteCount: old)
            return moved
        }
    }
}
