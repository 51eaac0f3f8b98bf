import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately small HTTP/1.1 client over a plain socket to 127.0.0.1, so that tests send
/// exactly the bytes they mean (`..` and `%2e%2e` included, which URL types would tidy away)
/// and read a response as it arrives. Every read has a deadline.
struct RawHTTP {
    struct Response {
        var status: Int
        /// Header names in lowercase.
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int

    /// Sends one request and reads the whole response (the connection is closed after it).
    func request(_ path: String, method: String = "GET", timeout: Duration = .seconds(10)) throws -> Response {
        let connection = try Connection(port: port)
        defer { connection.disconnect() }
        try connection.write("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        let raw = try connection.readToEnd(timeout: timeout)
        return try Self.parse(raw)
    }

    /// Opens a request whose response stays open (an event stream).
    func open(_ path: String) throws -> Connection {
        let connection = try Connection(port: port)
        try connection.write("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        return connection
    }

    static func parse(_ raw: Data) throws -> Response {
        guard let end = raw.firstRange(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no complete response head in \(String(decoding: raw, as: UTF8.self))")
        }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "")
        else { throw Failure(description: "bad status line in \(head)") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(raw[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) throws -> Data {
        var body = Data()
        var rest = data[...]
        while let lineEnd = rest.firstRange(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else {
                throw Failure(description: "bad chunk size '\(sizeText)'")
            }
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size else { break }
            let stop = rest.index(start, offsetBy: size)
            body.append(rest[start..<stop])
            rest = rest[min(rest.index(stop, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex, rest.endIndex)...]
        }
        return body
    }

    /// One TCP connection to 127.0.0.1. A test uses it from one thread at a time (handing it
    /// to a Dispatch thread and waiting), never from two at once.
    final class Connection: @unchecked Sendable {
        private var descriptor: Int32
        private(set) var received = Data()
        var receivedText: String { String(decoding: received, as: UTF8.self) }
        /// True once the server closed the connection.
        private(set) var closedByServer = false

        init(port: Int) throws {
            #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else { throw Failure(description: "socket() failed: \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                close(descriptor)
                throw Failure(description: "cannot connect to 127.0.0.1:\(port): errno \(errno)")
            }
            // Each read waits at most 100 ms, so every loop below can check its deadline.
            var wait = timeval(tv_sec: 0, tv_usec: 100_000)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        }

        func write(_ text: String) throws {
            let bytes = Array(text.utf8)
            var sent = 0
            while sent < bytes.count {
                let result = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
                guard result > 0 else { throw Failure(description: "send() failed: errno \(errno)") }
                sent += result
            }
        }

        /// Reads what has arrived within about 100 ms.
        private func readSome() {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 { received.append(contentsOf: buffer[..<count]) }
            if count == 0 { closedByServer = true }
        }

        func readToEnd(timeout: Duration) throws -> Data {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while !closedByServer {
                guard ContinuousClock.now < deadline else {
                    throw Failure(description: "the response did not end within \(timeout)")
                }
                readSome()
            }
            return received
        }

        /// Waits until the text received contains `text`; false when `timeout` passes first or
        /// the server closes the connection.
        func waitFor(_ text: String, timeout: Duration) -> Bool {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while ContinuousClock.now < deadline {
                if String(decoding: received, as: UTF8.self).contains(text) { return true }
                if closedByServer { return false }
                readSome()
            }
            return String(decoding: received, as: UTF8.self).contains(text)
        }

        /// Waits until the server closes the connection; false when `timeout` passes first.
        func waitForClose(timeout: Duration) -> Bool {
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while !closedByServer, ContinuousClock.now < deadline { readSome() }
            return closedByServer
        }

        func disconnect() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }

        deinit { disconnect() }
    }
}
