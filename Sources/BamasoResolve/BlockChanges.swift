import BamasoParse

/// A block of an original added, removed or changed since its translation was acknowledged.
public struct BlockChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case added, removed, changed
    }

    public var kind: Kind
    /// What the block is (`paragraph`, `title`...); `block` for a removed one whose old text is
    /// not known.
    public var label: String
    /// Its line in the original as it is now; for a removed block, the line of the block now
    /// after it (or after the last one).
    public var line: Int
    /// The text now; nil for a removed block.
    public var text: String?
    /// The text at the acknowledgement, when it is known (from git).
    public var oldText: String?

    public init(kind: Kind, label: String, line: Int, text: String? = nil, oldText: String? = nil) {
        self.kind = kind
        self.label = label
        self.line = line
        self.text = text
        self.oldText = oldText
    }

    /// The old text and the new one as a word diff, `[-old-]{+new+}` as `git diff --word-diff`
    /// writes it; nil unless both are known.
    public var wordDiff: String? {
        guard let text, let oldText else { return nil }
        return BlockChanges.wordDiff(from: oldText, to: text)
    }
}

public enum BlockChanges {
    /// The changes from the blocks recorded at the acknowledgement (their fingerprints) to
    /// `current`. Blocks are matched by fingerprint in order (a longest common subsequence); in
    /// each stretch between matches, removed and added blocks are paired as changed ones.
    /// - Parameter old: the original's blocks at the acknowledgement, when known: the old texts.
    public static func between(
        recorded: [String], current: [TranslationBlock], old: [TranslationBlock]? = nil
    ) -> [BlockChange] {
        let now = current.map(\.fingerprint)
        let oldBlocks = old.flatMap { old in
            old.map(\.fingerprint) == recorded ? old : nil
        }
        var changes: [BlockChange] = []
        var removed: [Int] = []
        var added: [Int] = []
        func flush(before next: Int) {
            let line = next < current.count ? current[next].line : (current.last.map { $0.line + 1 } ?? 1)
            for (index, position) in added.enumerated() {
                let block = current[position]
                if index < removed.count {
                    changes.append(
                        BlockChange(
                            kind: .changed, label: block.label, line: block.line, text: block.text,
                            oldText: oldBlocks?[removed[index]].text))
                } else {
                    changes.append(BlockChange(kind: .added, label: block.label, line: block.line, text: block.text))
                }
            }
            for position in removed.dropFirst(added.count) {
                changes.append(
                    BlockChange(
                        kind: .removed, label: oldBlocks?[position].label ?? "block", line: line,
                        oldText: oldBlocks?[position].text))
            }
            (removed, added) = ([], [])
        }
        for step in align(recorded, now) {
            switch step {
            case .same(_, let position): flush(before: position)
            case .removed(let position): removed.append(position)
            case .added(let position): added.append(position)
            }
        }
        flush(before: now.count)
        return changes
    }

    /// `[-old-]{+new+}` around the words that differ, the others as they are.
    public static func wordDiff(from old: String, to new: String) -> String {
        let a = old.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = new.split(whereSeparator: \.isWhitespace).map(String.init)
        var words: [String] = []
        var (deleted, inserted): ([String], [String]) = ([], [])
        func flush() {
            if !deleted.isEmpty { words.append("[-" + deleted.joined(separator: " ") + "-]") }
            if !inserted.isEmpty { words.append("{+" + inserted.joined(separator: " ") + "+}") }
            (deleted, inserted) = ([], [])
        }
        for step in align(a, b) {
            switch step {
            case .same(let position, _):
                flush()
                words.append(a[position])
            case .removed(let position): deleted.append(a[position])
            case .added(let position): inserted.append(b[position])
            }
        }
        flush()
        return words.joined(separator: " ")
    }

    /// One step from `a` to `b`: an element of both (at its place in each), one only `a` has, or
    /// one only `b` has.
    enum Step: Equatable {
        case same(Int, Int)
        case removed(Int)
        case added(Int)
    }

    /// The steps from `a` to `b` along a longest common subsequence, in order (a removal before
    /// an addition where both come at one place).
    static func align<Element: Equatable>(_ a: [Element], _ b: [Element]) -> [Step] {
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in a.indices.reversed() {
            for j in b.indices.reversed() {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var steps: [Step] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                steps.append(.same(i, j))
                (i, j) = (i + 1, j + 1)
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                steps.append(.added(j))
                j += 1
            } else {
                steps.append(.removed(i))
                i += 1
            }
        }
        return steps
    }
}
