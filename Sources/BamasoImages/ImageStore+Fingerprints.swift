import BamasoSupport
import Foundation

extension FileStamp {
    /// The fields as one line's words, and back.
    var words: [String] {
        [size, Int(bitPattern: UInt(inode)), modified, modifiedNanoseconds, changed, changedNanoseconds].map {
            String($0)
        }
    }

    init?(words: some Collection<Substring>) {
        let numbers = words.compactMap { Int($0) }
        guard numbers.count == 6, words.count == 6 else { return nil }
        self.init()
        (size, inode) = (numbers[0], UInt64(UInt(bitPattern: numbers[1])))
        (modified, modifiedNanoseconds, changed, changedNanoseconds) = (numbers[2], numbers[3], numbers[4], numbers[5])
    }
}

/// The fingerprints of originals' bytes that earlier builds worked out, each with the stamp its
/// file had then, kept in the cache folder (`fingerprints`: one line per original) so that a
/// build reads an original again only when its stamp changed. A fingerprint is kept only for a
/// file left alone for a while (`ImageStore.settle`): a file written twice within one tick of
/// the file system's clock could keep its stamp.
struct KnownFingerprints: Equatable {
    struct Known: Equatable {
        var stamp: FileStamp
        var fingerprint: String
    }

    var entries: [String: Known] = [:]

    /// The file as written by `write`; empty when there is none or it cannot be read.
    static func read(from url: URL) -> Self {
        var known = Self()
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return known }
        for line in text.split(separator: "\n") {
            // fingerprint, the stamp's six numbers, then the path (which may hold spaces).
            let fields = line.split(separator: " ", maxSplits: 7, omittingEmptySubsequences: false)
            guard fields.count == 8, fields[0].count == 16, let stamp = FileStamp(words: fields[1...6]) else {
                continue
            }
            known.entries[String(fields[7])] = Known(stamp: stamp, fingerprint: String(fields[0]))
        }
        return known
    }

    /// Writes the file whole, beside its place and renamed into it: a build that reads it at the
    /// same time finds the old one or the new one.
    func write(to url: URL) {
        let text = entries.sorted { $0.key < $1.key }.map { path, known in
            ([known.fingerprint] + known.stamp.words + [path]).joined(separator: " ") + "\n"
        }.joined()
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".fingerprints-\(UUID().uuidString)")
        guard (try? Data(text.utf8).write(to: temporary)) != nil else { return }
        if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }
}

extension ImageStore {
    /// The fingerprint of the original at `url`, published as `path`: the one an earlier build
    /// kept, while the file's stamp is the same, else worked out from the bytes; the reason
    /// when the file cannot be read.
    func fingerprint(of url: URL, path: String, stamp: FileStamp?) -> Result<String, ImageProblem> {
        if let stamp, let known = withKnown({ $0.entries[path] }), known.stamp == stamp {
            return .success(known.fingerprint)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return .failure(.unreadable(SystemError.describe(error)))
        }
        lock.withLock { originalsRead += 1 }
        let fingerprint = Fingerprint.hex(of: data)
        // Kept only when the file has been left alone long enough that a change now gives it
        // another stamp.
        withKnown { known in
            if let stamp, stamp.changedAt < Date().timeIntervalSince1970 - settle {
                known.entries[path] = KnownFingerprints.Known(stamp: stamp, fingerprint: fingerprint)
            } else {
                known.entries[path] = nil
            }
        }
        return .success(fingerprint)
    }

    /// Writes what this store learnt of the originals into the cache folder, for the next build,
    /// leaving out the originals that are no longer among `paths` (the file goes when none is
    /// left); nothing when nothing changed.
    public func keepFingerprints(of paths: Set<String>) {
        let url = folder.appendingPathComponent("fingerprints")
        withKnown { known in known.entries = known.entries.filter { paths.contains($0.key) } }
        lock.withLock {
            guard let (saved, now) = fingerprints, now != saved else { return }
            fingerprints = (now, now)
            guard !now.entries.isEmpty else {
                try? FileManager.default.removeItem(at: url)
                return
            }
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            now.write(to: url)
        }
    }
}
