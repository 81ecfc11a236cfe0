import Foundation
import TripactAPIClient
import TripactCore
import TripactStore

/// Who acts in a writing command: the `--as` user against a database, the token's user against a server.
enum Acting {
    /// The `--as` user, which a database needs.
    static func local(_ user: String?) throws(CLIFailure) -> String {
        guard let user else { throw .unusableInput("--as: say who you are (your e-mail address); against a server the token's user acts instead") }
        return user
    }

    /// On a server the token says who acts; an `--as` there would name someone the server never hears of.
    static func remote(_ user: String?) throws(CLIFailure) {
        if user != nil { throw .unusableInput("--as: on a server the token's user acts; leave --as out") }
    }
}

extension CLIFailure {
    /// A writing operation on a server. Its conflict (409) and its field problems (422) are said as the local command
    /// says them, with the same exit code, so a script reads one message whichever way it went; the request's own
    /// wrapping of field paths (`document.` for a proposal) is taken off. Every other refusal (401, 403, 404, 429)
    /// keeps the server's status and message.
    static func remoteWrite<T>(
        agreement: String, base: Int?, fieldPrefix: String = "", _ body: () async throws(RemoteFailure) -> T
    ) async throws(CLIFailure) -> T {
        do {
            return try await body()
        } catch {
            if error.status == 409, let base, let head = error.head { throw .store(.staleBase(agreement: agreement, base: base, head: head)) }
            if error.status == 422, !error.problems.isEmpty {
                throw .store(.invalidFields(error.problems.map { problem in
                    let field = problem.field.hasPrefix(fieldPrefix) && problem.field.count > fieldPrefix.count
                        ? String(problem.field.dropFirst(fieldPrefix.count)) : problem.field
                    return FieldProblem(field: field, message: problem.message)
                }))
            }
            throw .remote(error)
        }
    }
}
