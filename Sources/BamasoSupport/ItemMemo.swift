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
    // Safe because `map` holds `lock` for all its work, and the rest is read under it. The
    // members are inlinable so that each stage gets `map` compiled for its own types: generic
    // code copies every read and answer through value witnesses, which took most of a rebuild.
    @usableFromInline let lock = NSLock()
    @usableFromInline let keeping: Bool
    /// The keys of the last `map`, in order, and their entries in the same order.
    @usableFromInline var keys: [Key] = []
    @usableFromInline var entries: [Entry] = []
    /// Every read an entry recorded, each once, with its answer at the last build; entries
    /// name their reads by place in this table.
    @usableFromInline var reads: [Read] = []
    @usableFromInline var answers: [Answer] = []
    @usableFromInline var places: [Read: Int] = [:]
    @usableFromInline var counts = (reused: 0, computed: 0)

    @usableFromInline struct Entry {
        @usableFromInline var input: Input
        /// Places in `reads`.
        @usableFromInline var reads: [Int]
        /// Nil only while the item is being computed.
        @usableFromInline var output: Output?

        @inlinable init(input: Input, reads: [Int], output: Output?) {
            self.input = input
            self.reads = reads
            self.output = output
        }
    }

    public init(keeping: Bool = true) {
        self.keeping = keeping
    }

    /// How many items the last `map` reused, and how many it computed.
    public var lastRun: (reused: Int, computed: Int) { lock.withLock { counts } }

    /// Forgets every item: the next `map` computes them all.
    public func forget() {
        lock.withLock {
            (keys, entries) = ([], [])
            (reads, answers, places) = ([], [], [:])
        }
    }

    /// Every item's output, in the order of `items`: reused where nothing it depends on
    /// changed, computed by `compute` otherwise.
    /// - Parameters:
    ///   - answer: what a read gets in this build, as the stage's accessors answer it.
    ///   - compute: the stage's function of one item; it reads the rest of the site only
    ///     through accessors that record in the log it is given (none without a memo).
    @inlinable
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
            // The previous entry of each item: at the same place while the keys are those of the
            // last build, in the same order (the usual rebuild, checked without hashing), else
            // found by key.
            let current = items.map(\.key)
            let samePlaces = current == keys
            let previous = samePlaces ? [:] : Dictionary(zip(keys, entries), uniquingKeysWith: { first, _ in first })
            var next: [Entry] = []
            if samePlaces { swap(&next, &entries) } else { next.reserveCapacity(items.count) }
            var outputs: [Output?] = Array(repeating: nil, count: items.count)
            var stale: [Int] = []
            for (position, item) in items.enumerated() {
                let entry = samePlaces ? next[position] : previous[item.key]
                if let entry, entry.input == item.input,
                   !(changed.map { changed in entry.reads.contains { changed[$0] } } ?? false) {
                    outputs[position] = entry.output
                    if !samePlaces { next.append(entry) }
                } else {
                    stale.append(position)
                    if !samePlaces { next.append(Entry(input: item.input, reads: [], output: nil)) }
                }
            }
            let computed = stale.concurrentMap { position in
                let log = ReadLog<Read, Answer>()
                let output = compute(items[position].input, log)
                return (output: output, reads: log.reads)
            }
            for (index, position) in stale.enumerated() {
                let result = computed[index]
                outputs[position] = result.output
                let places = result.reads.map { place(of: $0.read, answered: $0.answer) }
                next[position] = Entry(input: items[position].input, reads: places, output: result.output)
            }
            // Items that are gone are forgotten; their reads stay in the table.
            (keys, entries) = (current, next)
            counts = (items.count - stale.count, stale.count)
            return outputs.map { $0! }
        }
    }

    /// Which reads of the table are answered differently now, by place (nil when none is);
    /// the table then holds the new answers. Each read is asked once, on every core.
    @inlinable
    func changedReads(answer: @Sendable (Read) -> Answer) -> [Bool]? {
        let (reads, answers) = (self.reads, self.answers)
        let differs = Array(reads.indices).concurrentMap { answer(reads[$0]) != answers[$0] }
        guard differs.contains(true) else { return nil }
        for place in differs.indices where differs[place] { self.answers[place] = answer(reads[place]) }
        return differs
    }

    /// The place of `read` in the table, added with its answer if it is new.
    @inlinable
    func place(of read: Read, answered answer: Answer) -> Int {
        if let place = places[read] { return place }
        places[read] = reads.count
        reads.append(read)
        answers.append(answer)
        return reads.count - 1
    }
}
