import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// "Use your own wording" and "Add a rider" on the clause page, through the one proposal flow.
@Suite struct OwnWordingRouteTests {
    func uri(_ fixture: WebFixture, _ clause: String = "breach-notification") -> String { "/agreements/\(fixture.reference)/clauses/\(clause)" }

    /// The library text the form is prefilled with: the variant the example's version 1 uses.
    func librarySource(_ fixture: WebFixture, _ clause: ClauseID = "breach-notification") throws -> String {
        let selection = try #require(try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == clause })
        return try #require(Fixtures.library.clause(clause)?.variant(selection.variant)).text.source
    }

    @Test func theClausePageOffersOwnWordingPrefilledWithTheLibraryTextAndARider() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.legal, "controller")
        let source = try librarySource(fixture)
        try await fixture.application.test(.router) { client in
            let page = try await client.get(uri(fixture), cookie: cookie).text
            #expect(page.contains("action=\"/agreements/\(fixture.reference)/clauses/breach-notification/wording\""))
            #expect(page.contains("<summary>Use your own wording or add a rider</summary>"))
            #expect(page.contains(HTMLEscaping.escape(source)), "prefilled with the library text, placeholders and all")
            #expect(source.contains("{{hours}}"))
            #expect(page.contains("name=\"rider\""))
            #expect(page.contains("{{hours}} (Deadline for the Processor"))
            #expect(!page.contains("Non-standard wording"), "the library's text is standard")
        }
    }

    @Test func aRiderIsProposedAndTheOtherSideSeesItAsAProposalMarkedNonStandard() async throws {
        let fixture = try WebFixture()
        let (processor, csrf) = try fixture.session(.legal, "processor")
        let (controller, _) = try fixture.session(.legal, "controller")
        let source = try librarySource(fixture)
        try await fixture.application.test(.router) { client in
            let response = try await client.propose(uri(fixture) + "/wording", form: [
                ("_csrf", csrf), ("base", "1"), ("ownWording", source), ("rider", "The Processor also calls the security desk of the Controller within {{hours}}."),
                ("message", "A phone call as well"),
            ], cookie: processor)
            #expect(response.status == .seeOther)
            #expect(response.location == "/agreements/\(fixture.reference)", "saved into the draft, then sent from the review page")
            let head = try fixture.store.version(fixture.reference)
            let selection = try #require(head.document.clauses.first { $0.clause == "breach-notification" })
            #expect(head.number == 2 && head.message == "A phone call as well")
            #expect(selection.ownWording == nil, "the prefilled library text sent back unchanged is no own wording")
            #expect(selection.rider == "The Processor also calls the security desk of the Controller within {{hours}}.")
            #expect(try fixture.store.itemStates(fixture.reference).first { $0.key == "clause:breach-notification" }?.acceptedBy == [.processor])

            // The other side: the clause page marks it and shows the redline against the library's text, values filled.
            let page = try await client.get(uri(fixture), cookie: controller).text
            #expect(page.contains("<strong>Non-standard wording.</strong>"))
            #expect(page.contains("<ins>The Processor also calls the security desk of the Controller within 36 hours.</ins>"))
            #expect(page.contains("Clause ") && page.contains("data-wording=\"own\""))
            // The overview names the clause as non-standard and waits for the controller.
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: controller).text
            #expect(overview.contains("Personal Data Breaches (non-standard wording)"))
            // The redline between the versions labels the change and says it needs review.
            let compare = try await client.get("/agreements/\(fixture.reference)/compare?from=1&to=2", cookie: controller).text
            #expect(compare.contains("<span class=\"label\">Rider</span>: added <ins>a paragraph of the parties&#39; own</ins>") || compare.contains("<span class=\"label\">Rider</span>"))
            #expect(compare.contains("Your playbook: review: the parties"))
            #expect(compare.contains("<ins>The Processor also calls the security desk of the Controller within 36 hours.</ins>"))
            // The print preview (the export) prints the rider as part of the clause.
            let export = try await client.get("/agreements/\(fixture.reference)/versions/2", cookie: controller).text
            #expect(export.contains("The Processor also calls the security desk of the Controller within <span class=\"value\">36 hours</span>."))
        }
    }

    @Test func ownWordingReplacesTheTextAndTheVariantFormKeepsIt() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let own = "The Processor tells the Controller of a Personal Data Breach within {{hours}} [Art. 33(2)]."
            let response = try await client.propose(uri(fixture) + "/wording", form: [
                ("_csrf", csrf), ("base", "1"), ("ownWording", own), ("rider", ""), ("message", "Shorter"),
            ], cookie: cookie)
            #expect(response.status == .seeOther)
            #expect(try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == "breach-notification" }?.ownWording == own)
            let page = try await client.get(uri(fixture), cookie: cookie).text
            #expect(page.contains("name=\"restore\""), "a way back to the library's text")
            // Changing the hours through the clause's other form keeps the own wording.
            let changed = try await client.propose(uri(fixture), form: [
                ("_csrf", csrf), ("base", "2"), ("variant", try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == "breach-notification" }!.variant),
                ("parameters[hours]", "24"), ("parameters[phased]", "yes"), ("parameters[update-hours]", "24"), ("message", "24 hours"),
            ], cookie: cookie)
            #expect(changed.status == .seeOther)
            let selection = try #require(try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == "breach-notification" })
            #expect(selection.ownWording == own && selection.parameters["hours"] == .integer(24))
            // And back to the library's text.
            let restored = try await client.propose(uri(fixture) + "/wording", form: [
                ("_csrf", csrf), ("base", "3"), ("ownWording", own), ("restore", "yes"), ("rider", ""), ("message", "Back to the standard text"),
            ], cookie: cookie)
            #expect(restored.status == .seeOther)
            #expect(try fixture.store.version(fixture.reference).document.clauses.first { $0.clause == "breach-notification" }?.hasCustomWording == false)
        }
    }

    @Test func anUnknownPlaceholderAnswers422AtItsFieldWithTheTypedTextKept() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let typed = "Notice within {{hour}} <b>at once</b>."
            let response = try await client.propose(uri(fixture) + "/wording", form: [
                ("_csrf", csrf), ("base", "1"), ("ownWording", typed), ("rider", "[if quickly] Faster."), ("message", ""),
            ], cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("<p class=\"error\" id=\"ownWording-error\">line 1: placeholder &#39;{{hour}}&#39;"))
            #expect(response.text.contains("<p class=\"error\" id=\"rider-error\">line 1: &#39;quickly&#39; in a paragraph condition"))
            #expect(response.text.contains("<p class=\"error\" id=\"wording-message-error\">say what you changed and why</p>"))
            #expect(response.text.contains(">Notice within {{hour}} &lt;b&gt;at once&lt;/b&gt;.</textarea>"), "the typed text comes back, escaped")
            #expect(response.text.contains(">[if quickly] Faster.</textarea>"))
            #expect(!response.text.contains("<b>at once</b>"))
            let tooLong = try await client.propose(uri(fixture) + "/wording", form: [
                ("_csrf", csrf), ("base", "1"), ("ownWording", "x"), ("rider", String(repeating: "long ", count: 1_100)), ("message", "m"),
            ], cookie: cookie)
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("<p class=\"error\" id=\"rider-error\">at most 5000 characters</p>"))
        }
        #expect(try fixture.store.log(fixture.reference).count == 1, "nothing was saved")
    }

    @Test func withoutTheCSRFTokenNothingIsStored() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let response = try await client.propose(uri(fixture) + "/wording", form: [
                ("_csrf", "forged"), ("base", "1"), ("ownWording", "Own words."), ("rider", ""), ("message", "m"),
            ], cookie: cookie)
            #expect(response.status == .forbidden)
            let (viewer, viewerCSRF) = try fixture.session(.viewer, "processor")
            let read = try await client.propose(uri(fixture) + "/wording", form: [
                ("_csrf", viewerCSRF), ("base", "1"), ("ownWording", "Own words."), ("rider", ""), ("message", "m"),
            ], cookie: viewer)
            #expect(read.status == .forbidden)
        }
        #expect(try fixture.store.log(fixture.reference).count == 1)
    }

    @Test func theStoreRefusesWordingLongerThanItsLimitNamingTheField() throws {
        let fixture = try WebFixture()
        var document = try fixture.store.version(fixture.reference).document
        let index = try #require(document.clauses.firstIndex { $0.clause == "audits" })
        document.clauses[index].ownWording = String(repeating: "words ", count: ClauseWording.maximumOwnWordingLength / 5)
        do {
            try fixture.store.propose(document, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "long")
            Issue.record("a too long own wording was stored")
        } catch {
            #expect("\(error)".contains("clauses[\(index)].ownWording"))
        }
    }
}
