import Foundation
import Testing
import TripactCore

/// `ItemKey` keeps its hash beside its string (taken once, for the diff's many look-ups): it must still behave as the
/// string it is, in tables, in comparisons and in JSON.
@Suite struct ItemKeyTests {
    @Test func keysMadeApartAreEqualAndHashAlike() {
        let literal: ItemKey = "clause:breach-notification"
        let built = ItemKey(rawValue: "clause:" + String("breach-notification".reversed().reversed()))
        #expect(literal == built)
        #expect(literal.hashValue == built.hashValue)
        #expect(Set([literal, built, "measure:enc-at-rest"]).count == 2)
        #expect([literal: 1][built] == 1)
        #expect(ItemKey("clause:a") != ItemKey("clause:b"))
        #expect(ItemKey("clause:a") < ItemKey("clause:b"))
    }

    @Test func aKeyIsWrittenAndReadAsItsBareString() throws {
        let keys: [ItemKey] = ["clause:breach-notification", "subprocessor:crm"]
        let data = try JSONEncoder().encode(keys)
        #expect(String(decoding: data, as: UTF8.self) == #"["clause:breach-notification","subprocessor:crm"]"#)
        #expect(try JSONDecoder().decode([ItemKey].self, from: data) == keys)
    }

    @Test func isKindAnswersAsKindDoes() {
        for key: ItemKey in ["clause:docking", "allocation:x", "annex2:purposes", "clause", "clauses:x", "claus:x", "", ":x", "clause:a:b"] {
            for kind in ["clause", "allocation", "annex2", "claus", "clauses", ""] {
                #expect(key.isKind(kind) == (key.kind == kind), "\(key) is \(kind)")
            }
        }
    }
}
