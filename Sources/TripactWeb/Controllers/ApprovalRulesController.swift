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

    struct RuleForm: Decodable {
        let _csrf: String?
        /// `signing`, `turn` or `turn:SCOPE` (`ApprovalScopes.Choice.value`).
        let scope: String?
        let approver: String?
    }

    func register(on router: Routes) {
        router.get(.approvalRules) { _, _, session in try show(session: try admin(session), status: .ok) }
        router.post(.approvalRules) { request, context, session in try await add(request: request, context: context, session: try admin(session)) }
        router.post(.approvalRuleDrop) { request, context, session in try await drop(request: request, context: context, session: try admin(session)) }
    }

    /// Other users are refused with 403 and offered no form.
    private func admin(_ session: TripactStore.Session) throws -> TripactStore.Session {
        guard session.user.role == .admin, session.user.signingOnly == nil else {
            throw StoreError.notPermitted("only your organisation's admins set approval rules; the rules are listed on your approvals page")
        }
        return session
    }

    private func show(session: TripactStore.Session, values: [String: String] = [:], errors: [String: String] = [:], status: HTTPResponse.Status) throws -> Response {
        let model = try ApprovalRulesPage.Model.load(store: store, library: configuration.library, session: session, values: values, errors: errors)
        return ApprovalRulesPage.View(model: model).page(session: session).response(status: status, session: session)
    }

    private func add(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(RuleForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let values = ["scope": form.scope ?? "", "approver": (form.approver ?? "").trimmingCharacters(in: .whitespaces)]
        var errors: [String: String] = [:]
        let choice = ApprovalScopes.choice(values["scope"] ?? "", library: configuration.library)
        if choice == nil { errors["scope"] = "What needs approval: choose a turn, a part of the agreement or signing" }
        if (values["approver"] ?? "").isEmpty { errors["approver"] = "Who approves: choose a colleague" }
        guard let choice, errors.isEmpty else { return try show(session: session, values: values, errors: errors, status: .unprocessableContent) }
        do {
            try store.requireApproval(choice.kind, scope: choice.scope, approver: values["approver"] ?? "", by: session.user.email)
        } catch {
            guard case .invalidFields(let problems) = error else { throw error }
            for problem in problems {
                errors[problem.field] = problem.field == "approver" ? "Who approves: \(problem.message)" : "What needs approval: \(problem.message)"
            }
            return try show(session: session, values: values, errors: errors, status: .unprocessableContent)
        }
        return .redirect(to: SiteRoute.approvalRules.link(), type: .normal)
    }

    private func drop(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(RuleForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let value = form.scope ?? ""
        guard let rule = try store.approvalRules(of: session.user.email).first(where: { ApprovalScopes.Choice.value($0.kind, $0.scope) == value }) else {
            return try show(session: session, values: [:], errors: ["drop": "That rule is not in force any more; nothing was dropped."], status: .unprocessableContent)
        }
        try store.dropApprovalRule(rule.kind, scope: rule.scope, by: session.user.email)
        return .redirect(to: SiteRoute.approvalRules.link(), type: .normal)
    }
}
