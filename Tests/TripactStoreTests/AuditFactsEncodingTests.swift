import Foundation
import Testing
import TripactCore
@testable import TripactStore

/// The audit chain hashes the facts as written: their hand-written encoding must stay what `JSONEncoder` wrote, and the
/// event hash's byte-wise join what joining the fields with their separators read as spaces gave.
@Suite struct AuditFactsEncodingTests {
    @Test func theFactsAreWrittenAsJSONEncoderWritesThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let samples = [
            AuditFacts(),
            AuditFacts(rows: ["agreements(id=1)": ["reference": "acme-dpa", "status": "draft", "head": "3"]], deleted: []),
            AuditFacts(
                rows: [
                    "item_states(agreement_id=2, key=clause:breach-notification)": ["hash": "ab", "controller_accepted": "1"],
                    "users(id=4)": ["name": "Zoë \"Z\" Ångström/Ng\t\u{1}", "email": "z@example.eu"], "B(id=1)": [:], "a(id=1)": ["é": "東京 😀"],
                ],
                deleted: ["notices(id=9)", "notices(id=10)"]
            ),
        ]
        for facts in samples {
            #expect(facts.encoded() == String(decoding: try encoder.encode(facts), as: UTF8.self))
        }
    }

    @Test func theEventHashJoinsFieldsAsBefore() {
        let fields = ["7", "prev", "2026-11-30T10:00:00Z", "a\u{1F}b@example.eu", "", "notice.issue", "détail \u{1F} x", "{\"deleted\":[]}"]
        let before = DocumentCodec.sha256Hex(Data(fields.map { $0.replacingOccurrences(of: "\u{1F}", with: " ") }.joined(separator: "\u{1F}").utf8))
        let now = TripactStore.eventHash(
            id: 7, previous: "prev", at: "2026-11-30T10:00:00Z", actor: "a\u{1F}b@example.eu", agreement: nil, action: "notice.issue", detail: "détail \u{1F} x",
            facts: "{\"deleted\":[]}"
        )
        #expect(now == before)
    }
}
