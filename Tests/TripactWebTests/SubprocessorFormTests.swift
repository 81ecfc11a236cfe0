import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, item 3: Annex IV's form asks for the country, the personal data, the processing locations and the transfer
/// mechanism in words (selects and boxes labelled from the catalogues), while the values it posts and stores stay keys.
@Suite struct SubprocessorFormTests {
    static func uri(_ fixture: WebFixture) -> String { "/agreements/\(fixture.reference)/subprocessors" }

    /// Whether `key` appears in `text` as a word of its own (an ISO code inside a longer word is no key shown).
    static func shows(_ text: String, _ key: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: key)
        return text.range(of: "(?<![A-Za-z0-9._-])\(escaped)(?![A-Za-z0-9_-])", options: .regularExpression) != nil
    }

    @Test func theAnnexFourFormNamesCountriesDataAndMechanismsInWordsNeverByKey() async throws {
        let fixture = try WebFixture()
        let library = Fixtures.library
        let entries = try fixture.store.version(fixture.reference).document.subprocessors
        let (cookie, _) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let response = try await client.get(Self.uri(fixture), cookie: cookie)
            #expect(response.status == .ok)
            let visible = ConflictPageTests.visibleText(response.text)
            for entry in entries {
                for key in Set(entry.dataCategories + entry.locations + [entry.country, entry.transferMechanism]) where Self.shows(visible, key) {
                    Issue.record("the Annex IV form shows the key \(key) of \(entry.id)")
                }
                for category in entry.dataCategories { #expect(visible.contains(try #require(library.dataCategory(category)?.label))) }
                #expect(visible.contains(library.countryName(entry.country)))
                #expect(visible.contains(try #require(library.transferMechanism(entry.transferMechanism)?.label)))
            }
            // The keys stay the posted values.
            let clearsignal = try #require(entries.first { $0.id == "sp-clearsignal" })
            #expect(response.text.contains("name=\"s.sp-clearsignal.category.user.content.call_recording\" value=\"yes\" checked>"))
            #expect(response.text.contains("<option value=\"\(clearsignal.transferMechanism)\" selected>"))
            #expect(response.text.contains("<option value=\"US\" selected>\(library.countryName("US"))</option>"))
        }
    }

    @Test func choicesPostedAsKeysAreStoredAsKeysKeepingTheStoredOrder() async throws {
        let fixture = try WebFixture()
        let before = try #require(try fixture.store.version(fixture.reference).document.subprocessors.first { $0.id == "sp-clearsignal" })
        #expect(before.dataCategories == ["user.content.call_recording", "user.content.chat_transcript", "user.behavior.contact_history"])
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let saved = try await client.propose(Self.uri(fixture), form: [
                ("_csrf", csrf), ("base", "1"), ("message", "no recordings; e-mail for follow-ups; DPF instead of SCCs"), ("s.row.sp-clearsignal", "1"),
                ("s.sp-clearsignal.categories", "1"), ("s.sp-clearsignal.category.user.behavior.contact_history", "yes"),
                ("s.sp-clearsignal.category.user.content.chat_transcript", "yes"), ("s.sp-clearsignal.category.user.contact.email", "yes"),
                ("s.sp-clearsignal.locations", "1"), ("s.sp-clearsignal.location.US", "yes"), ("s.sp-clearsignal.newLocation", "IE"),
                ("s.sp-clearsignal.transferMechanism", "adequacy-dpf"), ("s.sp-clearsignal.country", ""),
            ], cookie: cookie)
            #expect(saved.status == .seeOther, "\(saved.text)")
        }
        let head = try fixture.store.version(fixture.reference)
        #expect(head.number == 2)
        let after = try #require(head.document.subprocessors.first { $0.id == "sp-clearsignal" })
        #expect(after.dataCategories == ["user.content.chat_transcript", "user.behavior.contact_history", "user.contact.email"])
        #expect(after.locations == ["US", "IE"])
        #expect(after.transferMechanism == "adequacy-dpf")
        #expect(after.country == "US", "the empty choice keeps the stored country")
    }

    @Test func anUnknownKeyPostedByHandIsRefusedNamingItsFieldAndNothingIsStored() async throws {
        let fixture = try WebFixture()
        let original = try fixture.store.version(fixture.reference)
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            for (field, value, named, quoted) in [
                ("s.sp-nuvola.category.user.made_up", "yes", "Personal data (Nuvola", "user.made_up"),
                ("s.sp-nuvola.transferMechanism", "carrier-pigeon", "Transfer mechanism (Nuvola", "carrier-pigeon"),
                ("s.sp-nuvola.country", "XX", "Country (Nuvola", "XX"), ("s.sp-nuvola.newLocation", "ZZ", "Processing locations (Nuvola", "ZZ"),
            ] {
                let refused = try await client.post(Self.uri(fixture), form: [
                    ("_csrf", csrf), ("base", "1"), ("message", "by hand"), ("s.row.sp-nuvola", "1"), ("s.sp-nuvola.categories", "1"),
                    ("s.sp-nuvola.locations", "1"), ("s.sp-nuvola.category.user.name", "yes"), (field, value),
                ], cookie: cookie)
                #expect(refused.status == .unprocessableContent, "\(field)")
                #expect(refused.text.contains(named) && refused.text.contains("&#39;\(quoted)&#39;"), "\(field)")
            }
            let draft = try await client.get("/agreements/\(fixture.reference)/draft", cookie: cookie)
            #expect(!draft.text.contains("by hand"))
        }
        let head = try fixture.store.version(fixture.reference)
        #expect(head.number == 1 && head.document == original.document)
    }

    /// The processor's register entry form asks for the processing locations by country name, too.
    @Test func theRegisterEntryFormChoosesProcessingLocationsByCountryName() async throws {
        let fixture = try WebFixture()
        let (bpo, token) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let blank = try await client.get("/registers/subprocessors/new", cookie: bpo).text
            #expect(!blank.contains("ISO codes") && blank.contains("name=\"locations[]\" multiple"))
            #expect(blank.contains("<option value=\"IE\">Ireland</option>"), "a country by its name, its code only as the value")
            let form = RegisterRouteTests.entryForm(csrf: token, id: "sp-a", name: "Alpha Voice", services: ["surveys"])
            let refused = try await client.propose("/registers/subprocessors/new", form: form + [("locations[]", "ZZ")], cookie: bpo)
            #expect(refused.status == .unprocessableContent && refused.text.contains("id=\"locations-error\""))
            #expect(refused.text.contains("<option value=\"IE\" selected>Ireland</option>"), "the choices are kept")
            #expect(try fixture.store.subprocessorRegister(organisation: WebFixture.processor).isEmpty)
            let added = try await client.propose("/registers/subprocessors/new", form: form, cookie: bpo)
            #expect(added.status == .seeOther, "\(added.text)")
            let change = try await client.get("/registers/subprocessors/sp-a/change", cookie: bpo).text
            #expect(change.contains("<option value=\"IE\" selected>Ireland</option>") && change.contains("<option value=\"NL\" selected>"))
            #expect(change.contains("<p>Chosen: Ireland, Netherlands</p>"))
        }
        #expect(try fixture.store.subprocessorRegister(organisation: WebFixture.processor).first?.locations == ["IE", "NL"])
    }
}
