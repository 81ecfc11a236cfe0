import Hummingbird
import Logging
import TripactStore

/// The one place errors become pages: store refusals get their 4xx, anything unexpected a plain 500 with the request id,
/// which is also logged.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = TripactRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.response(for: error, context: context)
        }
    }

    /// The page for an error. Every 5xx is logged with its request id and cause; the page shows the id only.
    static func response(for error: any Error, context: Context) throws -> Response {
        switch error {
        case let error as StoreError:
            let (status, message) = map(error)
            guard status.code >= 500 else { return page(status: status, message: message, context: context) }
            logFailure(error, context: context)
            return page(status: status, message: "\(message) (request \(context.id))", context: context)
        case let error as HTTPError:
            if error.status == .contentTooLarge { return page(status: .contentTooLarge, message: "the form is larger than 1 MiB; nothing was saved", context: context) }
            if error.status.code >= 500 { logFailure(error, context: context) }
            return page(status: error.status, message: error.body ?? error.status.reasonPhrase, context: context)
        case let error as any HTTPResponseError:
            if error.status == .contentTooLarge { return page(status: .contentTooLarge, message: "the form is larger than 1 MiB; nothing was saved", context: context) }
            if error.status.code >= 500 { logFailure(error, context: context) }
            return page(status: error.status, message: error.status.reasonPhrase, context: context)
        default:
            logFailure(error, context: context)
            return page(status: .internalServerError, message: "something went wrong on our side (request \(context.id)); nothing was saved", context: context)
        }
    }

    private static func logFailure(_ error: any Error, context: Context) {
        context.logger.error("request failed", metadata: ["request": .string(context.id), "error": .string("\(error)")])
    }

    /// The status and message for a store refusal: the rule lives with `StoreError`, shared with the JSON API.
    static func map(_ error: StoreError) -> (HTTPResponse.Status, String) {
        let answer = error.answer
        return (status(answer.status), answer.message)
    }

    /// The named status for a code, so the page's title carries its reason phrase.
    static func status(_ code: Int) -> HTTPResponse.Status {
        let known: [HTTPResponse.Status] = [.badRequest, .forbidden, .notFound, .conflict, .gone, .unprocessableContent, .internalServerError]
        return known.first { $0.code == code } ?? HTTPResponse.Status(code: code)
    }

    static func page(status: HTTPResponse.Status, message: String, context: Context) -> Response {
        var page = Page(title: "\(status.code) \(status.reasonPhrase)")
        page.raw("<p class=\"error\" role=\"alert\">")
        page.text(message)
        page.raw("</p>\n<p><a href=\"\(SiteRoute.dashboard.link())\">Back to the dashboard</a></p>")
        return page.response(status: status, session: context.session)
    }
}
