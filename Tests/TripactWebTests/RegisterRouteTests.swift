import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct RegisterRouteTests {
    /// A register entry as the browser's form sends it.
    static func entryForm(csrf: String, id: String, name: String, services: [String] = ["telephony", "contact-centre-platform"], extra: [(String, String)] = []) -> [(String, String)] {
        [("_csrf", csrf), ("id", id), ("name", name), ("address", "10 Quay Street, Dublin"), ("country", "IE")] + services.map { ("services[]", $0) } + [
            ("description", "Cloud telephony and call routing"), ("dataCategories[]", "user.contact.phone_number"),
            ("dataCategories[]", "user.name"), ("locations[]", "IE"), ("locations[]", "NL"), ("transferMechanism", "eea"), ("tiaReference", ""), ("contactName", "Aoife Byrne"),
            ("contactEmail", "privacy@\(id).example"), ("startDate", ""), ("onward", "Hyperscale Cloud Ireland Ltd; IE; infrastructure"),
            ("plannedStart", ""), ("message", "New telephony"),
        ] + extra
    }

    @Test func aProcessorAddsASubprocessorAndTheControllerObjectsToTheNoticeInTheBrowser() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (bpo, bpoToken) = try fixture.session(.legal, "processor")
            let (brand, brandToken) = try fixture.session(.legal, "controller")
            let (outsider, _) = try fixture.session(.legal, "outsider")
            #expect(try await client.get("/registers/subprocessors", cookie: bpo).status == .ok)
            #expect(try await client.get("/registers/subprocessors/new", cookie: bpo).text.contains("name=\"services[]\""))
            let added = try await client.propose("/registers/subprocessors/new", form: Self.entryForm(csrf: bpoToken, id: "sp-sonora", name: "Sonora Telecom Ltd"), cookie: bpo)
            #expect(added.status == .seeOther, "\(added.text)")
            let notice = try #require(try fixture.store.notices(visibleTo: nil).first)
            #expect(notice.agreement == fixture.reference)
            #expect(notice.kind == .notice)

            let register = try await client.get("/registers/subprocessors", cookie: bpo).text
            #expect(register.contains("Sonora Telecom Ltd") && register.contains("Hyperscale Cloud Ireland Ltd (IE)") && register.contains("/notices/\(notice.id)"))
            let dashboard = try await client.get("/", cookie: brand).text
            #expect(dashboard.contains("/notices/\(notice.id)") && dashboard.contains("add Sonora Telecom Ltd"))
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: brand).text
            #expect(overview.contains("Subprocessor notices"))

            let page = try await client.get("/notices/\(notice.id)", cookie: brand)
            #expect(page.status == .ok && page.text.contains("action=\"/notices/\(notice.id)/object\""))
            #expect(try await client.get("/notices/\(notice.id)", cookie: outsider).status == .notFound)
            #expect(try await client.get("/notices/\(notice.id)", cookie: bpo).text.contains("action=\"/notices/\(notice.id)/object\"") == false)

            let blank = try await client.propose("/notices/\(notice.id)/object", form: [("_csrf", brandToken), ("reason", "  ")], cookie: brand)
            #expect(blank.status == .unprocessableContent && blank.text.contains("an objection needs its grounds"))
            #expect(try await client.propose("/notices/\(notice.id)/object", form: [("reason", "x")], cookie: brand).status == .forbidden)
            let outsiderToken = try fixture.session(.legal, "outsider")
            for action in ["object", "approve", "resolve"] {
                let response = try await client.propose("/notices/\(notice.id)/\(action)", form: [("_csrf", outsiderToken.csrf), ("reason", "x"), ("outcome", "withdrawn"), ("note", "n")], cookie: outsiderToken.cookie)
                #expect(response.status == .notFound, "\(action)")
            }
            let objected = try await client.propose("/notices/\(notice.id)/object", form: [("_csrf", brandToken), ("reason", "<script>alert(1)</script> no certificate")], cookie: brand)
            #expect(objected.status == .seeOther)
            #expect(try fixture.store.notice(notice.id).status == .objected)
            let shown = try await client.get("/notices/\(notice.id)", cookie: bpo).text
            #expect(!shown.contains("<script>alert(1)") && shown.contains("&lt;script&gt;alert(1)&lt;/script&gt; no certificate"))
            #expect(shown.contains("action=\"/notices/\(notice.id)/resolve\""))
            let resolved = try await client.propose("/notices/\(notice.id)/resolve", form: [("_csrf", bpoToken), ("outcome", "withdrawn"), ("note", "We keep Nuvola for Lumen")], cookie: bpo)
            #expect(resolved.status == .seeOther)
            #expect(try fixture.store.notice(notice.id).status == .withdrawn)
        }
    }

    @Test func anInvalidEntryComesBackWithAMessageAtEachFieldAndTheValuesKept() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (bpo, token) = try fixture.session(.legal, "processor")
            var form = Self.entryForm(csrf: token, id: "sp-x", name: "\"><script>alert(9)</script>", services: []).filter { !["country", "onward", "startDate"].contains($0.0) }
            form += [("country", "ZZ"), ("onward", "no semicolons here"), ("startDate", "2026-02-30")]
            let response = try await client.propose("/registers/subprocessors/new", form: form, cookie: bpo)
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(page.contains("id=\"startDate-error\""))
            let second = try await client.propose("/registers/subprocessors/new", form: form.filter { $0.0 != "startDate" } + [("startDate", "")], cookie: bpo)
            #expect(second.status == .unprocessableContent)
            for field in ["country", "services", "onwardSubprocessors"] { #expect(second.text.contains("id=\"\(field)-error\""), "\(field)") }
            #expect(second.text.contains("&quot;&gt;&lt;script&gt;alert(9)&lt;/script&gt;") && !second.text.contains("<script>alert(9)"))
            #expect(try fixture.store.subprocessorRegister(organisation: WebFixture.processor).isEmpty)
            let viewer = try fixture.session(.viewer, "processor")
            #expect(try await client.propose("/registers/subprocessors/new", form: Self.entryForm(csrf: viewer.csrf, id: "sp-y", name: "Y"), cookie: viewer.cookie).status == .forbidden)
            #expect(try await client.propose("/registers/subprocessors/new", form: Self.entryForm(csrf: "wrong", id: "sp-y", name: "Y"), cookie: bpo).status == .forbidden)
        }
    }

    @Test func aChangeReplacesAnEntryAndARemovalNeedsItsConfirmation() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (bpo, token) = try fixture.session(.legal, "processor")
            // Surveys are a service the example agreement does not use: no notice, so nothing holds the next change.
            _ = try await client.propose("/registers/subprocessors/new", form: Self.entryForm(csrf: token, id: "sp-a", name: "Alpha Voice", services: ["surveys"]), cookie: bpo)
            #expect(try fixture.store.notices(visibleTo: nil).isEmpty)
            #expect(try await client.get("/registers/subprocessors/sp-a/change", cookie: bpo).text.contains("value=\"Alpha Voice\""))
            #expect(try await client.get("/registers/subprocessors/sp-none/change", cookie: bpo).status == .notFound)
            let (other, _) = try fixture.session(.legal, "outsider")
            #expect(try await client.get("/registers/subprocessors/sp-a/change", cookie: other).status == .notFound)
            let replaced = try await client.propose("/registers/subprocessors/sp-a/change", form: Self.entryForm(csrf: token, id: "sp-b", name: "Bravo Voice", services: ["surveys"], extra: [("kind", "replacement")]), cookie: bpo)
            #expect(replaced.status == .seeOther)
            let summaries = try fixture.store.registerChanges(organisationID: fixture.store.user(email: WebFixture.email(.legal, "processor")).organisationID).map(\.change.summary)
            #expect(summaries.first == "replace Alpha Voice by Bravo Voice")
            // A second change to an entry waits while a notice about it is open.
            let clash = try await client.propose("/registers/subprocessors/new", form: Self.entryForm(csrf: token, id: "sp-c", name: "Charlie Voice"), cookie: bpo)
            #expect(clash.status == .seeOther)
            #expect(try await client.propose("/registers/subprocessors/sp-c/change", form: Self.entryForm(csrf: token, id: "sp-d", name: "Delta", extra: [("kind", "replacement")]), cookie: bpo).status == .conflict)
            let badDate = try await client.propose("/registers/subprocessors/sp-b/remove", form: [("_csrf", token), ("plannedStart", "2026-02-30"), ("message", "x"), ("confirm", "yes")], cookie: bpo)
            #expect(badDate.status == .unprocessableContent && badDate.text.contains("plannedStart"))
            #expect(try fixture.store.subprocessorRegister(organisation: WebFixture.processor).first { $0.id == "sp-b" }?.endDate == nil)
            let unconfirmed = try await client.propose("/registers/subprocessors/sp-b/remove", form: [("_csrf", token), ("message", "retired")], cookie: bpo)
            #expect(unconfirmed.status == .unprocessableContent)
            let removed = try await client.propose("/registers/subprocessors/sp-b/remove", form: [("_csrf", token), ("message", "retired"), ("confirm", "yes")], cookie: bpo)
            #expect(removed.status == .seeOther)
        }
    }

    @Test func everyRegisterAndNoticePostNeedsTheSessionsToken() async throws {
        let fixture = try WebFixture()
        let bpo = WebFixture.email(.legal, "processor")
        try fixture.store.proposeRegisterChange(.addition, entry: Fixtures.registerRecord("sp-a", name: "Alpha", services: ["telephony"]), replacing: nil, plannedStart: nil, message: "", by: bpo, library: Fixtures.library)
        try fixture.store.saveEvidence(MeasureEvidence(id: "iso", measure: "isms-governance", kind: .certificate, title: "t", issuer: "i", issued: fixture.store.today(), expires: nil, reference: "r"), by: bpo)
        let notice = try #require(try fixture.store.notices(visibleTo: nil).first)
        try await fixture.application.test(.router) { client in
            for side in ["processor", "controller"] {
                let (cookie, csrf) = try fixture.session(side == "processor" ? .admin : .legal, side)
                for uri in [
                    "/registers/subprocessors/new", "/registers/subprocessors/sp-a/change", "/registers/subprocessors/sp-a/remove", "/registers/publish", "/registers/measures",
                    "/registers/measures/iso/remove", "/notices/\(notice.id)/object", "/notices/\(notice.id)/approve", "/notices/\(notice.id)/resolve",
                ] {
                    let form = Self.entryForm(csrf: "", id: "sp-z", name: "Z").filter { $0.0 != "_csrf" } + [("confirm", "yes"), ("reason", "r"), ("slug", "x"), ("outcome", "withdrawn"), ("note", "n")]
                    #expect(try await client.propose(uri, form: form, cookie: cookie).status == .forbidden, "\(uri) without token")
                    #expect(try await client.propose(uri, form: form + [("_csrf", String(csrf.reversed()))], cookie: cookie).status == .forbidden, "\(uri) wrong token")
                }
            }
        }
        #expect(try fixture.store.notice(notice.id).status == .pending)
        #expect(try fixture.store.subprocessorRegister(organisation: WebFixture.processor).map(\.id) == ["sp-a"])
        #expect(try fixture.store.publicSlug(organisationID: fixture.store.user(email: bpo).organisationID) == nil)
    }

    @Test func annexTwoNamesTheServicesThatRegisterChangesFollow() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(page.contains("<input type=\"checkbox\" id=\"services-telephony\" name=\"services[]\" value=\"telephony\" checked>"))
            let saved = try await client.propose("/agreements/\(fixture.reference)/annex2", form: [
                ("_csrf", csrf), ("base", "1"), ("channels[]", "voice"), ("dataSubjects[]", "customer"), ("dataCategories[]", "user.name"),
                ("purposes[]", "essential.service.operations.support"), ("services[]", "crm"), ("services[]", "no-such-service"), ("message", "CRM only"),
            ], cookie: cookie)
            #expect(saved.status == .seeOther)
        }
        #expect(try fixture.store.version(fixture.reference).document.processing.services == ["crm"])
    }

    @Test func thePublicListNeedsNoLogInAndItsFeedIsValidAtom() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (admin, adminToken) = try fixture.session(.admin, "processor")
            let (bpo, token) = try fixture.session(.legal, "processor")
            #expect(try await client.get("/public/atlantis/subprocessors").status == .notFound)
            #expect(try await client.propose("/registers/publish", form: [("_csrf", token), ("slug", "atlantis")], cookie: bpo).status == .forbidden)
            #expect(try await client.propose("/registers/publish", form: [("_csrf", adminToken), ("slug", "Not A Slug")], cookie: admin).status == .unprocessableContent)
            #expect(try await client.propose("/registers/publish", form: [("_csrf", adminToken), ("slug", "atlantis")], cookie: admin).status == .seeOther)
            _ = try await client.propose("/registers/subprocessors/new", form: Self.entryForm(csrf: token, id: "sp-a", name: "Alpha & <Voice>"), cookie: bpo)
            fixture.clock.advance(3_600)
            _ = try await client.propose("/registers/subprocessors/new", form: Self.entryForm(csrf: token, id: "sp-b", name: "Bravo Voice"), cookie: bpo)

            let page = try await client.get("/public/atlantis/subprocessors")
            #expect(page.status == .ok && page.text.contains("Alpha &amp; &lt;Voice&gt;") && !page.text.contains("privacy@sp-a.example"))
            let feed = try await client.get("/public/atlantis/subprocessors.atom")
            #expect(feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let atom = try AtomCheck.parse(feed.text)
            #expect(atom.feed["id"] == "urn:tripact:register:atlantis")
            #expect(atom.feed["title"] == "Subprocessors of \(WebFixture.processor)")
            #expect(atom.feed["author/name"] == WebFixture.processor)
            #expect(atom.feed["updated"].flatMap(AtomCheck.rfc3339) != nil)
            #expect(atom.entries.count == 2)
            #expect(atom.entries.first?["title"] == "Add Bravo Voice")
            for entry in atom.entries {
                for element in ["id", "title", "updated", "content"] { #expect(!(entry[element] ?? "").isEmpty, "\(element)") }
                #expect(entry["updated"].flatMap(AtomCheck.rfc3339) != nil)
            }
            #expect(Set(atom.entries.compactMap { $0["id"] }).count == 2)
            #expect(atom.entries.last?["title"] == "Add Alpha & <Voice>")

            _ = try await client.propose("/registers/publish", form: [("_csrf", adminToken), ("unpublish", "yes")], cookie: admin)
            #expect(try await client.get("/public/atlantis/subprocessors.atom").status == .notFound)
        }
    }

    @Test func evidenceNearItsExpiryWarnsOnTheDashboardAndTheAgreement() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (bpo, token) = try fixture.session(.legal, "processor")
            let today = fixture.store.today()
            let form: [(String, String)] = [
                ("_csrf", token), ("id", "iso"), ("measure", "isms-governance"), ("kind", "certificate"), ("title", "ISO/IEC 27001 certificate"),
                ("issuer", "Certa"), ("issued", today.adding(days: -300).iso), ("expires", today.adding(days: 30).iso), ("reference", "C-42"),
            ]
            #expect(try await client.propose("/registers/measures", form: form, cookie: bpo).status == .seeOther)
            let bad = try await client.propose("/registers/measures", form: form.map { $0.0 == "expires" ? ("expires", "soon") : $0 }, cookie: bpo)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"expires-error\""))
            #expect(try await client.get("/registers/measures", cookie: bpo).text.contains("30 days left"))
            #expect(try await client.get("/", cookie: bpo).text.contains("Evidence to renew"))
            let brand = try fixture.session(.viewer, "controller").cookie
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: brand).text
            // In words, by the measure it stands behind; the finding's code stays in the JSON.
            #expect(overview.contains("expires on") && overview.contains("in 30 days") && !overview.contains("evidence.expiring"))
            // The controller relies on the measure too: its dashboard says so.
            #expect(try await client.get("/", cookie: brand).text.contains("Evidence to renew"))
            let outsider = try fixture.session(.legal, "outsider")
            #expect(try await client.propose("/registers/measures/iso/remove", form: [("_csrf", outsider.csrf)], cookie: outsider.cookie).status == .unprocessableContent)
            #expect(try await client.propose("/registers/measures/iso/remove", form: [("_csrf", token)], cookie: bpo).status == .seeOther)
            #expect(try fixture.store.evidence(organisationID: fixture.store.user(email: WebFixture.email(.legal, "processor")).organisationID).isEmpty)
        }
    }
}

/// Reads an Atom document with Foundation's XML parser: the feed's direct children and each entry's, by element path.
final class AtomCheck: NSObject, XMLParserDelegate {
    var feed: [String: String] = [:]
    var entries: [[String: String]] = []
    private var path: [String] = []
    private var text = ""
    private var namespaceOK = false

    static func parse(_ xml: String) throws -> AtomCheck {
        let check = AtomCheck()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = check
        guard parser.parse(), check.namespaceOK else { throw AtomError(message: "not a well-formed Atom document: \(parser.parserError.map { "\($0)" } ?? "wrong namespace")") }
        return check
    }

    struct AtomError: Error { let message: String }

    static func rfc3339(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if path.isEmpty, name == "feed", attributes["xmlns"] == "http://www.w3.org/2005/Atom" { namespaceOK = true }
        path.append(name)
        text = ""
        if path == ["feed", "entry"] { entries.append([:]) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if path.count >= 2, path[1] == "entry", path.count > 2 {
            entries[entries.count - 1][path.dropFirst(2).joined(separator: "/")] = text
        } else if path.count >= 2, path[1] != "entry" {
            feed[path.dropFirst().joined(separator: "/")] = text
        }
        path.removeLast()
        text = ""
    }
}

@Suite struct NoticeSettlementTests {
    @Test func theRunningServerAppliesANoticeWhoseDayHasCome() async throws {
        let fixture = try WebFixture()
        let bpo = WebFixture.email(.legal, "processor")
        let result = try fixture.store.proposeRegisterChange(
            .addition, entry: Fixtures.registerRecord("sp-voice", name: "Voice Cloud", services: ["telephony"]), replacing: nil, plannedStart: nil, message: "new telephony",
            by: bpo, library: Fixtures.library
        )
        let notice = try #require(result.notices.first)
        let headBefore = try fixture.store.agreement(fixture.reference).head
        fixture.clock.advance(Double(fixture.store.today().days(until: notice.takesEffect) + 1) * 86_400)
        let app = try buildApplication(configuration: fixture.configuration)
        try await app.test(.live) { client in
            #expect(try await client.get("/health").text == "ok")
            // The server settles at start and then every five minutes; give the first pass a moment.
            for _ in 0..<50 where try fixture.store.notice(notice.id).status != .applied {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(try fixture.store.notice(notice.id).status == .applied)
        #expect(try fixture.store.agreement(fixture.reference).head == headBefore + 1)
        #expect(try fixture.store.version(fixture.reference).document.subprocessors.contains { $0.id == "sp-voice" })
    }
}
