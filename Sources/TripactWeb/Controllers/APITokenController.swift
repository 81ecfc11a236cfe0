import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The user's personal API tokens (`/account/tokens`): make one (name, scope, lifetime in days), see it once, list
/// them with when each was last used, revoke one. Every user may make tokens; a token does no more than its user's
/// role allows, and a read token only reads. Only the token's SHA-256 is stored.
struct APITokenController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get("account/tokens") { _, context in try show(context: context) }
        router.post("account/tokens") { request, context in try await create(request: request, context: context) }
        router.post("account/tokens/:id/revoke") { request, context in try await revoke(request: request, context: context) }
    }

    struct CreateForm: Decodable {
        let _csrf: String?
        let name: String?
        let scope: String?
        let days: String?
    }

    struct RevokeForm: Decodable {
        let _csrf: String?
    }

    /// A new token's lifetime unless the user picks another.
    static let defaultDays = 90

    private func show(context: TripactRequestContext) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        return try page(session: session, created: nil, entered: [:], errors: [:], status: .ok)
    }

    private func create(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(CreateForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let entered = ["name": form.name ?? "", "scope": form.scope ?? "", "days": form.days ?? ""]
        var errors: [String: String] = [:]
        let scope = APITokenScope(rawValue: form.scope ?? "")
        if scope == nil { errors["scope"] = "choose read or negotiate" }
        let days = Int((form.days ?? "").trimmingCharacters(in: .whitespaces))
        if days == nil { errors["days"] = "give a whole number of days, from 1 to \(TripactStore.apiTokenMaximumDays)" }
        if let scope, let days {
            do {
                let made = try store.createAPIToken(for: session.user.email, name: form.name ?? "", scope: scope, days: days, actor: session.user.email)
                // Shown in this response only: it is not stored, so a reload shows the list without it.
                return try page(session: session, created: made, entered: [:], errors: [:], status: .created)
            } catch {
                guard let refusal = error as? StoreError, case .invalidFields(let problems) = refusal else { throw error }
                for problem in problems { errors[problem.field] = problem.message }
            }
        }
        return try page(session: session, created: nil, entered: entered, errors: errors, status: .unprocessableContent)
    }

    private func revoke(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(RevokeForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let id = Int(try context.pathParameter("id")) else { throw HTTPError(.notFound, message: "no such token") }
        do {
            try store.revokeAPIToken(id: id, ownerID: session.user.id, actor: session.user.email)
        } catch {
            // Another user's token is as unknown as a token that never existed.
            if case .invalid(let message) = error, message.hasPrefix("unknown") { throw HTTPError(.notFound, message: "no such token") }
            throw error
        }
        return .redirect(to: "/account/tokens", type: .normal)
    }

    private static let fieldLabels = ["name": "Name", "scope": "What it may do", "days": "Days until it expires"]

    private func page(
        session: TripactStore.Session, created: (token: String, listing: APIToken)?, entered: [String: String], errors: [String: String],
        status: HTTPResponse.Status
    ) throws -> Response {
        var page = Page(title: "Your API tokens")
        page.raw("<p>A personal API token lets a program (the <code>tripact</code> command line on your computer, a ticketing tool) use the Tripact API at <code>/api/v1</code> as you. It sees your organisation's agreements and does no more than your role allows. Anyone holding it can act as you: keep it secret, and revoke it when it is no longer needed.</p>")
        if let created {
            page.raw("<section class=\"needs-you\" role=\"status\"><h2>Your new token</h2><p>Copy it now: it is shown only this once and Tripact keeps no copy of it.</p>")
            page.raw("<input id=\"new-token\" type=\"text\" readonly data-copy=\"Copy the token\" size=\"80\" aria-label=\"Your new API token\" value=\"")
            page.text(created.token)
            page.raw("\">\(CopyButton.element)<p>")
            page.text("“\(created.listing.name)”, \(Self.scopeWords(created.listing.scope)), expires on \(Self.day(created.listing.expiresAt)).")
            page.raw("</p></section>")
        }
        writeList(into: &page, tokens: try store.apiTokens(userID: session.user.id), session: session)
        writeForm(into: &page, session: session, entered: entered, errors: errors)
        return page.response(status: status, session: session)
    }

    private func writeList(into page: inout Page, tokens: [APIToken], session: TripactStore.Session) {
        page.raw("<h2>Your tokens</h2>")
        guard !tokens.isEmpty else {
            page.raw("<p>You have no API tokens.</p>")
            return
        }
        let now = configuration.clock.now()
        page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">May</th><th scope=\"col\">Made</th><th scope=\"col\">Expires</th><th scope=\"col\">Last used</th><th scope=\"col\">State</th></tr></thead><tbody>")
        for token in tokens {
            page.raw("<tr><td>")
            page.text(token.name)
            page.raw("</td><td>")
            page.text(Self.scopeWords(token.scope))
            page.raw("</td><td>")
            page.text(String(token.createdAt.prefix(10)))
            page.raw("</td><td>")
            page.text(Self.day(token.expiresAt))
            page.raw("</td><td>")
            page.text(token.lastUsedAt.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "never")
            page.raw("</td><td>")
            if token.revokedAt != nil {
                page.raw("revoked")
            } else if !token.isUsable(at: now) {
                page.raw("expired")
            } else {
                page.raw("<form class=\"inline\" method=\"post\" action=\"/account/tokens/\(token.id)/revoke\">")
                page.csrf(session)
                page.raw("<button type=\"submit\" aria-label=\"Revoke the token ")
                page.text(token.name)
                page.raw("\">Revoke</button></form>")
            }
            page.raw("</td></tr>")
        }
        page.raw("</tbody></table></div>")
    }

    private func writeForm(into page: inout Page, session: TripactStore.Session, entered: [String: String], errors: [String: String]) {
        page.raw("<h2>Make a token</h2>")
        if !errors.isEmpty {
            page.raw("<div class=\"error\" role=\"alert\"><p>The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); no token was made.</p><ul>")
            for field in ["name", "scope", "days"] {
                guard let error = errors[field] else { continue }
                page.raw("<li><a href=\"#token-\(field)\">")
                page.text("\(Self.fieldLabels[field] ?? field): \(error)")
                page.raw("</a></li>")
            }
            page.raw("</ul></div>")
        }
        func problem(_ field: String) {
            guard let error = errors[field] else { return }
            page.raw("<p class=\"error\" id=\"token-\(field)-error\">")
            page.text(error)
            page.raw("</p>")
        }
        func invalid(_ field: String) -> String { errors[field] == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"token-\(field)-error\"" }
        page.raw("<form method=\"post\" action=\"/account/tokens\">")
        page.csrf(session)
        page.raw("<label for=\"token-name\">Name</label><input id=\"token-name\" name=\"name\" type=\"text\" required maxlength=\"100\"\(invalid("name")) value=\"")
        page.text(entered["name"] ?? "")
        page.raw("\">")
        problem("name")
        page.raw("<label for=\"token-scope\">What it may do</label><select id=\"token-scope\" name=\"scope\"\(invalid("scope"))>")
        let scope = entered["scope"].flatMap(APITokenScope.init(rawValue:)) ?? .read
        for option in APITokenScope.allCases { page.option(option.rawValue, Self.scopeWords(option).capitalizedFirst, selected: option == scope) }
        page.raw("</select>")
        problem("scope")
        page.raw("<label for=\"token-days\">Days until it expires (1 to \(TripactStore.apiTokenMaximumDays))</label>")
        page.raw("<input id=\"token-days\" name=\"days\" type=\"number\" min=\"1\" max=\"\(TripactStore.apiTokenMaximumDays)\" required\(invalid("days")) value=\"")
        page.text(entered["days"] ?? String(Self.defaultDays))
        page.raw("\">")
        problem("days")
        page.raw("<p><button type=\"submit\">Make the token</button></p></form>")
    }

    static func scopeWords(_ scope: APITokenScope) -> String {
        switch scope {
        case .read: "read only"
        case .negotiate: "read and negotiate"
        }
    }

    static func day(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle().year().month().day()
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }
}

extension String {
    /// The text with its first letter in capitals: "read only" as an option reads "Read only".
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
