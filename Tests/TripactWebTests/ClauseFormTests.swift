import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct ClauseFormTests {
    func clauseURI(_ fixture: WebFixture, _ clause: String) -> String { "/agreements/\(fixture.reference)/clauses/\(clause)" }

    @Test func theFormShowsBoundsPlaybooksAndTheVersionItWasLoadedFrom() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let page = try await client.get(clauseURI(fixture, "breach-notification"), cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("<input type=\"hidden\" name=\"base\" value=\"1\">"))
            #expect(page.text.contains("type=\"number\" min=\"1\" max=\"48\" step=\"1\" value=\"36\""))
            #expect(page.text.contains("(1 hour to 48 hours)"))
            // The clause's wording as the version prints it, with the agreed value filled in, above the form.
            #expect(page.text.contains("<h2 id=\"wording-heading\">The wording in version 1</h2>"))
            #expect(page.text.contains("in any event within <span class=\"value\">36 hours</span> of becoming aware of it"))
            // Placeholders appear only in the own-wording form, which edits the clause in the library's syntax.
            #expect(!page.text.components(separatedBy: "<section class=\"own-wording\"")[0].contains("{{hours}}"))
            // The other variants' wording, with the same values, folded: one per other variant, none anchored twice.
            let breach = try #require(Fixtures.library.clause("breach-notification"))
            #expect(page.text.components(separatedBy: "<details class=\"variant\">").count - 1 == breach.variants.count - 1)
            for variant in breach.variants { #expect(page.text.contains("data-variant=\"\(variant.key)\"")) }
            #expect(page.text.components(separatedBy: "id=\"clause-breach-notification\"").count - 1 == 1)
            #expect(page.text.range(of: "The wording in version 1")!.lowerBound < page.text.range(of: "<label for=\"variant\">")!.lowerBound)
            #expect(page.text.contains("Your playbook: preferred 24 hours, fallback 36 hours, walk-away 48 hours."))
            let (processor, _) = try fixture.session(.legal, "processor")
            let other = try await client.get(clauseURI(fixture, "breach-notification"), cookie: processor).text
            #expect(!other.contains("preferred 24 hours, fallback 36 hours, walk-away 48 hours") && other.contains("Your playbook: preferred 48 hours"), "the controller's limits never reach the processor")
            #expect(page.text.contains("<label for=\"parameter-hours\">"))
        }
    }

    @Test func aValidChangeProposesAVersionAcceptedByTheProposerOnly() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let response = try await client.propose(clauseURI(fixture, "breach-notification"), form: [
                ("_csrf", csrf), ("base", "1"), ("variant", "controller"), ("parameters[hours]", "24"), ("parameters[phased]", "yes"),
                ("parameters[update-hours]", "24"), ("message", "24 hours, as our playbook says"),
            ], cookie: cookie)
            #expect(response.status == .seeOther)
        }
        let head = try fixture.store.version(fixture.reference)
        #expect(head.number == 2 && head.party == .controller && head.message == "24 hours, as our playbook says")
        let selection = try #require(head.document.clauses.first { $0.clause == "breach-notification" })
        #expect(selection.variant == "controller" && selection.parameters["hours"] == .integer(24))
        #expect(try fixture.store.itemStates(fixture.reference).first { $0.key == "clause:breach-notification" }?.acceptedBy == [.controller])
    }

    @Test func anOutOfBoundsValueComesBackAtItsFieldWithTheEntriesKept() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let response = try await client.propose(clauseURI(fixture, "breach-notification"), form: [
                ("_csrf", csrf), ("base", "1"), ("variant", "processor"), ("parameters[hours]", "500"), ("parameters[update-hours]", "soon"), ("message", ""),
            ], cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("<p class=\"error\" id=\"parameter-hours-error\">hours is 500 hours, above its maximum 48 hours</p>"))
            #expect(response.text.contains("<p class=\"error\" id=\"parameter-update-hours-error\">enter a whole number</p>"))
            #expect(response.text.contains("<p class=\"error\" id=\"message-error\">say what you changed and why</p>"))
            #expect(response.text.contains("value=\"500\" aria-invalid=\"true\""))
            #expect(response.text.contains("<option value=\"processor\" selected>"))
        }
        #expect(try fixture.store.log(fixture.reference).count == 1, "nothing was saved")
    }

    @Test func aBlankTextFieldKeepsTheStoredValueUnlessCleared() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let stored = try #require(try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == "governing-law" })
        try await fixture.application.test(.router) { client in
            let response = try await client.propose(clauseURI(fixture, "governing-law"), form: [
                ("_csrf", csrf), ("base", "1"), ("variant", "processor-law"), ("parameters[law]", ""), ("parameters[courts]", ""), ("message", "our law"),
            ], cookie: cookie)
            #expect(response.status == .seeOther)
        }
        let saved = try #require(try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == "governing-law" })
        #expect(saved.variant == "processor-law")
        #expect(saved.parameters["law"] == (stored.parameters["law"] ?? Fixtures.library.clause("governing-law")?.parameter("law")?.defaultValue))
    }

    @Test func viewersAndOutsidersCannotProposeAndHostileTextIsEscaped() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (viewer, viewerCSRF) = try fixture.session(.viewer, "controller")
            let form: [(String, String)] = [("base", "1"), ("variant", "controller-law"), ("parameters[law]", "<script>alert(1)</script>"), ("message", "\"><img src=x onerror=alert(1)>")]
            #expect(try await client.propose(clauseURI(fixture, "governing-law"), form: form + [("_csrf", viewerCSRF)], cookie: viewer).status == .forbidden)
            let (outsider, outsiderCSRF) = try fixture.session(.legal, "outsider")
            #expect(try await client.propose(clauseURI(fixture, "governing-law"), form: form + [("_csrf", outsiderCSRF)], cookie: outsider).status == .notFound)
            let (legal, legalCSRF) = try fixture.session(.legal, "controller")
            #expect(try await client.propose(clauseURI(fixture, "governing-law"), form: form, cookie: legal).status == .forbidden)
            #expect(try await client.propose(clauseURI(fixture, "governing-law"), form: form + [("_csrf", legalCSRF)], cookie: legal).status == .seeOther)
            for uri in [clauseURI(fixture, "governing-law"), "/agreements/\(fixture.reference)", "/agreements/\(fixture.reference)/compare?from=1&to=2"] {
                let page = try await client.get(uri, cookie: legal).text
                #expect(!page.contains("<script") && !page.contains("<img"), "\(uri)")
            }
        }
    }

    @Test func anyUserOfAPartyCommentsAndTheThreadIsEscaped() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.accountManager, "processor")
        try await fixture.application.test(.router) { client in
            let uri = clauseURI(fixture, "audits") + "/comments"
            #expect(try await client.propose(uri, form: [("body", "no token")], cookie: cookie).status == .forbidden)
            #expect(try await client.propose(uri, form: [("_csrf", csrf), ("body", "  ")], cookie: cookie).status == .unprocessableContent)
            let posted = try await client.propose(uri, form: [("_csrf", csrf), ("body", "Can we rely on the ISO report? <script>alert(1)</script>")], cookie: cookie)
            #expect(posted.status == .seeOther)
            let page = try await client.get(clauseURI(fixture, "audits"), cookie: try fixture.session(.viewer, "controller").cookie).text
            #expect(page.contains("Can we rely on the ISO report? &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.contains("<strong>account-manager of processor</strong>"))
            let (outsider, outsiderCSRF) = try fixture.session(.admin, "outsider")
            #expect(try await client.propose(uri, form: [("_csrf", outsiderCSRF), ("body", "hello")], cookie: outsider).status == .notFound)
        }
        #expect(try fixture.store.comments(fixture.reference, visibleTo: fixture.store.user(email: WebFixture.email(.legal, "processor")).organisationID).count == 1)
    }
}
