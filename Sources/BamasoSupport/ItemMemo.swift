import Foundation

/// The one memo of incremental rebuilds: it remembers, between builds of one project, each
/// item of one stage (a content file to parse, a page to resolve, a file to render) with its
/// input, the reads it recorded (`ReadLog`) and its output, diagnostics included.
///
/// A build hands it every item of the stage with its key and input, a function that answers
/// a read against the site of this build, and the stage's pure function for one item. First
/// the memo asks again every read recorded by earlier builds and notes those whose answer
/// changed; then an item is reused when the previous build had the same key with an equal
/// input and none of its reads changed; the others are computed, on every core, each with a
/// fresh log. So a reused output is always the output the stage would give, as long as the
/// item's function depends only on its input and on what it reads through its log.
///
/// A memo made with `keeping: false` (a one-off `bamaso build`) records and keeps nothing:
/// every item is computed, once, with no log. Builds that use one memo must not overlap.
public final class ItemMemo<
    Key: Hashable & Sendable, Input: Equatable & Sendable, Read: Hashable & Sendable, Answer: Equatable & Sendable,
    Output: Sendable
>: @unchecked Sendable {
    // Safe because `map` holds `lock` for all its work, and the rest is read under it.
    private let lock = NSLock()
    private let keeping: Bool
    private var entries: [Key: Entry] = [:]
    /// What each read that an entry recorded was last answered.
    private var answers: [Read: Answer] = [:]
    private var counts = (reused: 0, computed: 0)

    private struct Entry {
        var input: Input
        var reads: [Read]
        var output: Output
    }

    public init(keeping: Bool = true) {
        self.keeping = keeping
    }

    /// How many items the last `map` reused, and how many it computed.
    public var lastRun: (reused: Int, computed: Int) { lock.withLock { counts } }

    /// Forgets every item: the next `map` computes them all.
    public func forget() {
        lock.withLock { (entries, answers) = ([:], [:]) }
    }

    /// Every item's output, in the order of `items`: reused where nothing it depends on
    /// changed, computed by `compute` otherwise.
    /// - Parameters:
    ///   - answer: what a read gets in this build, as the stage's accessors answer it.
    ///   - compute: the stage's function of one item; it reads the rest of the site only
    ///     through accessors that record in the log it is given (none without a memo).
    public func map(
        _ items: [(key: Key, input: Input)], answer: @Sendable (Read) -> Answer,
        compute: @Sendable (Input, ReadLog<Read, Answer>?) -> Output
    ) -> [Output] {
        guard keeping else {
            lock.withLock { counts = (0, items.count) }
            return items.concurrentMap { compute($0.input, nil) }
        }
        return lock.withLock {
            let changed = changedReads(answer: answer)
            var outputs: [Output?] = Array(repeating: nil, count: items.count)
            var stale: [Int] = []
            for (position, item) in items.enumerated() {
                if let entry = entries[item.key], entry.input == item.input,
                   changed.isEmpty || !entry.reads.contains(where: changed.contains) {
                    outputs[position] = entry.output
                } else {
                    stale.append(position)
                }
            }
            let computed = stale.concurrentMap { position in
                let log = ReadLog<Read, Answer>()
                let output = compute(items[position].input, log)
                return (output: output, reads: log.reads)
            }
            var next: [Key: Entry] = [:]
            next.reserveCapacity(items.count)
            for (position, item) in items.enumerated() where outputs[position] != nil {
                next[item.key] = entries[item.key]
            }
            for (index, position) in stale.enumerated() {
                let result = computed[index]
                outputs[position] = result.output
                next[items[position].key] = Entry(input: items[position].input, reads: result.reads.map(\.read),
                                                  output: result.output)
                for (read, value) in result.reads { answers[read] = value }
            }
            entries = next
            counts = (items.count - stale.count, stale.count)
            return outputs.map { $0! }
        }
    }

    /// The reads whose answer is not what it was, each asked once; the table then holds the
    /// new answers.
    private func changedReads(answer: @Sendable (Read) -> Answer) -> Set<Read> {
        guard !answers.isEmpty else { return [] }
        let previous = Array(answers)
        let now = previous.concurrentMap { answer($0.key) }
        var changed = Set<Read>()
        for (index, (read, old)) in previous.enumerated() where now[index] != old {
            changed.insert(read)
            answers[read] = now[index]
        }
        return changed
    }
}
