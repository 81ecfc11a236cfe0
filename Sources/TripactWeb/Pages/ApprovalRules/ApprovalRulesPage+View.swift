import TripactCore
import TripactStore

extension ApprovalRulesPage {
    /// Writes the approval rules page from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: "Approval rules")
            page.raw("<p><a href=\"\(SiteRoute.approvals.link())\">Back to approvals</a> · <a href=\"\(SiteRoute.admin.link())\">Administration</a></p>")
            page.raw("<p>Before your organisation sends a turn or signs, the colleague a rule names approves it. Only your organisation sees these rules.</p>")
            page.raw("<h2>Rules now</h2>")
            if let error = model.dropError { page.raw("<p class=\"error\" role=\"alert\">"); page.text(error); page.raw("</p>") }
            if model.rules.isEmpty {
                page.raw("<p>No approval is required.</p>")
            } else {
                page.raw("<ul class=\"rules\">")
                for (index, rule) in model.rules.enumerated() {
                    page.raw("<li><span id=\"rule-\(index)\">")
                    page.text("\(rule.words): approved by \(rule.approverName) (\(rule.approverEmail))")
                    page.raw("</span><form method=\"post\" action=\"\(SiteRoute.approvalRuleDrop.link())\" class=\"actions\">")
                    page.csrf(session)
                    page.raw("<input type=\"hidden\" name=\"scope\" value=\"")
                    page.text(rule.value)
                    page.raw("\"><button type=\"submit\" aria-describedby=\"rule-\(index)\">Drop this rule</button></form></li>")
                }
                page.raw("</ul>")
            }
            writeAddForm(&page, session: session)
            return page
        }

        private func writeAddForm(_ page: inout Page, session: TripactStore.Session) {
            let errors = model.errors
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
            page.raw("<form method=\"post\" action=\"\(SiteRoute.approvalRules.link())\">")
            page.csrf(session)
            page.raw("<label for=\"rule-scope\">What needs approval</label><select id=\"rule-scope\" name=\"scope\"")
            page.raw(errors["scope"] != nil ? " aria-invalid=\"true\" aria-describedby=\"rule-scope-error\">" : ">")
            let scope = model.values["scope"] ?? ""
            page.option("", "Choose…", selected: scope.isEmpty)
            for choice in model.scopes { page.option(choice.value, choice.label, selected: choice.value == model.values["scope"]) }
            page.raw("</select>")
            ClauseController.error(&page, errors["scope"], id: "rule-scope-error")
            page.raw("<label for=\"rule-approver\">Who approves</label><select id=\"rule-approver\" name=\"approver\"")
            page.raw(errors["approver"] != nil ? " aria-invalid=\"true\" aria-describedby=\"rule-approver-error\">" : ">")
            let typed = model.values["approver"] ?? ""
            page.option("", "Choose a colleague…", selected: typed.isEmpty)
            // What was sent is kept even when it is no colleague's address, so the error stands beside it.
            if !typed.isEmpty, !model.approvers.contains(where: { $0.email.lowercased() == typed.lowercased() }) { page.option(typed, typed, selected: true) }
            for approver in model.approvers { page.option(approver.email, approver.label, selected: approver.email.lowercased() == typed.lowercased()) }
            page.raw("</select>")
            ClauseController.error(&page, errors["approver"], id: "rule-approver-error")
            page.raw("<p><button type=\"submit\">Add the rule</button></p></form>")
        }
    }
}
