import Foundation
import TripactCore

/// Form controls shared by the forms: catalogue checkboxes and selects, each with its message.
enum Pickers {
    static func checkboxes(_ page: inout Page, name: String, legend: String, options: [(key: String, label: String)], selected: Set<String>, error: String?) {
        page.raw("<fieldset class=\"picker\" id=\"\(name)\"><legend>")
        page.text(legend)
        page.raw("</legend>")
        for option in options {
            choice(&page, id: "\(name)-\(option.key)", name: "\(name)[]", value: option.key, checked: selected.contains(option.key), label: option.label)
        }
        if let error { page.raw("<p class=\"error\" id=\"\(name)-error\">"); page.text(error); page.raw("</p>") }
        page.raw("</fieldset>")
    }

    /// One checkbox and its label in one row (`.choice` in the page's styles): the box sits on its label's line, directly
    /// before it, so nobody reads the box of the line above as the one ticked.
    static func choice(_ page: inout Page, id: String, name: String, value: String, checked: Bool, label: String, type: String = "checkbox") {
        page.raw("<div class=\"choice\"><input type=\"\(type)\" id=\"")
        page.text(id)
        page.raw("\" name=\"")
        page.text(name)
        page.raw("\" value=\"")
        page.text(value)
        page.raw(checked ? "\" checked> <label class=\"inline\" for=\"" : "\"> <label class=\"inline\" for=\"")
        page.text(id)
        page.raw("\">")
        page.text(label)
        page.raw("</label></div>")
    }

    static func select(_ page: inout Page, name: String, label: String, options: [(key: String, label: String)], selected: String, error: String?) {
        page.raw("<label for=\"\(name)\">")
        page.text(label)
        page.raw("</label><select id=\"\(name)\" name=\"\(name)\"")
        page.invalid(error != nil, describedBy: "\(name)-error")
        page.raw("><option value=\"\">—</option>")
        for option in options {
            page.option(option.key, option.label, selected: option.key == selected)
        }
        page.raw("</select>")
        if let error { page.raw("<p class=\"error\" id=\"\(name)-error\">"); page.text(error); page.raw("</p>") }
    }
}

extension Optional where Wrapped == String {
    /// The value without surrounding white space; nil stays nil.
    var trimmed: String? { self?.trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension [FieldProblem] {
    /// One message per form field, the first for each: `services[2]` and `services[0]` both go to `services`.
    func messagesByField() -> [String: String] {
        var messages: [String: String] = [:]
        for problem in self {
            let field = String(problem.field.prefix { $0 != "[" && $0 != "." })
            if messages[field] == nil { messages[field] = problem.message }
        }
        return messages
    }
}
