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

    /// A user never learns whether an agreement they may not see exists: "not a party" is "not found".
    static func map(_ error: StoreError) -> (HTTPResponse.Status, String) {
        switch error {
        case .unknownAgreement, .unknownVersion, .notAParty: (.notFound, "no such agreement or version")
        case .unknownItem: (.notFound, "\(error)")
        case .unknownNotice: (.notFound, "no such notice")
        case .unknownUser, .unknownOrganisation: (.badRequest, "\(error)")
        case .staleBase: (.conflict, "\(error)")
        case .duplicate: (.conflict, "\(error)")
        case .notPermitted: (.forbidden, "\(error)")
        case .signingRefused: (.unprocessableContent, "\(error)")
        case .invalid: (.badRequest, "\(error)")
        case .invalidFields: (.unprocessableContent, "\(error)")
        case .unusableLink(let problem): (problem == .unknown ? .notFound : .gone, "\(error)")
        case .database, .constraint, .busy: (.internalServerError, "the database failed; nothing was saved")
        }
    }

    static func page(status: HTTPResponse.Status, message: String, context: Context) -> Response {
        var page = Page(title: "\(status.code) \(status.reasonPhrase)")
        page.raw("<p class=\"error\" role=\"alert\">")
        page.text(message)
        page.raw("</p>\n<p><a href=\"/\">Back to the dashboard</a></p>")
        return page.response(status: status, session: context.session)
    }
}
