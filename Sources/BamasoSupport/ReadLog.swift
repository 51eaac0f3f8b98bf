/// What one item of a stage (a page to resolve, a page to render) read of the rest of the
/// site, each read with the answer it got.
///
/// A stage records a read where it reads, in the accessor that answers it, and nowhere else:
/// nobody lists an item's dependencies by hand. `ItemMemo` then reuses the item while its
/// input is the same and every read it recorded still gets the same answer. A stage never
/// asks whether it is being memoized; without a memo it is given no log, and records nothing.
///
/// One log belongs to one item, computed on one thread.
public final class ReadLog<Read: Hashable & Sendable, Answer: Equatable & Sendable> {
    @usableFromInline var recorded: [(read: Read, answer: Answer)] = []
    /// The place of each read in `recorded`: a listing reads thousands of pages.
    @usableFromInline var places: [Read: Int] = [:]

    /// Every read, in order, with its answer.
    public var reads: [(read: Read, answer: Answer)] { recorded }

    @inlinable public init() {}

    /// Records `read` with its answer, unless the item made it before.
    @inlinable public func record(_ read: Read, _ answer: Answer) {
        guard places[read] == nil else { return }
        places[read] = recorded.count
        recorded.append((read, answer))
    }
}

extension Optional {
    /// Asks `answer` for `read`, records the answer in the log if there is one, and gives it:
    /// the one way a stage's accessor answers a read, so that what it records is what it uses.
    /// A read the item made before is answered from the log, and recorded once.
    @inlinable
    public func answer<Read, Answer>(_ read: Read, with answer: (Read) -> Answer) -> Answer
    where Wrapped == ReadLog<Read, Answer> {
        if let log = self, let place = log.places[read] { return log.recorded[place].answer }
        let value = answer(read)
        self?.record(read, value)
        return value
    }
}
