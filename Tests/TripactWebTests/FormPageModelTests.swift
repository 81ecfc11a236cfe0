import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
@testable import TripactWeb

/// The models of the forms that change the agreement, loaded through their `load` on a real store: what each form
/// shows is read from the side's own working copy and put in words before any view writes it.
@Suite struct FormPageModelTests {
    static func session(_ fixture: WebFixture, _ role: Role, _ side: String) throws -> TripactStore.Session {
        try fixture.store.createSession(for: WebFixture.email(role, side), lifetime: 600).session
    }

    @Test func aTextFieldFormShowsTheSidesOwnDraftAndTheOtherSideTheHead() throws {
        let fixture = try WebFixture()
        let processor = try Self.session(fixture, .legal, "processor")
        let head = try fixture.store.version(fixture.reference).document
        var edited = head
        edited.title = "Renamed in the processor's draft"
        try fixture.store.editDraft(fixture.reference, from: head, to: edited, by: processor.user.email, note: "rename")
        let fields = PartForms.terms()
        let own = try FieldFormPage.Model.load(store: fixture.store, session: processor, reference: fixture.reference, route: .terms, title: "Terms", fields: fields)
        #expect(own.values["title"] == "Renamed in the processor's draft")
        #expect(own.fields.first?.label == "Title" && own.errors.isEmpty && own.route == .terms)
        let controller = try Self.session(fixture, .legal, "controller")
        let theirs = try FieldFormPage.Model.load(store: fixture.store, session: controller, reference: fixture.reference, route: .terms, title: "Terms", fields: fields)
        #expect(theirs.values["title"] == head.title, "the processor's draft is private to its side")
        #expect(theirs.base == own.base)
    }

    @Test func annex2NamesEveryCatalogueEntryByItsLabelAndTicksOnlyWhatTheDocumentLists() throws {
        let fixture = try WebFixture()
        let session = try Self.session(fixture, .legal, "controller")
        let model = try Annex2Page.Model.load(store: fixture.store, library: fixture.configuration.library, session: session, reference: fixture.reference)
        let library = fixture.configuration.library
        let document = try fixture.store.version(fixture.reference).document
        let data = try #require(model.pickers.first { $0.name == "dataCategories" })
        #expect(data.selected.contains("user.biometric.voice") && data.selected.contains("user.name"))
        let voice = try #require(data.options.first { $0.key == "user.biometric.voice" })
        #expect(voice.label == (library.dataCategory("user.biometric.voice")?.label ?? "") + " (Art. 9)")
        #expect(model.selectedPurposes.map(\.key) == document.processing.purposes.map(\.purpose), "the document's own order")
        for choice in model.selectedPurposes + model.otherPurposes {
            #expect(choice.label == library.purpose(choice.key)?.label && choice.label != choice.key)
            #expect(choice.categories.allSatisfy { $0.label != $0.key }, "\(choice.key): data by its label")
        }
        #expect(model.otherPurposes.allSatisfy { $0.categories.allSatisfy { !$0.checked } }, "a purpose not ticked uses no data yet")
        #expect(model.otherPurposes.first?.index == document.processing.purposes.count)
        let recipient = try #require(model.selectedPurposes.first?.selects.first { $0.field == "recipient" })
        #expect(recipient.options.map(\.label) == ["nobody", WebFixture.controller, WebFixture.processor])
    }

    @Test func annex3ListsMeasuresUnderTheirHeadingsAndOffersOnlyThoseNotListed() throws {
        let fixture = try WebFixture()
        let session = try Self.session(fixture, .legal, "processor")
        let library = fixture.configuration.library
        let model = try ListFormPage.Model.load(store: fixture.store, library: library, session: session, reference: fixture.reference, kind: .measures)
        let document = try fixture.store.version(fixture.reference).document
        #expect(model.headings.flatMap(\.rows).count == document.measures.count)
        let encryption = try #require(model.headings.flatMap(\.rows).first { $0.id == "cc-recording-encryption" })
        #expect(encryption.label == library.measure("cc-recording-encryption")?.title && encryption.customTitle == nil)
        #expect(!model.addableMeasures.contains { $0.key == "cc-recording-encryption" })
        #expect(model.addableMeasures.count == library.measures.count - Set(document.measures.map(\.id)).intersection(library.measures.map(\.key)).count)
        #expect(model.allHeadings.count == 17 && model.headings.allSatisfy { $0.title == library.headings[$0.number] })
    }

    @Test func annex4OffersEachOtherEntryAsABackUpByName() throws {
        let fixture = try WebFixture()
        let session = try Self.session(fixture, .legal, "processor")
        let model = try ListFormPage.Model.load(
            store: fixture.store, library: fixture.configuration.library, session: session, reference: fixture.reference, kind: .subprocessors
        )
        let nuvola = try #require(model.subprocessors.first { $0.id == "sp-nuvola" })
        #expect(nuvola.name == "Nuvola Voice Platform B.V.")
        #expect(nuvola.fields.first { $0.key == "name" }?.value == "Nuvola Voice Platform B.V.")
        #expect(nuvola.backupFor.count == model.subprocessors.count - 1 && !nuvola.backupFor.contains { $0.id == "sp-nuvola" })
        #expect(nuvola.backupFor.contains { $0.label == "back-up for Orbis CRM Cloud GmbH" })
    }

    @Test func deliveryLocationsCarryTheirRowsAndTheCountriesInWords() throws {
        let fixture = try WebFixture()
        let session = try Self.session(fixture, .legal, "processor")
        let model = try DeliveryLocationsPage.Model.load(store: fixture.store, library: fixture.configuration.library, session: session, reference: fixture.reference)
        #expect(model.rows.map(\.id) == ["dl-nantes", "dl-lisbon", "dl-rabat", "dl-antananarivo"])
        #expect(model.rows.allSatisfy { !$0.removed } && model.rows[2].values["country"] == "MA")
        #expect(model.countries.contains { $0.code == "FR" && $0.label == "France (FR)" })
    }

    @Test func theAllocationFormNamesEachResponsibilityAndIsAbsentWithoutAnArrangement() throws {
        let joint = try WebFixture(document: Fixtures.withAllThreeRoles())
        let session = try Self.session(joint, .legal, "controller")
        let model = try AllocationPage.Model.load(store: joint.store, library: joint.configuration.library, session: session, reference: joint.reference)
        let rows = try #require(model.rows)
        #expect(rows.count == JointAllocation.rows.count && rows.first?.responsibility == JointAllocation.rows.first?.responsibility)
        #expect(rows.contains { $0.responsibility == "Requests for access (Art. 15)" && $0.handOver != nil })
        #expect(rows.contains { $0.options.contains { $0.key == "controller" && $0.label == "The Controller" } })
        #expect(rows.allSatisfy { $0.options.allSatisfy { $0.label.first?.isUppercase == true && $0.label != $0.key } }, "each Party in words")
        #expect(model.deadlines.map(\.name) == AllocationController.deadlines)
        let plain = try WebFixture()
        let none = try AllocationPage.Model.load(
            store: plain.store, library: plain.configuration.library, session: try Self.session(plain, .legal, "controller"), reference: plain.reference
        )
        #expect(none.rows == nil)
    }

    @Test func aNewAgreementIsOfferedWithEveryOtherOrganisationAndAWordUploadFromTheHead() throws {
        let fixture = try WebFixture()
        let session = try Self.session(fixture, .legal, "processor")
        let model = try NewAgreementPage.Model.load(store: fixture.store, session: session)
        #expect(Set(model.counterparts) == [WebFixture.controller, WebFixture.outsider])
        let upload = try WordImportPage.Model.load(store: fixture.store, session: session, reference: fixture.reference)
        #expect(upload.base == (try fixture.store.agreement(fixture.reference).head) && upload.mayUpload)
        let viewer = try WordImportPage.Model.load(store: fixture.store, session: try Self.session(fixture, .viewer, "processor"), reference: fixture.reference)
        #expect(!viewer.mayUpload)
    }
}
