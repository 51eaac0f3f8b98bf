import BamasoSupport
import Synchronization
import Testing

/// A small "site" for the memo: each item is a word, and computing it reads the lengths of
/// the words it names through a log, as a stage's accessor would.
@Suite struct ItemMemoTests {
    typealias Memo = ItemMemo<String, [String], String, Int, String>

    /// Counts the items computed, so a test sees what was reused.
    final class Calls: Sendable {
        let count = Mutex(0)
    }

    /// The output of an item: its words with the lengths `lengths` gives them, read through the log.
    static func run(
        _ memo: Memo, _ items: [(String, [String])], lengths: [String: Int], calls: Calls
    ) -> [String] {
        memo.map(items.map { (key: $0.0, input: $0.1) }, answer: { lengths[$0] ?? 0 }) { words, log in
            calls.count.withLock { $0 += 1 }
            return words.map { word in "\(word)=\(log.answer(word) { lengths[$0] ?? 0 })" }.joined(separator: ",")
        }
    }

    @Test("an item is reused while its input and what it read are unchanged, and computed again otherwise")
    func reusesWhatDidNotChange() {
        let memo = Memo()
        let calls = Calls()
        var lengths = ["a": 1, "bb": 2, "ccc": 3]
        let items = [("one", ["a"]), ("two", ["bb", "a"]), ("three", ["ccc"])]

        #expect(Self.run(memo, items, lengths: lengths, calls: calls) == ["a=1", "bb=2,a=1", "ccc=3"])
        #expect(calls.count.withLock { $0 } == 3)

        #expect(Self.run(memo, items, lengths: lengths, calls: calls) == ["a=1", "bb=2,a=1", "ccc=3"])
        #expect(calls.count.withLock { $0 } == 3)
        #expect(memo.lastRun == (3, 0))

        // A read's answer changed: the two items that read it are computed again.
        lengths["a"] = 10
        #expect(Self.run(memo, items, lengths: lengths, calls: calls) == ["a=10", "bb=2,a=10", "ccc=3"])
        #expect(memo.lastRun == (1, 2))

        // An input changed, and an item is new: those two only.
        let changed = [("one", ["a"]), ("two", ["bb"]), ("three", ["ccc"]), ("four", ["a"])]
        #expect(Self.run(memo, changed, lengths: lengths, calls: calls) == ["a=10", "bb=2", "ccc=3", "a=10"])
        #expect(memo.lastRun == (2, 2))

        // Item "two" no longer reads "a": a change of "a" leaves it alone.
        lengths["a"] = 5
        #expect(Self.run(memo, changed, lengths: lengths, calls: calls) == ["a=5", "bb=2", "ccc=3", "a=5"])
        #expect(memo.lastRun == (2, 2))
    }

    @Test("an item removed and added again is computed again")
    func forgetsRemovedItems() {
        let memo = Memo()
        let calls = Calls()
        let lengths = ["a": 1]
        _ = Self.run(memo, [("one", ["a"]), ("two", ["a"])], lengths: lengths, calls: calls)
        _ = Self.run(memo, [("one", ["a"])], lengths: lengths, calls: calls)
        #expect(memo.lastRun == (1, 0))
        _ = Self.run(memo, [("one", ["a"]), ("two", ["a"])], lengths: lengths, calls: calls)
        #expect(memo.lastRun == (1, 1))
    }

    @Test("a memo that keeps nothing computes every item every time, with no log")
    func keepingNothing() {
        let memo = Memo(keeping: false)
        let calls = Calls()
        let items = [("one", ["a"]), ("two", ["a"])]
        let lengths = ["a": 1]
        #expect(Self.run(memo, items, lengths: lengths, calls: calls) == ["a=1", "a=1"])
        #expect(Self.run(memo, items, lengths: lengths, calls: calls) == ["a=1", "a=1"])
        #expect(calls.count.withLock { $0 } == 4)
        let logged = memo.map([(key: "one", input: ["a"])], answer: { _ in 0 }) { _, log in log == nil ? "none" : "log"
        }
        #expect(logged == ["none"])
    }

    @Test("a read with a scope is asked again only when an item of its scope changed, came or went")
    func scopedReads() {
        let memo = Memo()
        let asked = Calls()
        // An item's scope is its first word; a word's length is decided by the items of its
        // scope (here: bumped by hand when they change). "total" has no scope.
        var lengths = ["a": 1, "b": 2, "total": 3]
        func run(_ items: [(String, [String])]) -> [String] {
            let current = lengths
            return memo.map(
                items.map { (key: $0.0, input: $0.1) },
                answer: { read in
                    asked.count.withLock { $0 += 1 }
                    return current[read] ?? 0
                }, scope: { $0 == "total" ? nil : $0 }, scopeOf: { $0.first ?? "" }
            ) { words, log in
                words.map { word in "\(word)=\(log.answer(word) { current[$0] ?? 0 })" }.joined(separator: ",")
            }
        }
        var items = [("one", ["a"]), ("two", ["b", "a"]), ("three", ["b", "total"])]
        #expect(run(items) == ["a=1", "b=2,a=1", "b=2,total=3"])
        #expect(asked.count.withLock { $0 } == 0)

        // Nothing changed: only the read without a scope is asked again.
        #expect(run(items) == ["a=1", "b=2,a=1", "b=2,total=3"])
        #expect(asked.count.withLock { $0 } == 1)
        #expect(memo.lastRun == (3, 0))

        // An item of scope "a" changed: the read of "a" is asked again, and "two", which read
        // it, is computed again; "three" is not.
        items[0].1 = ["a", "a"]
        lengths["a"] = 5
        #expect(run(items) == ["a=5,a=5", "b=2,a=5", "b=2,total=3"])
        #expect(memo.lastRun == (1, 2))
        #expect(asked.count.withLock { $0 } == 3)

        // An item of scope "b" went: the read of "b" is asked again.
        lengths["b"] = 7
        #expect(run([items[0], items[2]]) == ["a=5,a=5", "b=7,total=3"])
        #expect(memo.lastRun == (1, 1))
    }

    @Test("a changed context computes every item again, though no item of a read's scope changed")
    func changedContext() {
        let memo = Memo()
        // Each read is scoped to itself, and no item's input changes: only the context tells.
        var lengths = ["a": 1, "b": 2]
        func run(context: String) -> [String] {
            let current = lengths
            return memo.map(
                [(key: "one", input: ["a"]), (key: "two", input: ["b"])], answer: { current[$0] ?? 0 },
                scope: { $0 }, scopeOf: { $0.first ?? "" }, context: context
            ) { words, log in
                words.map { word in "\(word)=\(log.answer(word) { current[$0] ?? 0 })" }.joined(separator: ",")
            }
        }
        #expect(run(context: "rw") == ["a=1", "b=2"])
        lengths["a"] = 5
        #expect(run(context: "rw") == ["a=1", "b=2"])
        #expect(memo.lastRun == (2, 0))
        #expect(run(context: "rw,en") == ["a=5", "b=2"])
        #expect(memo.lastRun == (0, 2))
        #expect(run(context: "rw,en") == ["a=5", "b=2"])
        #expect(memo.lastRun == (2, 0))
    }
}
