import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The fields Annex IV and the delivery locations lacked (an approved back-up, a confirmed partial adequacy) and the
/// way out for a stored document that lacks a clause made mandatory since.
@Suite struct ImportantFindingsRouteTests {
    @Test func anAnnexFourEntryIsMadeABackUpAndConfirmedAdequateAndBothAreClearedAgain() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let uri = "/agreements/\(fixture.reference)/subprocessors"
        let original = try fixture.store.version(fixture.reference)
        let (backup, primary) = (original.document.subprocessors[1], original.document.subprocessors[0])
        try await fixture.application.test(.router) { client in
            let page = try await client.get(uri, cookie: cookie).text
            #expect(page.contains("Approved back-up: may replace this entry at short notice in an emergency"))
            #expect(page.contains("Covered by an adequacy decision that applies only to some recipients (for Canada: a commercial organisation under PIPEDA)"))
            let set = try await client.propose(uri, form: [
                ("_csrf", csrf), ("base", "1"), ("message", "back-up and adequacy confirmed"),
                ("s.row.\(backup.id)", "1"), ("s.\(backup.id).backupFor", primary.id), ("s.\(backup.id).adequacyConfirmed", "yes"),
            ], cookie: cookie)
            #expect(set.status == .seeOther, "\(set.text)")
            let saved = try #require(try fixture.store.version(fixture.reference).document.subprocessors.first { $0.id == backup.id })
            #expect(saved.backupFor == primary.id && saved.adequacyConfirmed == true)
            let shown = try await client.get(uri, cookie: cookie).text
            #expect(shown.contains("<option value=\"\(primary.id)\" selected>back-up for "))
            let cleared = try await client.propose(uri, form: [
                ("_csrf", csrf), ("base", "2"), ("message", "no longer a back-up"),
                ("s.row.\(backup.id)", "1"), ("s.\(backup.id).backupFor", "none"), ("s.\(backup.id).adequacyConfirmed", "no"),
            ], cookie: cookie)
            #expect(cleared.status == .seeOther, "\(cleared.text)")
        }
        let head = try fixture.store.version(fixture.reference)
        let entry = try #require(head.document.subprocessors.first { $0.id == backup.id })
        #expect(entry.backupFor == nil && entry.adequacyConfirmed == nil)
        #expect(head.number == 3 && head.contentHash == original.contentHash, "clearing both leaves the fields absent, as stored before")
    }

    @Test(arguments: [("backupFor", "sp-nowhere", "Back-up for"), ("adequacyConfirmed", "maybe", "Adequacy confirmation")])
    func aBadChoiceForAnAnnexFourEntryIs422NamingTheField(_ field: String, _ value: String, _ named: String) async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let id = try fixture.store.version(fixture.reference).document.subprocessors[0].id
        try await fixture.application.test(.router) { client in
            let response = try await client.propose("/agreements/\(fixture.reference)/subprocessors", form: [
                ("_csrf", csrf), ("base", "1"), ("message", "bad"), ("s.row.\(id)", "1"), ("s.\(id).\(field)", value),
            ], cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("<p class=\"error\" role=\"alert\">\(named) ("))
        }
        #expect(try fixture.store.log(fixture.reference).count == 1, "nothing stored")
    }

    @Test func aDeliveryLocationIsConfirmedAdequateClearedAndABadAnswerIs422AtItsField() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let uri = "/agreements/\(fixture.reference)/locations"
        let original = try fixture.store.version(fixture.reference)
        try await fixture.application.test(.router) { client in
            let page = try await client.get(uri, cookie: cookie).text
            #expect(page.contains("<label for=\"l-2-adequacyConfirmed\">Covered by an adequacy decision that applies only to some recipients"))
            let bad = try await client.propose(uri, form: [("_csrf", csrf), ("base", "1"), ("message", "bad"), ("l.2.id", "dl-rabat"), ("l.2.adequacyConfirmed", "perhaps")], cookie: cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<p class=\"error\" id=\"l-2-adequacyConfirmed-error\">adequacy confirmation: "))
            #expect(bad.text.contains("aria-describedby=\"l-2-adequacyConfirmed-error\""))
            #expect(try fixture.store.log(fixture.reference).count == 1, "nothing stored")
            let set = try await client.propose(uri, form: [("_csrf", csrf), ("base", "1"), ("message", "confirmed"), ("l.2.id", "dl-rabat"), ("l.2.adequacyConfirmed", "yes")], cookie: cookie)
            #expect(set.status == .seeOther, "\(set.text)")
            #expect(try fixture.store.version(fixture.reference).document.processing.deliveryLocations.first { $0.id == "dl-rabat" }?.adequacyConfirmed == true)
            let cleared = try await client.propose(uri, form: [("_csrf", csrf), ("base", "2"), ("message", "not confirmed"), ("l.2.id", "dl-rabat"), ("l.2.adequacyConfirmed", "no")], cookie: cookie)
            #expect(cleared.status == .seeOther, "\(cleared.text)")
        }
        let head = try fixture.store.version(fixture.reference)
        #expect(head.document.processing.deliveryLocations.first { $0.id == "dl-rabat" }?.adequacyConfirmed == nil)
        #expect(head.contentHash == original.contentHash)
    }

    static func storedWithoutGoverningLaw() -> AgreementDocument {
        var document = Fixtures.example("full-scenario.json")
        document.clauses.removeAll { $0.clause == "governing-law" }
        return document
    }

    @Test func aStoredDocumentLackingGoverningLawGetsAVersionThatValidates() async throws {
        let fixture = try WebFixture(document: Self.storedWithoutGoverningLaw())
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        let before = Validator.validate(try fixture.store.version(fixture.reference).document, library: Fixtures.library)
        #expect(before.contains { $0.code == "clause.mandatory-missing" })
        try await fixture.application.test(.router) { client in
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(overview.contains("action=\"/agreements/\(fixture.reference)/add-missing-clauses\""))
            #expect(overview.contains("that every agreement like it now needs: Governing law and jurisdiction."))
            #expect(overview.contains("Add the missing clauses to your side's draft"))
            let viewer = try fixture.session(.viewer, "controller")
            let refused = try await client.propose("/agreements/\(fixture.reference)/add-missing-clauses", form: [("_csrf", viewer.csrf), ("base", "1")], cookie: viewer.cookie)
            #expect(refused.status == .forbidden)
            let stale = try await client.propose("/agreements/\(fixture.reference)/add-missing-clauses", form: [("_csrf", csrf)], cookie: cookie)
            #expect(stale.status == .badRequest, "the base version is required")
            let added = try await client.propose("/agreements/\(fixture.reference)/add-missing-clauses", form: [("_csrf", csrf), ("base", "1")], cookie: cookie)
            #expect(added.status == .seeOther, "\(added.text)")
            let again = try await client.propose("/agreements/\(fixture.reference)/add-missing-clauses", form: [("_csrf", csrf), ("base", "1")], cookie: cookie)
            #expect(again.status == .seeOther && again.location == "/agreements/\(fixture.reference)", "nothing is missing any more, so nothing is drafted")
            #expect(try fixture.store.agreement(fixture.reference).head == 2)
            let after = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(!after.contains("add-missing-clauses"), "nothing is missing any more")
        }
        let head = try fixture.store.version(fixture.reference)
        #expect(head.number == 2)
        let law = try #require(head.document.clauses.first { $0.clause == "governing-law" })
        #expect(law.variant == Fixtures.library.clause("governing-law")?.defaultVariant.key)
        let errors = Validator.validate(head.document, library: Fixtures.library).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        #expect(try fixture.store.log(fixture.reference).first { $0.number == 2 }?.message.contains("Governing law and jurisdiction") == true)
    }
}
