import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct DraftingFormTests {
    @Test func aLegalUserStartsABalancedDraftWithTheOtherParty() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let form = try await client.get("/new-agreement", cookie: cookie)
            #expect(form.text.contains("<option value=\"Other Brand SA\">") && !form.text.contains("<option value=\"Atlantis Relation Client SAS\""))
            let invalid = try await client.propose("/new-agreement", form: [("_csrf", csrf), ("title", ""), ("counterpart", "Nobody"), ("side", "processor")], cookie: cookie)
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("choose the other party"))
            let created = try await client.propose("/new-agreement", form: [
                ("_csrf", csrf), ("title", "DPA for Other Brand's hotline"), ("reference", "other-hotline"), ("counterpart", "Other Brand SA"),
                ("side", "processor"), ("mainAgreement", "Hotline services agreement of 1 May 2026"),
            ], cookie: cookie)
            let location = try #require(created.location)
            #expect(created.status == .seeOther && location.wholeMatch(of: /\/agreements\/other-hotline-[a-z2-9]{5}/) != nil)
            let (outsider, _) = try fixture.session(.viewer, "controller")
            #expect(try await client.get(location, cookie: outsider).status == .notFound)
            let (brand, _) = try fixture.session(.viewer, "outsider")
            #expect(try await client.get(location, cookie: brand).status == .ok)
            let version = try fixture.store.version(String(location.dropFirst("/agreements/".count)))
            #expect(version.document.parties.controller.name == WebFixture.outsider && version.document.parties.processor.name == WebFixture.processor)
            #expect(version.document.clauses.contains { $0.clause == "breach-notification" && $0.variant == "balanced" })
        }
    }

    /// Item 6 of the integrity issue: a typed reference that another organisation's agreement uses behaves like an unused
    /// one; Tripact adds its own five characters either way, so the answer tells nothing about anybody else's references.
    @Test func aReferenceOfAnotherOrganisationBehavesLikeAnUnusedOne() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "outsider")
        try await fixture.application.test(.router) { client in
            for typed in [fixture.reference, "never-used"] {
                let created = try await client.propose("/new-agreement", form: [
                    ("_csrf", csrf), ("title", "Hotline"), ("reference", typed), ("counterpart", WebFixture.processor), ("side", "controller"),
                ], cookie: cookie)
                let location = try #require(created.location)
                #expect(created.status == .seeOther && location.hasPrefix("/agreements/\(typed)-") && location.count == "/agreements/\(typed)-".count + 5)
                #expect(try await client.get(location, cookie: cookie).status == .ok)
            }
        }
        let stored = try fixture.store.agreement(fixture.reference)
        #expect(stored.head == 1 && stored.title == Fixtures.example("full-scenario.json").title, "the other organisation's agreement is untouched")
    }

    @Test func annexTwoIsFilledFromTheCataloguesAndBlankTextKeepsWhatIsStored() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.version(fixture.reference).document.processing
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie)
            #expect(page.text.contains("<input type=\"checkbox\" id=\"channels-voice\" name=\"channels[]\" value=\"voice\" checked>"))
            #expect(page.text.contains("<label class=\"inline\" for=\"dataCategories-user.biometric.voice\">"))
            let saved = try await client.propose("/agreements/\(fixture.reference)/annex2", form: [
                ("_csrf", csrf), ("base", "1"), ("subjectMatter", ""), ("duration", "Until 31 December 2028"), ("callRecording", "yes"), ("cardPayments", "no"),
                ("channels[]", "voice"), ("channels[]", "sms"), ("dataSubjects[]", "customer"), ("dataCategories[]", "user.name"),
                ("dataCategories[]", "user.contact.phone_number"), ("purposes[]", "essential.service.operations.support"), ("message", "SMS added; no more cards"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
        }
        let after = try fixture.store.version(fixture.reference).document.processing
        #expect(after.subjectMatter == before.subjectMatter, "a blank field keeps the stored text")
        #expect(after.duration == "Until 31 December 2028")
        #expect(after.channels == ["voice", "sms"] && after.cardPayments == false && after.callRecording == true)
        #expect(after.dataCategories.map(\.category) == ["user.name", "user.contact.phone_number"])
        #expect(after.specialCategories.isEmpty)
        #expect(after.purposes.map(\.purpose) == ["essential.service.operations.support"])
        #expect(after.purposes[0].dataCategories.allSatisfy { ["user.name", "user.contact.phone_number"].contains($0) })
    }

    @Test func sensitiveDataGetsItsSafeguardsFromTheSameForm() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let saved = try await client.propose("/agreements/\(fixture.reference)/annex2", form: [
                ("_csrf", csrf), ("base", "1"), ("dataCategories[]", "user.name"), ("dataCategories[]", "user.health_and_medical"), ("dataSubjects[]", "customer"),
                ("channels[]", "voice"), ("purposes[]", "essential.service.operations.support"),
                ("safeguards[user.health_and_medical]", "Only the two supervisors of the care line see it; field-level encryption; deleted after 30 days."),
                ("message", "health data for the care line"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(page.contains("Only the two supervisors of the care line see it"))
        }
        let processing = try fixture.store.version(fixture.reference).document.processing
        #expect(processing.specialCategories.map(\.category) == ["user.health_and_medical"])
        #expect(processing.specialCategories[0].safeguards.hasPrefix("Only the two supervisors"))
        #expect(!Fixtures.codes(try fixture.store.version(fixture.reference).document).contains("special-categories.safeguards-missing"))
    }

    @Test func draftingFormsRefuseViewersMissingTokensAndOutsiders() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (viewer, viewerCSRF) = try fixture.session(.viewer, "processor")
            #expect(try await client.propose("/new-agreement", form: [("_csrf", viewerCSRF), ("title", "x"), ("counterpart", WebFixture.outsider), ("side", "processor")], cookie: viewer).status == .forbidden)
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: [("_csrf", viewerCSRF), ("base", "1"), ("message", "x")], cookie: viewer).status == .forbidden)
            let (legal, _) = try fixture.session(.legal, "processor")
            #expect(try await client.propose("/new-agreement", form: [("title", "x")], cookie: legal).status == .forbidden)
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: [("base", "1")], cookie: legal).status == .forbidden)
            let (outsider, outsiderCSRF) = try fixture.session(.legal, "outsider")
            #expect(try await client.get("/agreements/\(fixture.reference)/annex2", cookie: outsider).status == .notFound)
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: [("_csrf", outsiderCSRF), ("base", "1"), ("message", "x")], cookie: outsider).status == .notFound)
        }
    }
}

@Suite struct PartFormTests {
    @Test func annexOneChangesAPartyAndBlankFieldsKeepTheirValues() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        let before = try fixture.store.version(fixture.reference).document.parties
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/parties", cookie: cookie)
            #expect(page.text.contains("<label for=\"field-controller-signatory-name\">Controller: signatory</label>"))
            let saved = try await client.propose("/agreements/\(fixture.reference)/parties", form: [
                ("_csrf", csrf), ("base", "1"), ("field.controller.signatory.name", "Claire Dubois"), ("field.controller.address", ""),
                ("field.processor.contact.phone", ""), ("clear.processor.contact.phone", "yes"), ("message", "new signatory"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
        }
        let after = try fixture.store.version(fixture.reference).document.parties
        #expect(after.controller.signatory?.name == "Claire Dubois" && after.controller.signatory?.position == before.controller.signatory?.position)
        #expect(after.controller.signatory?.email == "sophie.laurent@lumen.example", "a new name keeps the signatory's e-mail until it is changed too")
        #expect(after.controller.address == before.controller.address, "a blank field keeps the stored address")
        #expect(after.processor.contact.phone == nil, "the clear box removes the phone")
    }

    @Test func annexFiveIsEditedWithTheSameRules() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let long = String(repeating: "x", count: 4_001)
            let refused = try await client.propose("/agreements/\(fixture.reference)/consumer", form: [("_csrf", csrf), ("base", "1"), ("field.complaintRoute", long), ("message", "m")], cookie: cookie)
            #expect(refused.status == .unprocessableContent && refused.text.contains("at most 4000 characters"))
            let saved = try await client.propose("/agreements/\(fixture.reference)/consumer", form: [
                ("_csrf", csrf), ("base", "1"), ("field.complaintRoute", "Complaints go to the Lumen ombudsman <b>desk</b>."), ("message", "ombudsman"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
            #expect(try await client.get("/agreements/\(fixture.reference)/consumer", cookie: cookie).text.contains("ombudsman &lt;b&gt;desk&lt;/b&gt;."))
            #expect(try await client.propose("/agreements/\(fixture.reference)/consumer", form: [("base", "2"), ("message", "m")], cookie: cookie).status == .forbidden)
        }
        #expect(try fixture.store.version(fixture.reference).document.consumerObligations.complaintRoute.hasPrefix("Complaints go to the Lumen ombudsman"))
    }
}

@Suite struct ListFormTests {
    @Test func measuresAreRemovedOnlyByTheirBoxAndAddedFromTheCatalogueOrCustom() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.version(fixture.reference).document.measures
        let unused = try #require(Fixtures.library.measures.first { measure in !before.contains { $0.id == measure.key } })
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/measures", cookie: cookie)
            #expect(page.text.contains("<legend>1. "))
            let saved = try await client.propose("/agreements/\(fixture.reference)/measures", form: [
                ("_csrf", csrf), ("base", "1"), ("m.\(before[0].id).remove", "yes"), ("m.\(before[1].id).description", ""), ("new.catalogue", unused.key),
                ("new.title", "Badge audit"), ("new.heading", "8"), ("new.customDescription", "Site security reviews the badge logs of every floor each week."),
                ("message", "measures updated"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
            let generic = try await client.propose("/agreements/\(fixture.reference)/measures", form: [
                ("_csrf", csrf), ("base", "2"), ("new.title", "Vague"), ("new.heading", ""), ("message", "x"),
            ], cookie: cookie)
            #expect(generic.status == .unprocessableContent && generic.text.contains("choose the heading of the custom measure"))
        }
        let after = try fixture.store.version(fixture.reference).document.measures
        #expect(after.count == before.count + 1)
        #expect(!after.contains { $0.id == before[0].id })
        #expect(after.first { $0.id == before[1].id } == before[1], "a blank description keeps the stored one")
        #expect(after.contains { $0.id == unused.key } && after.contains { $0.id == "custom-badge-audit" && $0.heading == 8 })
    }

    @Test func subprocessorsAreEditedRemovedExplicitlyAndAddedOnlyFromTheRegister() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        let before = try fixture.store.version(fixture.reference).document.subprocessors
        let chat = Fixtures.registerRecord("nordic-chat", name: "Nordic Chat Oy", services: ["chat-messaging"], categories: ["user.name"])
        try fixture.store.proposeRegisterChange(
            .addition, entry: chat, replacing: nil, plannedStart: nil, message: "chat", by: WebFixture.email(.legal, "processor"), library: fixture.configuration.library
        )
        let head = try fixture.store.agreement(fixture.reference).head
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/subprocessors", cookie: cookie).text
            #expect(page.contains("name=\"add.nordic-chat\"") && page.contains("Nordic Chat Oy (Ireland)"))
            #expect(!page.contains(".id\""), "ids are never typed")
            let unknown = try await client.propose("/agreements/\(fixture.reference)/subprocessors", form: [
                ("_csrf", csrf), ("base", String(head)), ("add.typed-by-hand", "yes"), ("message", "typed"),
            ], cookie: cookie)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("is not an active entry of the processor&#39;s subprocessor register"))
            let saved = try await client.propose("/agreements/\(fixture.reference)/subprocessors", form: [
                ("_csrf", csrf), ("base", String(head)), ("s.\(before[0].id).service", "Cloud telephony, EU only"), ("s.\(before[1].id).remove", "yes"),
                ("s.\(before[2].id).id", "renamed"), ("add.nordic-chat", "yes"), ("message", "chat platform added"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther, "\(saved.text)")
        }
        let after = try fixture.store.version(fixture.reference).document.subprocessors
        #expect(after.count == before.count)
        #expect(after[0].service == "Cloud telephony, EU only" && after[0].name == before[0].name)
        #expect(!after.contains { $0.id == before[1].id })
        #expect(after.contains { $0.id == before[2].id }, "an id cannot be retyped")
        #expect(after.last == chat.annexEntry)
        #expect(try fixture.store.itemStates(fixture.reference).first { $0.key.rawValue == "subprocessor:\(before[1].id)" }?.isRemoval == true)
    }

}
