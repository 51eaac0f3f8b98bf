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
        // lengths[i][j]: the longest common subsequence of recorded[i...] and now[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: now.count + 1), count: recorded.count + 1)
        for i in recorded.indices.reversed() {
            for j in now.indices.reversed() {
                lengths[i][j] = recorded[i] == now[j]
                    ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        let oldBlocks = old.flatMap { old in
            old.map(\.fingerprint) == recorded ? old : nil
        }
        var changes: [BlockChange] = []
        var removed: [Int] = [], added: [Int] = []
        func flush(before next: Int) {
            let line = next < current.count ? current[next].line : (current.last.map { $0.line + 1 } ?? 1)
            for (index, position) in added.enumerated() {
                let block = current[position]
                if index < removed.count {
                    changes.append(BlockChange(kind: .changed, label: block.label, line: block.line, text: block.text,
                                               oldText: oldBlocks?[removed[index]].text))
                } else {
                    changes.append(BlockChange(kind: .added, label: block.label, line: block.line, text: block.text))
                }
            }
            for position in removed.dropFirst(added.count) {
                changes.append(BlockChange(kind: .removed, label: oldBlocks?[position].label ?? "block", line: line,
                                           oldText: oldBlocks?[position].text))
            }
            (removed, added) = ([], [])
        }
        var (i, j) = (0, 0)
        while i < recorded.count || j < now.count {
            if i < recorded.count, j < now.count, recorded[i] == now[j] {
                flush(before: j)
                (i, j) = (i + 1, j + 1)
            } else if j < now.count, i == recorded.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                added.append(j)
                j += 1
            } else {
                removed.append(i)
                i += 1
            }
        }
        flush(before: now.count)
        return changes
    }

    /// `[-old-]{+new+}` around the words that differ, the others as they are.
    public static func wordDiff(from old: String, to new: String) -> String {
        let a = old.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = new.split(whereSeparator: \.isWhitespace).map(String.init)
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in a.indices.reversed() {
            for j in b.indices.reversed() {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var words: [String] = []
        var (deleted, inserted): ([String], [String]) = ([], [])
        func flush() {
            if !deleted.isEmpty { words.append("[-" + deleted.joined(separator: " ") + "-]") }
            if !inserted.isEmpty { words.append("{+" + inserted.joined(separator: " ") + "+}") }
            (deleted, inserted) = ([], [])
        }
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                flush()
                words.append(a[i])
                (i, j) = (i + 1, j + 1)
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                inserted.append(b[j])
                j += 1
            } else {
                deleted.append(a[i])
                i += 1
            }
        }
        flush()
        return words.joined(separator: " ")
    }
}
