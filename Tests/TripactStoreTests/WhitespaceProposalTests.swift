import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

@Suite struct WhitespaceProposalTests {
    @Test func aWhiteSpaceOnlyChangeIsRefusedAsAnEmptyProposalAndKeepsTheHash() throws {
        let n = try Negotiators()
        let first = try n.importExample()
        var spaced = Fixtures.example("full-scenario.json")
        spaced.processing.retention = "  " + spaced.processing.retention.replacingOccurrences(of: " ", with: "   ") + " \r\n"
        spaced.consumerObligations.complaintRoute += "\t\n\n"
        #expect(DocumentCodec.contentHash(try DocumentCodec.prepared(spaced)) == first.contentHash)
        do {
            try n.store.propose(spaced, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "spaces")
            Issue.record("a white-space-only proposal was accepted")
        } catch {
            #expect("\(error)".contains("identical to version 1"), "\(error)")
        }
        #expect(try n.store.agreement(n.reference).head == 1)
    }

    @Test func aProposalWithAnEscapeInANameIsRefusedNamingTheField() throws {
        let n = try Negotiators()
        try n.importExample()
        var document = Fixtures.example("full-scenario.json")
        document.subprocessors[0].name = "Rotaplan\u{1B}]0;owned\u{07}"
        do {
            try n.store.propose(document, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "escape")
            Issue.record("the escape was stored")
        } catch {
            #expect("\(error)".contains("'subprocessors[0].name' contains the escape character"), "\(error)")
        }
    }
}
