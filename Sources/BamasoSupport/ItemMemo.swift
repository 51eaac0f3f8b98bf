import Foundation

/// The one memo of incremental rebuilds: it remembers, between builds of one project, each
/// item of one stage (a content file to parse, a page to resolve, a file to render) with its
/// input, the reads it recorded (`ReadLog`) and its output, diagnostics included.
///
/// A build hands it every item of the stage with its key and input, a function that answers
/// a read against the site of this build, and the stage's pure function for one item. The
/// memo asks again the reads recorded by earlier builds that may have changed, and notes those
/// whose answer did; an item is reused when the previous build had the same key with an equal
/// input and none of its reads changed; the others are computed, on every core, each with a
/// fresh log. So a reused output is always the output the stage would give, as long as the
/// item's function depends only on its input and on what it reads through its log.
///
/// Which reads may have changed: a stage can give a read a *scope*, the scope of the items
/// whose inputs alone decide its answer (resolving pages: a link's target is decided by the
/// pages of the key it names). Such a read is asked again only when an item of its scope
/// changed, came or went; a read without a scope is asked again at every build. This is what
/// keeps a rebuild after one saved page from asking ten thousand questions.
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
    /// The places of the reads of each scope, and of the reads without one.
    @usableFromInline var scoped: [String: [Int]] = [:]
    @usableFromInline var unscoped: [Int] = []
    @usableFromInline var counts = (reused: 0, computed: 0)
    /// The `context` of the last `map`.
    @usableFromInline var context: AnyHashable?

    /// An item's input, the places in `reads` of the reads it recorded, and its output (nil only
    /// while it is being computed). A struct: as a tuple, each look at a field copied it whole.
    @usableFromInline struct Entry {
        @usableFromInline var input: Input, reads: [Int], output: Output?
        @inlinable init(_ input: Input, _ reads: [Int], _ output: Output?) {
            (self.input, self.reads, self.output) = (input, reads, output)
        }
    }

    public init(keeping: Bool = true) {
        self.keeping = keeping
    }

    /// How many items the last `map` reused, and how many it computed.
    public var lastRun: (reused: Int, computed: Int) { lock.withLock { counts } }

    /// Every item's output, in the order of `items`: reused where nothing it depends on
    /// changed, computed by `compute` otherwise.
    /// - Parameters:
    ///   - answer: what a read gets in this build, as the stage's accessors answer it.
    ///   - scope: the scope of a read, if it has one (see above); `scopeOf` gives an input's.
    ///   - context: what every item and every scoped answer also depends on (the site's languages
    ///     and their fallbacks): when it differs from the last `map`'s, every item is computed.
    ///   - compute: the stage's function of one item; it reads the rest of the site only
    ///     through accessors that record in the log it is given (none without a memo).
    @inlinable
    public func map(
        _ items: [(key: Key, input: Input)], answer: @Sendable (Read) -> Answer,
        scope: (Read) -> String? = { _ in nil }, scopeOf: (Input) -> String = { _ in "" },
        context: AnyHashable = 0, compute: @Sendable (Input, ReadLog<Read, Answer>?) -> Output
    ) -> [Output] {
        guard keeping else {
            lock.withLock { counts = (0, items.count) }
            return items.concurrentMap { compute($0.input, nil) }
        }
        return lock.withLock {
            if context != self.context {
                (keys, entries, reads, answers, places, scoped, unscoped) = ([], [], [], [], [:], [:], [])
                self.context = context
            }
            // The previous entry of each item: at the same place while the keys are those of the
            // last build, in the same order (the usual rebuild, checked without hashing), else
            // found by key. The scopes of the inputs that changed, came or went.
            let current = items.map(\.key)
            var changedScopes = Set<String>()
            var next: [Entry] = []
            if current == keys {
                swap(&next, &entries)
            } else {
                let previous = Dictionary(zip(keys, entries), uniquingKeysWith: { first, _ in first })
                let now = Set(current)
                for (key, entry) in previous where !now.contains(key) { changedScopes.insert(scopeOf(entry.input)) }
                next = items.map { previous[$0.key] ?? Entry($0.input, [], nil) }
            }
            // Pass 1: which items kept their input.
            let kept = items.indices.map { next[$0].output != nil && next[$0].input == items[$0].input }
            for position in items.indices where !kept[position] {
                changedScopes.insert(scopeOf(items[position].input))
                changedScopes.insert(scopeOf(next[position].input))
            }
            let changed = changedReads(in: changedScopes, answer: answer)
            // Pass 2: the items to compute again.
            let stale = items.indices.filter { position in
                !kept[position] || (!changed.isEmpty && next[position].reads.contains(where: changed.contains))
            }
            let computed = stale.concurrentMap { position in
                let log = ReadLog<Read, Answer>()
                let output = compute(items[position].input, log)
                return (output: output, reads: log.reads)
            }
            for (index, position) in stale.enumerated() {
                let result = computed[index]
                let places = result.reads.map { place(of: $0.read, answered: $0.answer, scope: scope) }
                next[position] = Entry(items[position].input, places, result.output)
            }
            let outputs = next.map { $0.output! }
            // Items that are gone are forgotten; their reads stay in the table.
            (keys, entries) = (current, next)
            counts = (items.count - stale.count, stale.count)
            return outputs
        }
    }

    /// The places of the reads that may have changed and are answered differently now; the
    /// table then holds the new answers. Each read is asked once, on every core.
    @inlinable
    func changedReads(in scopes: Set<String>, answer: @Sendable (Read) -> Answer) -> Set<Int> {
        var asked = unscoped
        for scope in scopes { asked += scoped[scope] ?? [] }
        let (reads, answers) = (self.reads, self.answers)
        let now = asked.concurrentMap { answer(reads[$0]) }
        var changed = Set<Int>()
        for (index, place) in asked.enumerated() where now[index] != answers[place] {
            changed.insert(place)
            self.answers[place] = now[index]
        }
        return changed
    }

    /// The place of `read` in the table, added if it is new, with the answer it just got.
    @inlinable
    func place(of read: Read, answered answer: Answer, scope: (Read) -> String?) -> Int {
        if let place = places[read] {
            answers[place] = answer
            return place
        }
        let place = reads.count
        places[read] = place
        reads.append(read)
        answers.append(answer)
        if let scope = scope(read) { scoped[scope, default: []].append(place) } else { unscoped.append(place) }
        return place
    }
}

extension ItemMemo where Read == Never, Answer == Never {
    /// `map` for items that read nothing but their input (a file to parse).
    @inlinable
    public func map(_ items: [(key: Key, input: Input)], compute: @Sendable (Input) -> Output) -> [Output] {
        map(items, answer: Self.unanswerable) { input, _ in compute(input) }
    }

    /// The answer to a read that no item makes.
    @usableFromInline static func unanswerable(_ read: Never) -> Never {}
}
