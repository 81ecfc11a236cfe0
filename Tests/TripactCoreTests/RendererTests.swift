import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct RendererTests {
    func render(_ document: AgreementDocument, context: RenderContext = RenderContext()) -> String {
        AgreementRenderer.render(AgreementFacts(document: document, library: Fixtures.library), context: context)
    }

    @Test func everyApplicableMandatoryClauseIsPrintedInLibraryOrderWithComputedNumbers() {
        let document = Fixtures.document()
        let html = render(document)
        let expected = Fixtures.library.clauses.filter { clause in document.clauses.contains { $0.clause == clause.id } }
        #expect(expected.count == document.clauses.count)
        var cursor = html.startIndex
        for (offset, clause) in expected.enumerated() {
            let marker = "<section class=\"clause\" id=\"clause-\(clause.id)\""
            guard let found = html.range(of: marker, range: cursor..<html.endIndex) else {
                Issue.record("clause \(clause.id) missing or out of order")
                return
            }
            let heading = "<span class=\"number\">\(offset + 1).</span>"
            #expect(html[found.upperBound...].prefix(400).contains(heading), "clause \(clause.id) is not numbered \(offset + 1)")
            cursor = found.upperBound
        }
        for clause in Fixtures.library.clauses where clause.mandatory && clause.applies == [.always] {
            #expect(html.contains("id=\"clause-\(clause.id)\""))
        }
    }

    @Test func insertingAClauseRenumbersTheOnesBelowIt() {
        let without = render(Fixtures.document())
        let with = render(Fixtures.document { $0.clauses.append(ClauseSelection(clause: "docking", variant: "standard")) })
        let dockingOrder = Fixtures.library.clause("docking")!.order
        let before = Fixtures.library.clauses.filter { $0.order < dockingOrder && $0.applies == [.always] }.count
        #expect(with.contains("id=\"clause-docking\""))
        #expect(!without.contains("id=\"clause-docking\""))
        let next = Fixtures.library.clauses.first { $0.order > dockingOrder && $0.applies == [.always] }!
        let marker = "id=\"clause-\(next.id)\""
        #expect(with[with.range(of: marker)!.upperBound...].prefix(300).contains("<span class=\"number\">\(before + 2).</span>"))
    }

    @Test func parametersArePrintedWithTheirUnits() {
        let html = render(Fixtures.document { Fixtures.set("breach-notification", "hours", .integer(24), in: &$0) })
        #expect(html.contains("<span class=\"value\">24 hours</span>"))
    }

    @Test func annexTablesHoldEverySubprocessorAndMeasure() {
        let document = Fixtures.document {
            $0.subprocessors = (1...12).map { Fixtures.subprocessor(id: "sub-\($0)") }
            $0.measures = Fixtures.library.measures.map { MeasureEntry(id: $0.key) }
            $0.measures.append(MeasureEntry(id: "custom-vault", heading: 7, title: "Vault", description: "Recordings are kept in a vault with two-person access."))
        }
        let html = render(document)
        for sub in document.subprocessors { #expect(html.contains("<tr id=\"subprocessor-\(sub.id)\">")) }
        for measure in document.measures { #expect(html.contains("<tr id=\"measure-\(measure.id)\">")) }
        for annex in ["annex-1", "annex-2", "annex-3", "annex-4", "annex-5"] { #expect(html.contains("id=\"\(annex)\"")) }
        #expect(html.contains("<section class=\"annex wide\" id=\"annex-4\">"))
        #expect(html.contains("<thead>"))
    }

    @Test func theFooterCarriesIdVersionHashStatusAndPageNumbers() {
        let document = Fixtures.document()
        let hash = DocumentCodec.contentHash(document)
        let html = render(document, context: RenderContext(version: 3))
        #expect(html.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); }"))
        #expect(html.contains("lumen-atlantis-dpa \\b7  version 3 \\b7  sha256 \(hash.prefix(12)) \\b7  DRAFT"))
        #expect(html.contains("<div class=\"draft-mark\" aria-hidden=\"true\">DRAFT</div>"))
    }

    @Test func aSignedVersionCarriesNoDraftMark() {
        let signature = SignatureRecord(name: "Jeanne Roux", position: "CEO", signedAt: "2026-04-01T10:00:00Z")
        let html = render(Fixtures.document(), context: RenderContext(version: 3, status: .signed, signatures: [.controller: signature, .processor: signature]))
        #expect(!html.contains("<div class=\"draft-mark\""))
        #expect(html.contains("SIGNED"))
        #expect(html.contains("<dd class=\"signed-at\">1 April 2026, 10:00 UTC</dd>"))
    }

    @Test func aSignatureSaysWhoSignedInTripactForWhichPartyAndWhenInWords() {
        let document = Fixtures.document()
        let clicked = SignatureRecord(name: "Alex Martin", position: "alex@lumen.example", signedAt: "2026-11-30T09:14:05.123Z")
        let named = SignatureRecord(name: "jeanne  roux", position: "jeanne@lumen.example", signedAt: "2026-11-30T10:02:00Z")
        let html = render(document, context: RenderContext(version: 3, status: .signed, signatures: [.controller: clicked, .processor: named]))
        #expect(html.contains("<dt>Signed in Tripact by</dt><dd class=\"signed-by\">Alex Martin, for the Controller</dd>"))
        #expect(html.contains("<dt>Signed on</dt><dd class=\"signed-at\">30 November 2026, 09:14 UTC</dd>"))
        #expect(html.contains("<dt>Signatory named in Annex I</dt><dd>Jeanne Roux, Chief Executive Officer</dd>"))
        // The signatory Annex I names is not said to have signed when someone else did.
        #expect(html.contains("Jeanne Roux, whom Annex I names as the Controller&#39;s signatory, did not sign in Tripact: Alex Martin signed for the Controller."))
        #expect(!html.contains("the Processor&#39;s signatory, did not sign"), "the same name, written differently, is the signatory")
        #expect(!html.contains("<dt>Signed by</dt>") && !html.contains("2026-11-30T09:14"))
    }

    @Test func aSignatureTimePrintsInTheNamedZoneOfTheParty() {
        #expect(SignatureTime.written("2026-11-30T09:14:05Z", timeZone: "Europe/Paris") == "30 November 2026, 10:14 (Europe/Paris, UTC+01:00)")
        #expect(SignatureTime.written("2026-07-01T09:14:05Z", timeZone: "Europe/Paris") == "1 July 2026, 11:14 (Europe/Paris, UTC+02:00)")
        #expect(SignatureTime.written("2026-11-30T09:14:05Z", timeZone: "America/St_Johns") == "30 November 2026, 05:44 (America/St_Johns, UTC-03:30)")
        #expect(SignatureTime.written("2026-11-30T09:14:05Z", timeZone: nil) == "30 November 2026, 09:14 UTC")
        #expect(!SignatureTime.isKnownZone("CET") && !SignatureTime.isKnownZone("Mars/Olympus") && SignatureTime.isKnownZone("Europe/Paris"), "abbreviations and unknown names are refused")
    }

    @Test func signatureTimesReadAsDayMonthYearHoursAndTheirTimeZone() {
        #expect(SignatureTime.written("2026-11-30T09:14:05.123Z") == "30 November 2026, 09:14 UTC")
        #expect(SignatureTime.written("2027-01-02T23:59:59Z") == "2 January 2027, 23:59 UTC")
        #expect(SignatureTime.written("not a time") == "not a time")
    }

    @Test func anUnfilledPlaceholderStaysVisibleAndMarked() {
        let html = render(Fixtures.document { $0.mainAgreement = "" })
        #expect(html.contains("<mark class=\"unfilled\">{{agreement.main-agreement}}</mark>"))
    }

    static let hostile = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{{placeholder}}"]

    @Test(arguments: hostile)
    func hostileTextInEveryFreeTextFieldComesOutEscapedAndInert(_ payload: String) throws {
        let (document, replaced) = try HostileDocument.make(from: Fixtures.document { $0.subprocessors = [Fixtures.subprocessor()] }, payload: payload)
        #expect(replaced > 40, "only \(replaced) fields took the payload")
        let facts = AgreementFacts(document: document, library: Fixtures.library)
        for html in [AgreementRenderer.render(facts), ConsumerSummaryRenderer.render(facts)] {
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(html.components(separatedBy: "</style>").count == 2)
            if payload == "{{placeholder}}" {
                #expect(html.contains("{{placeholder}}"))
            } else {
                #expect(html.contains(HTMLEscaping.escape(payload)))
            }
        }
    }

    @Test func theConsumerSummaryComesFromTheAgreedTerms() {
        let document = Fixtures.document {
            $0.subprocessors = [Fixtures.subprocessor(), Fixtures.subprocessor(id: "speech", country: "US", mechanism: "adequacy-dpf")]
            $0.processing.deliveryLocations.append(DeliveryLocation(id: "rabat", site: "Rabat", country: "MA", transferMechanism: "scc-module-3", tiaReference: "TIA-7"))
            Fixtures.set("rights-requests", "forward-days", .integer(3), in: &$0)
        }
        let html = ConsumerSummaryRenderer.render(AgreementFacts(document: document, library: Fixtures.library))
        #expect(html.contains("Cloud CRM Ltd"))
        #expect(html.contains("Morocco"))
        #expect(html.contains("United States"))
        #expect(html.contains("within 3 business days"))
        #expect(html.contains("Two of: account number"))
        #expect(html.contains("privacy@controller.example"))
        #expect(html.contains("id=\"agent-script\""))
    }
}

/// Puts a payload into every string of a document that still decodes with it.
enum HostileDocument {
    static func make(from document: AgreementDocument, payload: String) throws -> (AgreementDocument, Int) {
        var tree = try JSONSerialization.jsonObject(with: DocumentCodec.canonicalJSON(document))
        var replaced = 0
        var paths: [[Any]] = []
        collect(tree, path: [], into: &paths)
        for path in paths where (path.last as? String) != "format" {
            let candidate = set(tree, path: path[...], to: payload)
            let data = try JSONSerialization.data(withJSONObject: candidate)
            if (try? DocumentCodec.decode(data)) != nil {
                tree = candidate
                replaced += 1
            }
        }
        return (try DocumentCodec.decode(JSONSerialization.data(withJSONObject: tree)), replaced)
    }

    private static func collect(_ node: Any, path: [Any], into paths: inout [[Any]]) {
        if let object = node as? [String: Any] {
            for (key, value) in object { collect(value, path: path + [key], into: &paths) }
        } else if let array = node as? [Any] {
            for (index, value) in array.enumerated() { collect(value, path: path + [index], into: &paths) }
        } else if node is String {
            paths.append(path)
        }
    }

    private static func set(_ node: Any, path: ArraySlice<Any>, to value: String) -> Any {
        guard let head = path.first else { return value }
        if var object = node as? [String: Any], let key = head as? String {
            object[key] = set(object[key] as Any, path: path.dropFirst(), to: value)
            return object
        }
        if var array = node as? [Any], let index = head as? Int {
            array[index] = set(array[index], path: path.dropFirst(), to: value)
            return array
        }
        return node
    }
}
