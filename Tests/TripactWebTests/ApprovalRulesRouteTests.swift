import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Approval rules on the web (`/approvals/rules`): an admin reads the rules in words, adds one by labels and drops it,
/// audited as the CLI's changes are; every other user gets 403 and no form; bad input names its field and keeps it.
@Suite struct ApprovalRulesRouteTests {
    @Test func anAdminAddsARuleByItsLabelsReadsItInWordsAndDropsIt() async throws {
        let fixture = try WebFixture()
        let admin = WebFixture.email(.admin, "controller")
        let dpo = WebFixture.email(.legal, "controller")
        let (cookie, csrf) = try fixture.session(.admin, "controller")
        try await fixture.application.test(.router) { client in
            #expect(try await client.get("/admin", cookie: cookie).text.contains("href=\"/approvals/rules\""))
            #expect(try await client.get("/approvals", cookie: cookie).text.contains("href=\"/approvals/rules\""))
            let empty = try await client.get("/approvals/rules", cookie: cookie).text
            #expect(empty.contains("No approval is required.") && empty.contains("A turn that changes Annex III — security measures"))
            #expect(empty.contains("legal of controller (legal@controller.example)"), "the approver is chosen among the organisation's users")
            #expect(!empty.contains("legal@processor.example"), "never among the other side's")
            #expect(!empty.contains(">measure<") && !empty.contains(">turn:measure<"), "labels, not keys")

            let added = try await client.post("/approvals/rules", form: [("_csrf", csrf), ("scope", "turn:measure"), ("approver", dpo)], cookie: cookie)
            #expect(added.status == .seeOther)
            let signing = try await client.post("/approvals/rules", form: [("_csrf", csrf), ("scope", "signing"), ("approver", admin)], cookie: cookie)
            #expect(signing.status == .seeOther)
            #expect(try fixture.store.approvalRules(of: admin).map(\.scope).sorted() == ["", "measure"])
            let listed = try await client.get("/approvals/rules", cookie: cookie).text
            #expect(listed.contains("Sending a turn that changes Annex III — security measures: approved by legal of controller (legal@controller.example)"))
            #expect(listed.contains("Signing for your organisation: approved by admin of controller"))
            let approvals = try await client.get("/approvals", cookie: cookie).text
            #expect(approvals.contains("Sending a turn that changes Annex III — security measures: approved by legal of controller"))

            let dropped = try await client.post("/approvals/rules/drop", form: [("_csrf", csrf), ("scope", "turn:measure")], cookie: cookie)
            #expect(dropped.status == .seeOther)
            #expect(try fixture.store.approvalRules(of: admin).map(\.kind) == [.signing])
            let again = try await client.post("/approvals/rules/drop", form: [("_csrf", csrf), ("scope", "turn:measure")], cookie: cookie)
            #expect(again.status == .unprocessableContent && again.text.contains("not in force any more"))
        }
        // The same audit lines as the CLI's: organisation-wide, naming no agreement.
        let lines = try fixture.store.auditEvents().filter { $0.action.hasPrefix("approval.rule") }
        #expect(lines.map(\.action) == ["approval.rule", "approval.rule", "approval.rule-drop"])
        #expect(lines.allSatisfy { $0.actor == admin && $0.agreement == nil })
        #expect(try fixture.store.auditEvents(agreement: fixture.reference).allSatisfy { !$0.action.hasPrefix("approval.") })
    }

    @Test func errorsNameTheFieldKeepWhatWasChosenAndAddNothing() async throws {
        let fixture = try WebFixture()
        let admin = WebFixture.email(.admin, "controller")
        let (cookie, csrf) = try fixture.session(.admin, "controller")
        try await fixture.application.test(.router) { client in
            let noScope = try await client.post("/approvals/rules", form: [("_csrf", csrf), ("scope", ""), ("approver", WebFixture.email(.legal, "controller"))], cookie: cookie)
            #expect(noScope.status == .unprocessableContent)
            #expect(noScope.text.contains("What needs approval: choose a turn, a part of the agreement or signing"))
            #expect(noScope.text.contains("id=\"rule-scope\" name=\"scope\" aria-invalid=\"true\""))
            #expect(noScope.text.contains("<option value=\"legal@controller.example\" selected>"), "the approver chosen is kept")

            // Someone of the other side is no approver; the address typed stays, beside its error.
            let outsider = WebFixture.email(.legal, "processor")
            let unknown = try await client.post("/approvals/rules", form: [("_csrf", csrf), ("scope", "turn:annex3"), ("approver", outsider)], cookie: cookie)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("Who approves: &#39;legal@processor.example&#39; is not a user of your organisation"))
            #expect(unknown.text.contains("id=\"rule-approver\" name=\"approver\" aria-invalid=\"true\""))
            #expect(unknown.text.contains("<option value=\"turn:annex3\" selected>"), "what needs approval is kept")
            let hostile = try await client.post("/approvals/rules", form: [("_csrf", csrf), ("scope", "turn:<b>x"), ("approver", "<script>")], cookie: cookie)
            #expect(hostile.status == .unprocessableContent && !hostile.text.contains("<script>"))
        }
        #expect(try fixture.store.approvalRules(of: admin).isEmpty)
        #expect(try fixture.store.auditEvents().allSatisfy { !$0.action.hasPrefix("approval.") })
    }

    @Test func onlyAdminsReachThePageOrItsFormsAndTheTokenIsRequired() async throws {
        let fixture = try WebFixture()
        let admin = WebFixture.email(.admin, "controller")
        try fixture.store.requireApproval(.signing, approver: admin, by: admin)
        let (adminCookie, _) = try fixture.session(.admin, "controller")
        try await fixture.application.test(.router) { client in
            for role in [Role.legal, .viewer] {
                let (cookie, csrf) = try fixture.session(role, "controller")
                let page = try await client.get("/approvals/rules", cookie: cookie)
                #expect(page.status == .forbidden && !page.text.contains("name=\"approver\""), "\(role)")
                let approvals = try await client.get("/approvals", cookie: cookie).text
                #expect(!approvals.contains("href=\"/approvals/rules\"") && approvals.contains("Your organisation's admins set these rules."))
                let add = try await client.post("/approvals/rules", form: [("_csrf", csrf), ("scope", "turn"), ("approver", admin)], cookie: cookie)
                #expect(add.status == .forbidden, "\(role)")
                let drop = try await client.post("/approvals/rules/drop", form: [("_csrf", csrf), ("scope", "signing")], cookie: cookie)
                #expect(drop.status == .forbidden, "\(role)")
            }
            #expect(try await client.post("/approvals/rules", form: [("scope", "turn"), ("approver", admin)], cookie: adminCookie).status == .forbidden)
            #expect(try await client.post("/approvals/rules/drop", form: [("scope", "signing")], cookie: adminCookie).status == .forbidden)
            // The other side's admin sees only their own organisation's rules: none.
            let (otherCookie, _) = try fixture.session(.admin, "processor")
            let theirs = try await client.get("/approvals/rules", cookie: otherCookie).text
            #expect(theirs.contains("No approval is required.") && !theirs.contains("admin of controller"))
        }
        #expect(try fixture.store.approvalRules(of: admin).map(\.kind) == [.signing])
    }
}
