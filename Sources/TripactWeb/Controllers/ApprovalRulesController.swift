import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The organisation's approval rules on the web (`/approvals/rules`), for its admins only: the rules in words, a form
/// that adds one (what needs approval, chosen by its label; who approves, chosen among the organisation's users) and a
/// button per rule that drops it. The same store calls as `tripact approval require|drop`, so the same audit lines.
struct ApprovalRulesController {
    let store: TripactStore
    let configuration: WebConfiguration
    static let path = "/approvals/rules"

    struct RuleForm: Decodable {
        let _csrf: String?
        /// `signing`, `turn` or `turn:SCOPE` (`ApprovalScopes.Choice.value`).
        let scope: String?
        let approver: String?
    }

    func register(on router: Routes) {
        router.get("approvals/rules") { _, context in try show(context: context, values: [:], errors: [:], status: .ok) }
        router.post("approvals/rules") { request, context in try await add(request: request, context: context) }
        router.post("approvals/rules/drop") { request, context in try await drop(request: request, context: context) }
    }

    /// Other users are refused with 403 and offered no form.
    private func admin(_ context: TripactRequestContext) throws -> TripactStore.Session? {
        guard let session = context.session else { return nil }
        guard session.user.role == .admin, session.user.signingOnly == nil else {
            throw StoreError.notPermitted("only your organisation's admins set approval rules; the rules are listed on your approvals page")
        }
        return session
    }

    private func show(context: TripactRequestContext, values: [String: String], errors: [String: String], status: HTTPResponse.Status) throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let library = configuration.library
        let rules = try store.approvalRules(of: session.user.email)
        var page = Page(title: "Approval rules")
        page.raw("<p><a href=\"/approvals\">Back to approvals</a> · <a href=\"/admin\">Administration</a></p>")
        page.raw("<p>Before your organisation sends a turn or signs, the colleague a rule names approves it. Only your organisation sees these rules.</p>")
        page.raw("<h2>Rules now</h2>")
        if let error = errors["drop"] { page.raw("<p class=\"error\" role=\"alert\">"); page.text(error); page.raw("</p>") }
        if rules.isEmpty { page.raw("<p>No approval is required.</p>") }
        if !rules.isEmpty {
            page.raw("<ul class=\"rules\">")
            for (index, rule) in rules.enumerated() {
                let words = ApprovalScopes.describe(rule.kind, rule.scope, library: library)
                page.raw("<li><span id=\"rule-\(index)\">")
                page.text("\(words): approved by \(rule.approverName) (\(rule.approverEmail))")
                page.raw("</span><form method=\"post\" action=\"\(Self.path)/drop\" class=\"actions\">")
                page.csrf(session)
                page.raw("<input type=\"hidden\" name=\"scope\" value=\"")
                page.text(ApprovalScopes.Choice.value(rule.kind, rule.scope))
                page.raw("\"><button type=\"submit\" aria-describedby=\"rule-\(index)\">Drop this rule</button></form></li>")
            }
            page.raw("</ul>")
        }
        writeAddForm(&page, session: session, values: values, errors: errors.filter { $0.key != "drop" })
        return page.response(status: status, session: session)
    }

    private func writeAddForm(_ page: inout Page, session: TripactStore.Session, values: [String: String], errors: [String: String]) {
        page.raw("<h2>Add a rule</h2>")
        if !errors.isEmpty {
            page.raw("<div class=\"error\" role=\"alert\"><p>The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); no rule was added.</p><ul>")
            for field in ["scope", "approver"] where errors[field] != nil {
                page.raw("<li><a href=\"#rule-\(field)\">")
                page.text(errors[field] ?? "")
                page.raw("</a></li>")
            }
            page.raw("</ul></div>")
        }
        page.raw("<p class=\"hint\">A rule for the same thing replaces the one before it.</p>")
        page.raw("<form method=\"post\" action=\"\(Self.path)\">")
        page.csrf(session)
        page.raw("<label for=\"rule-scope\">What needs approval</label><select id=\"rule-scope\" name=\"scope\"")
        page.raw(errors["scope"] != nil ? " aria-invalid=\"true\" aria-describedby=\"rule-scope-error\">" : ">")
        page.option("", "Choose…", selected: (values["scope"] ?? "").isEmpty)
        for choice in ApprovalScopes.choices(library: configuration.library) { page.option(choice.value, choice.label, selected: choice.value == values["scope"]) }
        page.raw("</select>")
        ClauseController.error(&page, errors["scope"], id: "rule-scope-error")
        page.raw("<label for=\"rule-approver\">Who approves</label><select id=\"rule-approver\" name=\"approver\"")
        page.raw(errors["approver"] != nil ? " aria-invalid=\"true\" aria-describedby=\"rule-approver-error\">" : ">")
        page.option("", "Choose a colleague…", selected: (values["approver"] ?? "").isEmpty)
        let typed = values["approver"] ?? ""
        let colleagues = approvers(of: session)
        // What was sent is kept even when it is no colleague's address, so the error stands beside it.
        if !typed.isEmpty, !colleagues.contains(where: { $0.email.lowercased() == typed.lowercased() }) { page.option(typed, typed, selected: true) }
        for user in colleagues { page.option(user.email, "\(user.name) (\(user.email)), \(user.role.rawValue)", selected: user.email.lowercased() == typed.lowercased()) }
        page.raw("</select>")
        ClauseController.error(&page, errors["approver"], id: "rule-approver-error")
        page.raw("<p><button type=\"submit\">Add the rule</button></p></form>")
    }

    /// The organisation's users who may approve: everyone but the accounts limited to signing one agreement.
    private func approvers(of session: TripactStore.Session) -> [User] {
        let organisation = (try? store.organisations())?.first { $0.id == session.user.organisationID }?.name ?? ""
        return ((try? store.users(in: organisation)) ?? []).filter { (try? store.user(email: $0.email))?.signingOnly == nil }
    }

    private func add(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(RuleForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let values = ["scope": form.scope ?? "", "approver": (form.approver ?? "").trimmingCharacters(in: .whitespaces)]
        var errors: [String: String] = [:]
        let choice = ApprovalScopes.choice(values["scope"] ?? "", library: configuration.library)
        if choice == nil { errors["scope"] = "What needs approval: choose a turn, a part of the agreement or signing" }
        if (values["approver"] ?? "").isEmpty { errors["approver"] = "Who approves: choose a colleague" }
        guard let choice, errors.isEmpty else { return try show(context: context, values: values, errors: errors, status: .unprocessableContent) }
        do {
            try store.requireApproval(choice.kind, scope: choice.scope, approver: values["approver"] ?? "", by: session.user.email)
        } catch {
            guard case .invalidFields(let problems) = error else { throw error }
            for problem in problems {
                errors[problem.field] = problem.field == "approver" ? "Who approves: \(problem.message)" : "What needs approval: \(problem.message)"
            }
            return try show(context: context, values: values, errors: errors, status: .unprocessableContent)
        }
        return .redirect(to: Self.path, type: .normal)
    }

    private func drop(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(RuleForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let value = form.scope ?? ""
        guard let rule = try store.approvalRules(of: session.user.email).first(where: { ApprovalScopes.Choice.value($0.kind, $0.scope) == value }) else {
            return try show(context: context, values: [:], errors: ["drop": "That rule is not in force any more; nothing was dropped."], status: .unprocessableContent)
        }
        try store.dropApprovalRule(rule.kind, scope: rule.scope, by: session.user.email)
        return .redirect(to: Self.path, type: .normal)
    }
}
