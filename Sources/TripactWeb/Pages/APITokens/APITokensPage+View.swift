import TripactCore
import TripactStore

extension APITokensPage {
    /// Writes the API token page from its model.
    struct View {
        let model: Model

        private static let fieldLabels = ["name": "Name", "scope": "What it may do", "days": "Days until it expires"]

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: "Your API tokens")
            page.raw("<p>A personal API token lets a program (the <code>tripact</code> command line on your computer, a ticketing tool) use the Tripact API at <code>/api/v1</code> as you. It sees your organisation's agreements and does no more than your role allows. Anyone holding it can act as you: keep it secret, and revoke it when it is no longer needed.</p>")
            if let created = model.created {
                page.raw("<section class=\"needs-you\" role=\"status\"><h2>Your new token</h2><p>Copy it now: it is shown only this once and Tripact keeps no copy of it.</p>")
                page.raw("<input id=\"new-token\" type=\"text\" readonly data-copy=\"Copy the token\" size=\"80\" aria-label=\"Your new API token\" value=\"")
                page.text(created.token)
                page.raw("\">")
                page.raw(CopyButton.element)
                page.raw("<p>")
                page.text(created.summary)
                page.raw("</p></section>")
            }
            writeList(into: &page, session: session)
            writeForm(into: &page, session: session)
            return page
        }

        private func writeList(into page: inout Page, session: TripactStore.Session) {
            page.raw("<h2>Your tokens</h2>")
            guard !model.tokens.isEmpty else {
                page.raw("<p>You have no API tokens.</p>")
                return
            }
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">May</th><th scope=\"col\">Made</th><th scope=\"col\">Expires</th><th scope=\"col\">Last used</th><th scope=\"col\">State</th></tr></thead><tbody>")
            for token in model.tokens {
                page.raw("<tr>")
                page.cells(token.name, token.scope, token.made, token.expires, token.lastUsed)
                page.raw("<td>")
                switch token.state {
                case .revoked: page.raw("revoked")
                case .expired: page.raw("expired")
                case .usable:
                    page.raw("<form class=\"inline\" method=\"post\" action=\"\(SiteRoute.apiTokenRevoke.link(String(token.id)))\">")
                    page.csrf(session)
                    page.raw("<button type=\"submit\" aria-label=\"Revoke the token ")
                    page.text(token.name)
                    page.raw("\">Revoke</button></form>")
                }
                page.raw("</td></tr>")
            }
            page.raw("</tbody></table></div>")
        }

        private func writeForm(into page: inout Page, session: TripactStore.Session) {
            let errors = model.errors
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
            func invalid(_ field: String) {
                if errors[field] != nil { page.raw(" aria-invalid=\"true\" aria-describedby=\"token-\(field)-error\"") }
            }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.apiTokens.link())\">")
            page.csrf(session)
            page.raw("<label for=\"token-name\">Name</label><input id=\"token-name\" name=\"name\" type=\"text\" required maxlength=\"100\"")
            invalid("name")
            page.raw(" value=\"")
            page.text(model.entered["name"] ?? "")
            page.raw("\">")
            problem("name")
            page.raw("<label for=\"token-scope\">What it may do</label><select id=\"token-scope\" name=\"scope\"")
            invalid("scope")
            page.raw(">")
            let scope = model.entered["scope"].flatMap(APITokenScope.init(rawValue:)) ?? .read
            for option in APITokenScope.allCases {
                let words = Model.scopeWords(option)
                page.option(option.rawValue, words.prefix(1).uppercased() + words.dropFirst(), selected: option == scope)
            }
            page.raw("</select>")
            problem("scope")
            page.raw("<label for=\"token-days\">Days until it expires (1 to \(TripactStore.apiTokenMaximumDays))</label>")
            page.raw("<input id=\"token-days\" name=\"days\" type=\"number\" min=\"1\" max=\"\(TripactStore.apiTokenMaximumDays)\" required")
            invalid("days")
            page.raw(" value=\"")
            page.text(model.entered["days"] ?? String(APITokenController.defaultDays))
            page.raw("\">")
            problem("days")
            page.raw("<p><button type=\"submit\">Make the token</button></p></form>")
        }
    }
}
