import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The Annex II form as loaded: every catalogue choice of the stored processing ticked.
func annexTwoSelections(_ processing: Processing) -> [(String, String)] {
    var form: [(String, String)] = []
    form += processing.operations.map { ("operations[]", $0) }
    form += processing.channels.map { ("channels[]", $0) }
    form += processing.dataSubjects.map { ("dataSubjects[]", $0) }
    form += (processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category)).map { ("dataCategories[]", $0) }
    form += processing.purposes.map { ("purposes[]", $0.purpose) }
    form += [("callRecording", processing.callRecording ? "yes" : "no"), ("cardPayments", processing.cardPayments ? "yes" : "no")]
    return form
}

@Suite struct PurposeDataTests {
    @Test func eachPurposeKeepsOrTakesItsDataAndANewPurposeTakesOnlyTheDataTickedForIt() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.version(fixture.reference).document.processing
        let narrowed = before.purposes[0]
        let untouched = before.purposes[1]
        let unselected = Fixtures.library.purposes.filter { purpose in !before.purposes.contains { $0.purpose == purpose.key } }
        let added = try #require(unselected.first)
        let addedUnseen = try #require(unselected.dropFirst().first)
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(page.contains("<input type=\"hidden\" name=\"purposeShown[\(narrowed.purpose)]\" value=\"yes\">"))
            #expect(page.contains("name=\"purposeCategories[\(narrowed.purpose)][]\" value=\"\(narrowed.dataCategories[0])\" checked>"))
            #expect(page.contains("<input type=\"hidden\" name=\"purposeShown[\(added.key)]\" value=\"yes\">"), "a purpose not yet ticked offers its choice")
            #expect(!page.contains("name=\"purposeCategories[\(added.key)][]\" value=\"user.name\" checked>"), "and ticks nothing for it")
            let form = annexTwoSelections(before) + [
                ("_csrf", csrf), ("base", "1"), ("message", "narrower support data; two new purposes"), ("purposes[]", added.key), ("purposes[]", addedUnseen.key),
                ("purposeShown[\(narrowed.purpose)]", "yes"), ("purposeCategories[\(narrowed.purpose)][]", "user.name"),
                ("purposeCategories[\(narrowed.purpose)][]", "not.a.listed.category"),
                ("purposeShown[\(added.key)]", "yes"), ("purposeCategories[\(added.key)][]", "user.contact.phone_number"),
            ]
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: form, cookie: cookie).status == .seeOther)
        }
        let after = try fixture.store.version(fixture.reference).document.processing
        #expect(after.purposes.first { $0.purpose == narrowed.purpose }?.dataCategories == ["user.name"])
        #expect(after.purposes.first { $0.purpose == untouched.purpose } == untouched, "a purpose whose choice was not sent keeps its own")
        #expect(after.purposes.first { $0.purpose == added.key }?.dataCategories == ["user.contact.phone_number"], "never every listed category")
        #expect(after.purposes.first { $0.purpose == addedUnseen.key }?.dataCategories == [], "no choice sent: no data, not all of it")
    }

    @Test func aNewPurposeWithItsChoiceShownButNothingTickedComesBackToBeTicked() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.version(fixture.reference).document.processing
        let added = try #require(Fixtures.library.purposes.first { purpose in !before.purposes.contains { $0.purpose == purpose.key } })
        try await fixture.application.test(.router) { client in
            let form = annexTwoSelections(before) + [("_csrf", csrf), ("base", "1"), ("message", "a new purpose"), ("purposes[]", added.key), ("purposeShown[\(added.key)]", "yes")]
            let response = try await client.propose("/agreements/\(fixture.reference)/annex2", form: form, cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("tick the data this purpose uses, or untick the purpose above"))
        }
        #expect(try fixture.store.agreement(fixture.reference).head == 1)
    }

    @Test func aPurposesDescriptionIsEditedInTheFormAndBlankPrintsTheCataloguesWording() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.version(fixture.reference).document.processing
        let edited = before.purposes[0]
        let cleared = before.purposes[1]
        #expect(edited.description != nil && cleared.description != nil)
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(page.contains("name=\"purposeDescriptions[\(edited.purpose)]\" rows=\"2\" cols=\"70\" maxlength=\"4000\">\(HTMLEscaping.escape(edited.description ?? ""))</textarea>"))
            let form = annexTwoSelections(before) + [
                ("_csrf", csrf), ("base", "1"), ("message", "clearer purposes"),
                ("purposeDescriptions[\(edited.purpose)]", "  Answering <customers> by phone and chat.  "), ("purposeDescriptions[\(cleared.purpose)]", " "),
            ]
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: form, cookie: cookie).status == .seeOther)
            let shown = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(shown.contains(">Answering &lt;customers&gt; by phone and chat.</textarea>"))
        }
        let after = try fixture.store.version(fixture.reference).document.processing
        #expect(after.purposes[0].description == "Answering <customers> by phone and chat." && after.purposes[0].dataCategories == edited.dataCategories)
        #expect(after.purposes[1].description == nil, "blank: the catalogue's wording")
        #expect(after.purposes.dropFirst(2).elementsEqual(before.purposes.dropFirst(2)))
    }

    @Test func aPurposeLeftWithoutDataComesBackWithAMessageAtItsChoice() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.version(fixture.reference).document.processing
        let purpose = before.purposes[0].purpose
        try await fixture.application.test(.router) { client in
            let form = annexTwoSelections(before) + [("_csrf", csrf), ("base", "1"), ("message", "none"), ("purposeShown[\(purpose)]", "yes"), ("duration", "Ten years")]
            let response = try await client.propose("/agreements/\(fixture.reference)/annex2", form: form, cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("<p class=\"error\" id=\"purpose-0-error\">tick the data this purpose uses, or untick the purpose above</p>"))
            #expect(response.text.contains(">Ten years</textarea>"), "the entries are kept")
        }
        #expect(try fixture.store.log(fixture.reference).count == 1)
    }
}

@Suite struct DeliveryLocationFormTests {
    let uri = "/agreements/lumen-telecom-atlantis-dpa/locations"

    @Test func locationsAreEditedAddedAndRemovedOnlyByTheirBox() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.version(fixture.reference).document.processing.deliveryLocations
        try await fixture.application.test(.router) { client in
            let page = try await client.get(uri, cookie: cookie).text
            #expect(page.contains("<input type=\"hidden\" name=\"l.2.id\" value=\"dl-rabat\">"))
            #expect(page.contains("<option value=\"MA\" selected>"))
            #expect(page.contains("<label for=\"new-country\">Country</label>"))
            let saved = try await client.propose(uri, form: [
                ("_csrf", csrf), ("base", "1"), ("message", "Dakar opens; Lisbon closes"),
                ("l.0.id", "dl-nantes"), ("l.0.site", ""), ("l.0.homeWorking", "no"), ("l.0.transferMechanism", "eea"),
                ("l.1.id", "dl-lisbon"), ("l.1.remove", "yes"),
                ("l.2.id", "dl-rabat"), ("l.2.entity", ""), ("l.2.tiaReference", ""), ("l.2.clear.tiaReference", "yes"), ("l.2.transferMechanism", "bcr-processor"),
                ("new.site", "Dakar, Almadies contact centre (voice, level 1)"), ("new.country", "SN"), ("new.entity", "Atlantis Relation Client Sénégal SARL"),
                ("new.homeWorking", "yes"), ("new.transferMechanism", "scc-module-3"), ("new.tiaReference", "TIA-ARC-SN-2026-01"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
        }
        let after = try fixture.store.version(fixture.reference).document.processing.deliveryLocations
        #expect(after.map(\.id) == ["dl-nantes", "dl-rabat", "dl-antananarivo", "dl-dakar"])
        #expect(after[0].site == before[0].site && after[0].homeWorking == false, "a blank site keeps the stored one")
        #expect(after[1].entity == before[2].entity && after[1].tiaReference == nil, "a blank entity is kept; the clear box empties the TIA")
        #expect(after[2] == before[3], "a row the form did not send is untouched")
        let dakar = after[3]
        #expect(dakar.country == "SN" && dakar.homeWorking && dakar.transferMechanism == "scc-module-3" && dakar.tiaReference == "TIA-ARC-SN-2026-01")
        #expect(dakar.entity == "Atlantis Relation Client Sénégal SARL")
    }

    @Test func anUnknownCountryComesBackAtItsFieldWithTheEntriesKept() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let response = try await client.propose(uri, form: [
                ("_csrf", csrf), ("base", "1"), ("message", ""), ("l.1.id", "dl-lisbon"), ("l.1.remove", "yes"),
                ("new.site", "Atlantis <b>orbit</b>"), ("new.country", "XX"), ("new.transferMechanism", "carrier-pigeon"),
            ], cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("<p class=\"error\" id=\"new-country-error\">&#39;XX&#39; is not in the countries catalogue") || response.text.contains("<p class=\"error\" id=\"new-country-error\">'XX' is not in the countries catalogue"))
            #expect(response.text.contains("id=\"new-transferMechanism-error\""))
            #expect(response.text.contains("<p class=\"error\" id=\"message-error\">say what you changed and why</p>"))
            #expect(response.text.contains(">Atlantis &lt;b&gt;orbit&lt;/b&gt;</textarea>"), "the new row's entries are kept, escaped")
            #expect(response.text.contains("name=\"l.1.remove\" value=\"yes\" checked>"), "the remove box stays ticked")
        }
        #expect(try fixture.store.log(fixture.reference).count == 1)
    }

}

@Suite struct TermsAndAssistanceFormTests {
    @Test func theTermsValidateTheDateAndKeepTheTitleWhenBlank() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        let before = try fixture.store.version(fixture.reference).document
        let uri = "/agreements/\(fixture.reference)/terms"
        try await fixture.application.test(.router) { client in
            #expect(try await client.get(uri, cookie: cookie).text.contains("value=\"2025-06-02\""))
            let bad = try await client.propose(uri, form: [("_csrf", csrf), ("base", "1"), ("field.effectiveDate", "2027-02-30"), ("clear.title", "yes"), ("message", "dates")], cookie: cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<p class=\"error\" id=\"field-effectiveDate-error\">enter a date as YYYY-MM-DD, for example 2027-01-31</p>"))
            #expect(bad.text.contains("<p class=\"error\" id=\"field-title-error\">the agreement needs a title"))
            #expect(bad.text.contains("value=\"2027-02-30\""), "the entered date is kept")
            let saved = try await client.propose(uri, form: [
                ("_csrf", csrf), ("base", "1"), ("field.title", ""), ("field.effectiveDate", "2027-01-31"), ("field.commercial.notes", ""),
                ("clear.commercial.notes", "yes"), ("field.commercial.assistanceFees", "Included in the per-contact fees."), ("message", "start in 2027"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
        }
        let after = try fixture.store.version(fixture.reference).document
        #expect(after.title == before.title && after.mainAgreement == before.mainAgreement)
        #expect(after.effectiveDate == "2027-01-31" && after.commercial.notes == nil && after.commercial.assistanceFees == "Included in the per-contact fees.")
        #expect(try fixture.store.itemStates(fixture.reference).first { $0.key == "agreement:terms" }?.acceptedBy == [.controller])
    }

    @Test func assistanceMeasuresAreEditedPerAreaAndRemovedOnlyByTheirBox() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.version(fixture.reference).document.assistanceMeasures
        let uri = "/agreements/\(fixture.reference)/assistance"
        try await fixture.application.test(.router) { client in
            #expect(try await client.get(uri, cookie: cookie).text.contains("<label for=\"field-breaches\">Personal data breaches (Art. 33–34)</label>"))
            let saved = try await client.propose(uri, form: [
                ("_csrf", csrf), ("base", "1"), ("field.breaches", "The duty manager calls the controller's DPO within 2 hours of detection."),
                ("field.security", ""), ("field.accuracy", ""), ("clear.accuracy", "yes"), ("message", "faster breach call"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            for slug in ["terms", "locations", "assistance"] { #expect(overview.contains("href=\"/agreements/\(fixture.reference)/\(slug)\""), "\(slug)") }
        }
        let after = try fixture.store.version(fixture.reference).document.assistanceMeasures
        #expect(after.map(\.area) == before.map(\.area).filter { $0 != .accuracy })
        #expect(after.first { $0.area == .breaches }?.description == "The duty manager calls the controller's DPO within 2 hours of detection.")
        #expect(after.first { $0.area == .security } == before.first { $0.area == .security })
    }
}
