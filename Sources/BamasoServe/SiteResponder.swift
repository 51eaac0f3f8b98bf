import BamasoDiagnostics
import Foundation
import Hummingbird
import ServiceLifecycle

/// Answers every request of the preview: the live-reload event stream, and the built site
/// served as a web server would, with the reload script added to each HTML page.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let site: PreviewSite
    let reload: LiveReload

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        if request.uri.path == LiveReload.eventsPath {
            return await events(since: request.uri.queryParameters["since"].flatMap { Int($0) })
        }
        let state = await site.state
        let lookup =
            state.folder.map { OutputLookup.resolve(request.uri.path, query: request.uri.query, in: $0) }
            ?? .notFound
        let isHead = request.method == .head
        switch lookup {
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location])
        case .file(let url):
            let contentType = ContentType.forFile(named: url.lastPathComponent)
            if contentType.hasPrefix("text/html"), state.hasErrors {
                return page(
                    PreviewPages.errorPage(state.failedBuild, generation: state.generation),
                    status: .internalServerError, head: isHead)
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return try await notFound(state, head: isHead)
            }
            if contentType.hasPrefix("text/html") {
                let html = LiveReload.inject(into: String(decoding: data, as: UTF8.self), generation: state.generation)
                return page(html, status: .ok, head: isHead)
            }
            return response(ByteBuffer(bytes: data), contentType: contentType, status: .ok, head: isHead)
        case .notFound:
            return try await notFound(state, head: isHead)
        }
    }

    /// The site's own `404.html` when it has one, else a small page in both languages; the
    /// list of errors instead while the latest build failed (the page may be a new one).
    private func notFound(_ state: PreviewState, head: Bool) async throws -> Response {
        if state.hasErrors {
            return page(
                PreviewPages.errorPage(state.failedBuild, generation: state.generation),
                status: .internalServerError, head: head)
        }
        if let folder = state.folder, case .file(let url) = OutputLookup.resolve("/404.html", in: folder),
            let data = FileManager.default.contents(atPath: url.path)
        {
            return page(
                LiveReload.inject(into: String(decoding: data, as: UTF8.self), generation: state.generation),
                status: .notFound, head: head)
        }
        return page(PreviewPages.notFoundPage(generation: state.generation), status: .notFound, head: head)
    }

    private func page(_ html: String, status: HTTPResponse.Status, head: Bool) -> Response {
        response(
            ByteBuffer(string: html), contentType: ContentType.forFile(named: "index.html"), status: status, head: head)
    }

    private func response(_ body: ByteBuffer, contentType: String, status: HTTPResponse.Status, head: Bool) -> Response
    {
        let headers: HTTPFields = [
            .contentType: contentType,
            .contentLength: String(body.readableBytes),
            // A preview changes at every save: the browser must always ask again.
            .cacheControl: "no-store",
        ]
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: body))
    }

    /// The Server-Sent Events stream a page's reload script listens to.
    private func events(since: Int?) async -> Response {
        let messages = reload.subscribe()  // before reading the generation, so no build is missed
        let generation = await site.state.generation
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                if let since, since != generation {
                    try await writer.write(ByteBuffer(string: LiveReload.event(.reload(generation: generation))))
                }
                // Ends when the server stops (Ctrl-C), so that it never waits for open pages.
                for await message in messages.cancelOnGracefulShutdown() {
                    try await writer.write(ByteBuffer(string: LiveReload.event(message)))
                }
                try await writer.finish(nil)
            })
    }
}
