import Foundation
import TripactCore

/// The pre-login account forms behind one-time links (the first run's setup, an invitation): labelled fields, the
/// values kept after a refusal (never the passwords), each problem at its field and summarised at the top with links.
struct AccountForm {
    struct Field {
        let name: String
        let label: String
        let type: String
        let autocomplete: String
        var maxLength = 254
    }

    let action: String
    let fields: [Field]
    let button: String

    /// Writes the form; `csrf` is the pre-login double-submit token, also set as a cookie.
    func write(into page: inout Page, csrf: String, values: [String: String], errors: [String: String]) {
        if !errors.isEmpty {
            page.raw("<div class=\"error\" role=\"alert\"><p>The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nothing was saved.</p><ul>")
            for field in fields {
                guard let error = errors[field.name] else { continue }
                page.raw("<li><a href=\"#account-\(field.name)\">")
                page.text("\(field.label): \(error)")
                page.raw("</a></li>")
            }
            page.raw("</ul></div>")
        }
        page.raw("<form method=\"post\" action=\"")
        page.text(action)
        page.raw("\"><input type=\"hidden\" name=\"_csrf\" value=\"")
        page.text(csrf)
        page.raw("\">")
        for field in fields {
            let invalid = errors[field.name] != nil
            page.raw("<label for=\"account-\(field.name)\">")
            page.text(field.label)
            page.raw("</label><input id=\"account-\(field.name)\" name=\"\(field.name)\" type=\"\(field.type)\" autocomplete=\"\(field.autocomplete)\" required")
            page.raw(" maxlength=\"\(field.maxLength)\"")
            if invalid { page.raw(" aria-invalid=\"true\" aria-describedby=\"account-\(field.name)-error\"") }
            if field.type != "password" {
                page.raw(" value=\"")
                page.text(values[field.name] ?? "")
                page.raw("\"")
            }
            page.raw(">")
            if let error = errors[field.name] {
                page.raw("<p class=\"error\" id=\"account-\(field.name)-error\">")
                page.text(error)
                page.raw("</p>")
            }
        }
        page.raw("<p><button type=\"submit\">")
        page.text(button)
        page.raw("</button></p></form>")
    }

    /// The two password fields every account form ends with, and the policy in words beside them.
    static let passwordFields = [
        Field(
            name: "password", label: "Password (\(PasswordPolicy.minimumCharacters) characters or more, at most \(PasswordPolicy.maximumBytes) bytes)",
            type: "password", autocomplete: "new-password", maxLength: 200
        ),
        Field(name: "passwordAgain", label: "The same password again", type: "password", autocomplete: "new-password", maxLength: 200),
    ]

    /// Problems with a name and a password typed twice, keyed by field.
    static func problems(name: String, password: String, passwordAgain: String) -> [String: String] {
        var errors: [String: String] = [:]
        if name.isEmpty || TextLimit.exceeds(name, 200) { errors["name"] = "enter your full name (at most 200 characters)" }
        if let problem = PasswordPolicy.problem(password, repeated: passwordAgain) { errors[problem.field] = problem.message }
        return errors
    }

    /// A moment as lawyers read it: "30 November 2026, 05:04 UTC".
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let month = months[max(0, min(11, (parts.month ?? 1) - 1))]
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 0), \(String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)) UTC"
    }
}
