import Foundation
import Hummingbird
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
@testable import TripactWeb

/// The models of the organisation's own pages and the open ones, loaded through their `load` on a real store: what
/// each holds is already in words, and nothing of another organisation is in it.
@Suite struct OwnPagesModelTests {
    private static func session(_ fixture: WebFixture, _ role: Role, _ side: String) throws -> TripactStore.Session {
        try fixture.store.createSession(for: WebFixture.email(role, side), lifetime: 3_600).session
    }

    /// A register change from the processor: Sonora Telecom added, with a notice to the controller.
    private static func addSonora(_ fixture: WebFixture) throws -> Int {
        let entry = Fixtures.registerRecord("sp-sonora", name: "Sonora Telecom", services: ["telephony"], categories: ["user.contact.phone_number"])
        let change = try fixture.store.proposeRegisterChange(
            .addition, entry: entry, replacing: nil, plannedStart: nil, message: "second carrier", by: WebFixture.email(.legal, "processor"),
            library: fixture.configuration.library
        )
        return try #require(change.notices.first).id
    }

    @Test func theRegisterModelsHoldTheCataloguesWordsAndOnlyTheOrganisationsOwnEntries() throws {
        let fixture = try WebFixture()
        _ = try Self.addSonora(fixture)
        let library = fixture.configuration.library
        let legal = try SubprocessorRegisterPage.Model.load(store: fixture.store, library: library, session: try Self.session(fixture, .legal, "processor"))
        let sonora = try #require(legal.active.first { $0.id == "sp-sonora" })
        #expect(sonora.countries == "Ireland" && sonora.transferMechanism == library.mechanismLabel("eea") && sonora.transferMechanism != "eea")
        #expect(sonora.services == library.service("telephony")?.label)
        #expect(legal.changes.count == 1 && legal.changes[0].notices.count == 1 && legal.mayChange)
        #expect(legal.publication == nil, "only admins are offered the public list")
        let admin = try SubprocessorRegisterPage.Model.load(store: fixture.store, library: library, session: try Self.session(fixture, .admin, "processor"))
        guard case .unpublished = admin.publication else { Issue.record("an admin is offered to publish"); return }
        let outsider = try SubprocessorRegisterPage.Model.load(store: fixture.store, library: library, session: try Self.session(fixture, .legal, "outsider"))
        #expect(outsider.active.isEmpty && outsider.changes.isEmpty)
        let viewer = try SubprocessorRegisterPage.Model.load(store: fixture.store, library: library, session: try Self.session(fixture, .viewer, "processor"))
        #expect(!viewer.mayChange)

        #expect(throws: HTTPError.self) { try PublicRegisterPage.Model.load(store: fixture.store, library: library, slug: "atlantis") }
        try fixture.store.publishRegister(slug: "atlantis", by: WebFixture.email(.admin, "processor"))
        let published = try PublicRegisterPage.Model.load(store: fixture.store, library: library, slug: "atlantis")
        #expect(published.organisation == WebFixture.processor && published.entries.contains { $0.name == "Sonora Telecom" && $0.country == "Ireland" })
        #expect(published.changes.first?.details.contains("established in Ireland") == true)
        #expect(!published.changes.contains { $0.details.contains("second carrier") }, "the message to the controllers stays out of the public list")

        let evidence = MeasureEvidence(
            id: "iso", measure: try #require(library.measures.first).key, kind: .certificate, title: "ISO/IEC 27001", issuer: "BSI", issued: CalendarDay(iso: "2025-01-01")!,
            expires: fixture.store.today().adding(days: 10), reference: "IS 1"
        )
        try fixture.store.saveEvidence(evidence, by: WebFixture.email(.legal, "processor"))
        let measures = try MeasureRegisterPage.Model.load(store: fixture.store, library: library, session: try Self.session(fixture, .legal, "processor"))
        let row = try #require(measures.rows.first)
        #expect(row.measure == library.measures.first?.title && row.expiry.hasSuffix("(10 days left)") && row.state == "warning")
        #expect(try MeasureRegisterPage.Model.load(store: fixture.store, library: library, session: try Self.session(fixture, .legal, "controller")).rows.isEmpty)
    }

    @Test func theNoticeModelOffersTheObjectionToTheControllersNegotiatorsOnlyAndHidesTheNoticeFromOutsiders() throws {
        let fixture = try WebFixture()
        let id = try Self.addSonora(fixture)
        let controller = try NoticePage.Model.load(store: fixture.store, session: try Self.session(fixture, .legal, "controller"), id: id)
        guard case .object = controller.response else { Issue.record("the controller's legal user may object"); return }
        #expect(controller.opening.hasPrefix("Notice (objection possible) from \(WebFixture.processor) to \(WebFixture.controller)"))
        #expect(controller.facts.contains { $0.label == "Objections until" })
        #expect(try NoticePage.Model.load(store: fixture.store, session: try Self.session(fixture, .legal, "processor"), id: id).response == nil)
        #expect(try NoticePage.Model.load(store: fixture.store, session: try Self.session(fixture, .viewer, "controller"), id: id).response == nil)
        #expect(throws: StoreError.self) { try NoticePage.Model.load(store: fixture.store, session: try Self.session(fixture, .legal, "outsider"), id: id) }
    }

    @Test func thePlaybookAndApprovalRuleModelsHoldTheOrganisationsOwnPositionsAndColleagues() throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let legal = try Self.session(fixture, .legal, "processor")
        let clause = try #require(library.clauses.first { PlaybookForm.hasVariantChoice($0) })
        let entered = PlaybookPage.Entered(clause: clause.id, values: [:], errors: ["variant-preferred": "x"])
        let playbook = try PlaybookPage.Model.load(store: fixture.store, library: library, session: legal, side: .processor, entered: entered)
        #expect(playbook.enteredFormTitle == clause.title && playbook.editable && playbook.lastChange == nil && playbook.otherSide == .controller)
        #expect(playbook.clauses.contains { $0.id == clause.id })
        #expect(try !PlaybookPage.Model.load(store: fixture.store, library: library, session: try Self.session(fixture, .viewer, "processor"), side: .processor).editable)

        let admin = WebFixture.email(.admin, "processor")
        try fixture.store.requireApproval(.signing, scope: "", approver: WebFixture.email(.legal, "processor"), by: admin)
        let rules = try ApprovalRulesPage.Model.load(store: fixture.store, library: library, session: try Self.session(fixture, .admin, "processor"))
        #expect(rules.rules.map(\.words) == ["Signing for your organisation"] && rules.rules.first?.value == "signing")
        #expect(rules.approvers.contains { $0.email == WebFixture.email(.legal, "processor") })
        #expect(!rules.approvers.contains { $0.email.hasSuffix("@controller.example") || $0.email.hasSuffix("@outsider.example") })
        #expect(rules.scopes.contains { $0.label == "A turn that changes the clause \u{201C}\(clause.title)\u{201D}" })
    }

    @Test func theAccountModelsHoldTheAdminsOwnOrganisationAndTheTokensInWords() throws {
        let fixture = try WebFixture()
        let admin = try Self.session(fixture, .admin, "processor")
        let page = try AdminPage.Model.load(store: fixture.store, session: admin)
        #expect(page.organisation == WebFixture.processor && page.users.allSatisfy { $0.email.hasSuffix("@processor.example") || $0.name.contains(" ") })
        #expect(!page.users.contains { $0.email.hasSuffix("@outsider.example") } && page.removed == nil)
        _ = try fixture.store.invite(email: "dpo@new.example", into: "New Client SA", role: .admin, by: admin.user.email, lifetime: InvitationController.lifetime)
        let invitations = try InvitationsPage.Model.load(store: fixture.store, session: admin)
        #expect(invitations.sent.map(\.email) == ["dpo@new.example"] && invitations.sent[0].state.hasPrefix("waiting, until "))
        #expect(invitations.values["role"] == "admin")

        let legal = try Self.session(fixture, .legal, "processor")
        let made = try fixture.store.createAPIToken(for: legal.user.email, name: "ticketing", scope: .read, days: 30, actor: legal.user.email)
        let tokens = try APITokensPage.Model.load(store: fixture.store, session: legal, now: fixture.clock.now, created: made)
        #expect(tokens.tokens.map(\.scope) == ["read only"] && tokens.tokens.first?.lastUsed == "never")
        guard case .usable = tokens.tokens.first?.state else { Issue.record("a fresh token may be revoked"); return }
        #expect(tokens.created?.summary.hasPrefix("“ticketing”, read only, expires on ") == true)
        #expect(try APITokensPage.Model.load(store: fixture.store, session: admin, now: fixture.clock.now).tokens.isEmpty)
        fixture.clock.advance(31 * 86_400)
        guard case .expired = try APITokensPage.Model.load(store: fixture.store, session: legal, now: fixture.clock.now).tokens.first?.state else {
            Issue.record("a token past its days is expired")
            return
        }
    }

    @Test func theOneTimeLinkModelsNameTheInvitationAndRefuseAnUnknownLink() throws {
        let fixture = try WebFixture()
        let admin = WebFixture.email(.admin, "processor")
        let (token, _) = try fixture.store.invite(email: "new@processor.example", into: WebFixture.processor, role: .legal, by: admin, lifetime: 3_600)
        let join = try JoinPage.Model.load(store: fixture.store, token: token)
        #expect(join.organisation == WebFixture.processor && join.email == "new@processor.example" && join.role == "legal")
        #expect(join.invitedBy.contains("admin of processor") || join.invitedBy == admin)
        #expect(throws: StoreError.self) { try JoinPage.Model.load(store: fixture.store, token: String(repeating: "0", count: 64)) }
        #expect(throws: StoreError.self) { try SetupPage.Model.load(store: fixture.store, token: token) }
        #expect(throws: StoreError.self) { try SignatoryPage.Model.load(store: fixture.store, token: token) }
    }
}
