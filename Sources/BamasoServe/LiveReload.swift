import Foundation

/// Tells open pages to reload after each build, over Server-Sent Events.
///
/// Every HTML page the preview serves gets a small script (never written into the built
/// files) that opens `eventsPath?since=N`, N being the build the page came from. The server
/// sends `event: reload` when a build finishes, and at once when the page is already older
/// than the latest build, so a build that finished while the page was loading is not missed.
final class LiveReload: @unchecked Sendable {
    /// The address of the event stream; no page of a site can have it (sections are slugs).
    static let eventsPath = "/__bamaso/live-reload"

    /// What a subscriber is sent.
    enum Message: Sendable, Equatable {
        case reload(generation: Int)
        /// A comment line that keeps the connection open and shows when the page has gone.
        case keepAlive
    }

    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Message>.Continuation] = [:]

    /// How many pages are listening right now.
    var subscriberCount: Int { lock.withLock { subscribers.count } }

    /// A stream of messages for one page; it ends with `finishAll()` or when dropped.
    func subscribe() -> AsyncStream<Message> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Message>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.subscribers.removeValue(forKey: id) }
        }
        lock.withLock { subscribers[id] = continuation }
        return stream
    }

    func send(_ message: Message) {
        let continuations = lock.withLock { Array(subscribers.values) }
        for continuation in continuations { continuation.yield(message) }
    }

    func finishAll() {
        let continuations = lock.withLock { Array(subscribers.values) }
        for continuation in continuations { continuation.finish() }
    }

    /// The text of one Server-Sent Event.
    static func event(_ message: Message) -> String {
        switch message {
        case .reload(let generation): "event: reload\ndata: \(generation)\n\n"
        case .keepAlive: ": keep-alive\n\n"
        }
    }

    /// The script added to each page while serving.
    static func script(generation: Int) -> String {
        """
        <script>
        (function () {
          var events = new EventSource("\(eventsPath)?since=\(generation)");
          events.addEventListener("reload", function () { events.close(); location.reload(); });
        })();
        </script>

        """
    }

    /// `html` with the script just before its last `</body>` (or at the end when it has none).
    static func inject(into html: String, generation: Int) -> String {
        let script = script(generation: generation)
        guard let body = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) else {
            return html + script
        }
        return html.replacingCharacters(in: body.lowerBound..<body.lowerBound, with: script)
    }
}
