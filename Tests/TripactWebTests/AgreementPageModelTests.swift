import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
@testable import TripactWeb

/// The agreement's pages as models (`Pages/`): each loaded through its `load` on a real store, holding the reader's
/// side's view in words and never what belongs to the other side (its internal comments, its draft, its playbook).
@Suite struct AgreementPageModelTests {
    private func session(_ fixture: WebFixture, _ email: String) throws -> TripactStore.Session {
        try fixture.store.createSession(for: email, lifetime: fixture.configuration.sessionLifetime).1
    }

    private func session(_ fixture: WebFixture, _ role: Role, _ side: String) throws -> TripactStore.Session {
        try session(fixture, WebFixture.email(role, side))
    }

    @Test func dashboardNamesEachAgreementByItsPrintedTitleAndCountsWhatAwaitsTheReadersSide() throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let summary = try fixture.store.agreement(fixture.reference)
        let controller = try DashboardPage.Model.load(store: fixture.store, library: library, session: session(fixture, .legal, "controller"))
        let row = try #require(controller.agreements.first)
        #expect(row.reference == fixture.reference)
        #expect(row.title == AgreementFacts.printedTitle(of: try fixture.store.version(fixture.reference).document))
        #expect(row.awaiting == (summary.openForController == 1 ? "1 item" : "\(summary.openForController) items"))
        #expect(controller.mayStartAgreement)
        let processor = try DashboardPage.Model.load(store: fixture.store, library: library, session: session(fixture, .legal, "processor"))
        #expect(processor.agreements.first?.awaiting == (summary.openForProcessor == 1 ? "1 item" : "\(summary.openForProcessor) items"))
        #expect(summary.openForController != summary.openForProcessor, "the fixture tells the sides apart")
        #expect(try !DashboardPage.Model.load(store: fixture.store, library: library, session: session(fixture, .viewer, "controller")).mayStartAgreement)
        #expect(try DashboardPage.Model.load(store: fixture.store, library: library, session: session(fixture, .legal, "outsider")).agreements.isEmpty)
    }

    @Test func agreementPageIsTheReadersSideWithWhatAwaitsItAndWhatItMayDo() throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let summary = try fixture.store.agreement(fixture.reference)
        func load(_ role: Role, _ side: String, _ party: PartyRole) throws -> AgreementPage.Model {
            try AgreementPage.Model.load(
                store: fixture.store, library: library, findingsCache: ResultCache(capacity: 4), reference: fixture.reference, party: party,
                session: session(fixture, role, side), reviewed: nil, draft: nil
            )
        }
        let controller = try load(.legal, "controller", .controller)
        #expect(controller.party == .controller)
        #expect(controller.title == AgreementFacts.printedTitle(of: try fixture.store.version(fixture.reference).document))
        #expect(controller.needs.awaiting.count == summary.openForController)
        #expect(controller.mayNegotiate && controller.editVerb == "Edit" && !controller.selectionGroups.isEmpty)
        #expect(controller.log.map(\.number) == [1])
        #expect(controller.findings.allSatisfy { $0.href.hasPrefix(SiteRoute.agreement.link(fixture.reference)) })
        let processor = try load(.legal, "processor", .processor)
        #expect(processor.needs.awaiting.count == summary.openForProcessor)
        let viewer = try load(.viewer, "controller", .controller)
        #expect(!viewer.mayNegotiate && viewer.editVerb == "Read" && viewer.missingClauses.isEmpty && !viewer.offersSigning)
    }

    @Test func itemPageHoldsOnlyTheCommentsTheReadersOrganisationMayRead() throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        let key = try #require(try fixture.store.itemStates(reference).first { $0.key.kind == "measure" }?.key)
        try fixture.store.comment(on: reference, item: key, body: "Our own limit is 48 hours", by: WebFixture.email(.legal, "controller"), isInternal: true)
        try fixture.store.comment(on: reference, item: key, body: "Please confirm the audit cycle", by: WebFixture.email(.legal, "controller"))
        let processor = try ItemPage.Model.load(store: fixture.store, session: session(fixture, .legal, "processor"), reference: reference, party: .processor, key: key)
        #expect(processor.negotiation.comments.map(\.body) == ["Please confirm the audit cycle"])
        #expect(processor.editor?.label == "Edit Annex III (measures)" && processor.editor?.href == SiteRoute.measures.link(reference))
        #expect(processor.content?.contains("\"id\"") == true && processor.head == 1)
        let controller = try ItemPage.Model.load(store: fixture.store, session: session(fixture, .viewer, "controller"), reference: reference, party: .controller, key: key)
        #expect(Set(controller.negotiation.comments.map(\.body)) == ["Our own limit is 48 hours", "Please confirm the audit cycle"])
        #expect(controller.editor?.label == "Read Annex III (measures)")
    }

    @Test func clausePageCarriesTheReadersOwnPlaybookNeverTheOtherSides() throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let reference = fixture.reference
        let document = try fixture.store.version(reference).document
        let controllerPlaybook = try fixture.store.playbook(organisationID: session(fixture, .legal, "controller").user.organisationID, side: .controller, library: library)
        let processorPlaybook = try fixture.store.playbook(organisationID: session(fixture, .legal, "processor").user.organisationID, side: .processor, library: library)
        // A clause of the agreement on which the two sides' playbooks say different things.
        let clause = try #require(
            document.clauses.compactMap { library.clause($0.clause) }.first { clause in
                let own = processorPlaybook.variantPositions(clause.id).map { Playbook.sentence($0, of: clause) }
                return own != nil && own != controllerPlaybook.variantPositions(clause.id).map { Playbook.sentence($0, of: clause) }
            }
        )
        let model = try ClausePage.Model.load(
            store: fixture.store, library: library, session: session(fixture, .legal, "processor"), reference: reference, party: .processor, clause: clause, against: nil
        )
        #expect(model.variantPlaybook == processorPlaybook.variantPositions(clause.id).map { Playbook.sentence($0, of: clause) })
        #expect(model.variantPlaybook != controllerPlaybook.variantPositions(clause.id).map { Playbook.sentence($0, of: clause) })
        let selection = try #require(document.clauses.first { $0.clause == clause.id })
        #expect(model.entered.base == 1 && model.entered.variant == selection.variant)
        guard case .head(let number, let reading) = model.wording else {
            Issue.record("without a draft the page reads the head's wording")
            return
        }
        #expect(number == 1 && reading != nil)
    }

    @Test func draftReviewIsTheSidesOwnDraftAndTheOtherSideHasNone() throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let reference = fixture.reference
        let original = try fixture.store.version(reference).document
        var edited = original
        edited.title += " (revised)"
        _ = try fixture.store.editDraft(reference, from: original, to: edited, by: WebFixture.email(.legal, "processor"), note: "A clearer title")
        let own = try DraftPage.Model.load(store: fixture.store, library: library, session: session(fixture, .legal, "processor"), reference: reference, party: .processor)
        #expect(own.changes != nil && own.message == "A clearer title" && own.edits.map(\.note) == ["A clearer title"])
        #expect(own.sendLabel == "Send version 2 to the other side" && own.mayPropose)
        let other = try DraftPage.Model.load(store: fixture.store, library: library, session: session(fixture, .legal, "controller"), reference: reference, party: .controller)
        #expect(other.changes == nil && !other.hasEmptyDraft)
    }

    @Test func signConfirmationSaysWhoSignsToAnyoneButTheSignatory() throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let reference = fixture.reference
        let signatory = try SignConfirmationPage.Model.load(
            store: fixture.store, library: library, session: session(fixture, fixture.signatory("controller")), reference: reference, party: .controller, askedVersion: 1
        )
        #expect(signatory.whoSigns == nil && signatory.staleWarning == nil)
        #expect(signatory.refusal != nil, "version 1 is not agreed by both yet")
        let colleague = try SignConfirmationPage.Model.load(
            store: fixture.store, library: library, session: session(fixture, .admin, "controller"), reference: reference, party: .controller, askedVersion: 0
        )
        let whoSigns = try #require(colleague.whoSigns)
        #expect(whoSigns.warning.contains(fixture.signatory("controller")) && whoSigns.note?.contains("already has an account") == true && whoSigns.invite == nil)
        #expect(colleague.staleWarning?.contains("from version 0") == true)
    }

    @Test func acceptanceReviewListsTheItemsInWordsOrSaysWhyThereAreNone() throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let reference = fixture.reference
        let key = try #require(try fixture.store.itemStates(reference).first { !$0.acceptedBy.contains(.controller) }?.key)
        func load(_ version: Int, _ names: [String]) throws -> AcceptanceReviewPage.Model {
            try AcceptanceReviewPage.Model.load(store: fixture.store, library: library, reference: reference, party: .controller, version: version, mode: "only", names: names)
        }
        let review = try load(1, [key.rawValue])
        #expect(review.problem == nil && review.toAccept.map(\.key) == [key])
        #expect(review.toAccept.first?.label == ItemLabels(document: try fixture.store.version(reference).document, library: library).label(key))
        #expect(try load(1, []).problem != nil)
        #expect(throws: StoreError.self) { try load(2, [key.rawValue]) }
    }

    @Test func compareHoldsTheChangesBetweenTheTwoVersionsAsked() throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        var document = try fixture.store.version(reference).document
        document.title += " (revised)"
        _ = try fixture.store.propose(document, on: reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "a new title")
        let model = try ComparePage.Model.load(
            store: fixture.store, library: fixture.configuration.library, session: session(fixture, .legal, "controller"), reference: reference, party: .controller,
            from: 1, to: 2, mode: .changes
        )
        #expect(model.from == 1 && model.to == 2)
        #expect(model.diff.changes.contains { $0.key == "agreement:terms" && $0.kind == .changed })
        #expect(model.diff.changes.allSatisfy { $0.kind == .changed }, "a new title changes items, it adds or removes none")
    }
}
