import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct ItemPageTests {
    func itemURI(_ fixture: WebFixture, _ key: String) -> String {
        "/agreements/\(fixture.reference)/items/\(key.replacingOccurrences(of: ":", with: "%3A"))"
    }

    /// One key of every item kind but clauses, from the fixture's own document.
    func keysOfEveryKind(_ fixture: WebFixture) throws -> [String] {
        let states = try fixture.store.itemStates(fixture.reference)
        var keys: [String] = []
        for kind in ["party", "annex2", "measure", "subprocessor", "annex3", "annex5", "agreement"] {
            keys.append(try #require(states.first { $0.key.kind == kind }?.key.rawValue, "\(kind)"))
        }
        return keys
    }

    @Test func everyItemKindHasAPageLinkedFromTheOverviewWithItsThreadAndDecisions() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            for key in try keysOfEveryKind(fixture) {
                #expect(overview.contains("<a href=\"\(itemURI(fixture, key))\">"), "\(key) is linked from the overview")
                let page = try await client.get(itemURI(fixture, key), cookie: cookie)
                #expect(page.status == .ok, "\(key)")
                #expect(page.text.contains("<strong id=\"item-state\">accepted by processor only</strong>"), "\(key)")
                #expect(page.text.contains("action=\"\(itemURI(fixture, key))/reject\""), "\(key)")
                #expect(page.text.contains("action=\"\(itemURI(fixture, key))/accept\""), "\(key)")
                #expect(page.text.contains("action=\"\(itemURI(fixture, key))/comments\""), "\(key)")
                #expect(page.text.contains("<label for=\"reason\">"), "\(key)")
            }
            let clause = try await client.get("/agreements/\(fixture.reference)/clauses/audits", cookie: cookie).text
            #expect(clause.contains("action=\"\(itemURI(fixture, "clause:audits"))/reject\""), "the clause form gets reject too")
            #expect(clause.contains("name=\"back\" value=\"clause\""))
            let (viewer, _) = try fixture.session(.viewer, "processor")
            let read = try await client.get(itemURI(fixture, "party:controller"), cookie: viewer).text
            #expect(!read.contains("/reject\"") && read.contains("/comments\""), "a viewer comments but does not negotiate")
            let (outsider, _) = try fixture.session(.admin, "outsider")
            #expect(try await client.get(itemURI(fixture, "party:controller"), cookie: outsider).status == .notFound)
            #expect(try await client.get(itemURI(fixture, "measure:no-such-measure"), cookie: cookie).status == .notFound)
        }
    }

    @Test func rejectingNeedsAReasonWithdrawsTheAcceptanceAndReturnsTheAgreementToDraft() async throws {
        let fixture = try WebFixture()
        let key = try keysOfEveryKind(fixture)[3]
        try fixture.store.accept(nil, on: fixture.reference, by: WebFixture.email(.legal, "controller"), expectedHead: 1)
        #expect(try fixture.store.agreement(fixture.reference).status == .agreed)
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let blank = try await client.post(itemURI(fixture, key) + "/reject", form: [("_csrf", csrf), ("version", "1"), ("reason", "   ")], cookie: cookie)
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("<p class=\"error\" id=\"reason-error\">give the reason for rejecting"))
            #expect(try fixture.store.agreement(fixture.reference).status == .agreed, "nothing changed")
            let rejected = try await client.post(itemURI(fixture, key) + "/reject", form: [
                ("_csrf", csrf), ("version", "1"), ("reason", "Our provider changed <b>twice</b> this year"),
            ], cookie: cookie)
            #expect(rejected.status == .seeOther && rejected.location == itemURI(fixture, key))
            let page = try await client.get(itemURI(fixture, key), cookie: cookie).text
            #expect(page.contains("<strong id=\"item-state\">disputed by processor</strong>"))
            #expect(page.contains("rejected on version 1") && page.contains("Our provider changed &lt;b&gt;twice&lt;/b&gt; this year"))
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            // The item's margin on the agreement page says who disputes it and why.
            #expect(overview.contains("<p class=\"dispute\">Disputed by you (legal of processor, processor) on version 1: “Our provider changed &lt;b&gt;twice&lt;/b&gt; this year”</p>"))
            // Accepting again from the item page.
            let accepted = try await client.post(itemURI(fixture, key) + "/accept", form: [("_csrf", csrf), ("version", "1")], cookie: cookie)
            #expect(accepted.status == .seeOther && accepted.location == itemURI(fixture, key))
        }
        #expect(try fixture.store.agreement(fixture.reference).status == .agreed)
        #expect(try fixture.store.auditEvents(agreement: fixture.reference).contains { $0.action == "item.reject" })
    }

    @Test func aRejectionStaysOnTheAgreementAndItemPagesThroughUnrelatedVersionsUntilTheItemChanges() async throws {
        let fixture = try WebFixture()
        let key = try keysOfEveryKind(fixture)[3]
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        let dispute = " <span class=\"warning dispute\">— rejected by legal of controller for the controller on version 1: The US transfer needs a current TIA</span>"
        try await fixture.application.test(.router) { client in
            let rejected = try await client.post(itemURI(fixture, key) + "/reject", form: [
                ("_csrf", csrf), ("version", "1"), ("reason", "The US transfer needs a current TIA"),
            ], cookie: cookie)
            #expect(rejected.status == .seeOther)
            var document = Fixtures.example("full-scenario.json")
            for (base, hours) in [(1, 30), (2, 24)] {
                Fixtures.set("breach-notification", "hours", .integer(hours), in: &document)
                try fixture.store.propose(document, on: fixture.reference, basedOn: base, by: WebFixture.email(.legal, "processor"), message: "\(hours) hours")
            }
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(
                overview.contains("<p class=\"dispute\">Disputed by you (legal of controller, controller) on version 1: “The US transfer needs a current TIA”</p>"),
                "the dispute in the item's margin, two versions later"
            )
            let page = try await client.get(itemURI(fixture, key), cookie: cookie).text
            #expect(page.contains("<strong id=\"item-state\">disputed by controller</strong>" + dispute))

            // The processor changes the item itself: the new wording is an open question again.
            let index = try #require(document.subprocessors.firstIndex { "subprocessor:\($0.id)" == key })
            document.subprocessors[index].service = "Speech analytics on a 10 % sample of calls"
            try fixture.store.propose(document, on: fixture.reference, basedOn: 3, by: WebFixture.email(.legal, "processor"), message: "smaller sample")
            let after = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(!after.contains("disputed by") && !after.contains("rejected by"))
            #expect(try await client.get(itemURI(fixture, key), cookie: cookie).text.contains("<strong id=\"item-state\">accepted by processor only</strong>"))
        }
    }

    @Test func rejectingAClauseFromItsFormReturnsToTheForm() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let rejected = try await client.post(itemURI(fixture, "clause:audits") + "/reject", form: [
                ("_csrf", csrf), ("version", "1"), ("reason", "We drafted it badly"), ("back", "clause"),
            ], cookie: cookie)
            #expect(rejected.status == .seeOther && rejected.location == "/agreements/\(fixture.reference)/clauses/audits")
            let form = try await client.get("/agreements/\(fixture.reference)/clauses/audits", cookie: cookie).text
            #expect(form.contains("<strong id=\"item-state\">disputed by processor</strong>") && form.contains("We drafted it badly"))
        }
    }

    @Test func rejectionsAreRefusedForStaleHeadsSignedVersionsRolesTokensAndOutsiders() async throws {
        let fixture = try WebFixture()
        var v2 = Fixtures.example("full-scenario.json")
        Fixtures.set("breach-notification", "hours", .integer(24), in: &v2)
        try fixture.store.propose(v2, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "24 hours")
        let uri = itemURI(fixture, "party:controller") + "/reject"
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "processor")
            let stale = try await client.post(uri, form: [("_csrf", csrf), ("version", "1"), ("reason", "Wrong address")], cookie: cookie)
            #expect(stale.status == .conflict && stale.text.contains("Version 2 was proposed after you opened this page"))
            #expect(stale.text.contains(">Wrong address</textarea>"), "the reason is kept")
            #expect(try await client.post(uri, form: [("version", "2"), ("reason", "x")], cookie: cookie).status == .forbidden)
            #expect(try await client.post(uri, form: [("_csrf", "x"), ("version", "2"), ("reason", "x")], cookie: cookie).status == .forbidden)
            for role in [Role.viewer, .accountManager] {
                let (other, otherCSRF) = try fixture.session(role, "processor")
                #expect(try await client.post(uri, form: [("_csrf", otherCSRF), ("version", "2"), ("reason", "x")], cookie: other).status == .forbidden, "\(role)")
            }
            let (outsider, outsiderCSRF) = try fixture.session(.legal, "outsider")
            #expect(try await client.post(uri, form: [("_csrf", outsiderCSRF), ("version", "2"), ("reason", "x")], cookie: outsider).status == .notFound)
            try fixture.store.accept(nil, on: fixture.reference, by: WebFixture.email(.legal, "processor"), expectedHead: 2)
            try fixture.store.accept(nil, on: fixture.reference, by: WebFixture.email(.legal, "controller"), expectedHead: 2)
            try fixture.store.sign(fixture.reference, by: fixture.signatory("processor"), library: Fixtures.library, expectedHead: 2)
            try fixture.store.sign(fixture.reference, by: fixture.signatory("controller"), library: Fixtures.library, expectedHead: 2)
            let (controller, controllerCSRF) = try fixture.session(.legal, "controller")
            let signed = try await client.post(uri, form: [("_csrf", controllerCSRF), ("version", "2"), ("reason", "too late")], cookie: controller)
            #expect(signed.status == .forbidden && signed.text.contains("is signed"))
        }
        #expect(try fixture.store.comments(fixture.reference, visibleTo: fixture.store.user(email: WebFixture.email(.legal, "processor")).organisationID).isEmpty, "no refused rejection left a comment")
        #expect(try fixture.store.agreement(fixture.reference).status == .signed)
    }

    @Test func everyUserOfAPartyButAViewerCommentsOnAnyItem() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.accountManager, "controller")
        let (viewer, viewerCSRF) = try fixture.session(.viewer, "controller")
        let key = try keysOfEveryKind(fixture)[1]
        try await fixture.application.test(.router) { client in
            let posted = try await client.post(itemURI(fixture, key) + "/comments", form: [("_csrf", csrf), ("body", "Which retention applies to <i>chats</i>?")], cookie: cookie)
            #expect(posted.status == .seeOther)
            #expect(try await client.get(itemURI(fixture, key), cookie: cookie).text.contains("Which retention applies to &lt;i&gt;chats&lt;/i&gt;?"))
            #expect(try await client.post(itemURI(fixture, key) + "/comments", form: [("body", "no token")], cookie: cookie).status == .forbidden)
            let refused = try await client.post(itemURI(fixture, key) + "/comments", form: [("_csrf", viewerCSRF), ("body", "a viewer's remark")], cookie: viewer)
            #expect(refused.status == .forbidden && refused.text.contains("viewers read, they do not comment"))
        }
        #expect(try fixture.store.comments(fixture.reference, item: ItemKey(rawValue: key), visibleTo: fixture.store.user(email: WebFixture.email(.legal, "processor")).organisationID).map(\.isRejection) == [false])
    }
}
