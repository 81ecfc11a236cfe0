import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Issue 9, item 3: every change a diff reports carries the words a reader knows beside its keys, so pages print the
/// words and JSON keeps the keys.
@Suite struct HumanLabelTests {
    /// Pairs across the examples: one agreement against the other both ways, and the full example against versions
    /// that touch every kind of field (lists of records and of values, text, choices, parties, clauses).
    static func pairs() -> [(AgreementDocument, AgreementDocument)] {
        let full = Fixtures.example("full-scenario.json")
        let minimal = Fixtures.example("minimal.json")
        var edited = full
        edited.processing.purposes.reverse()
        edited.processing.purposes[0].dataCategories.removeAll { $0 == "user.device.ip_address" }
        edited.processing.purposes[1].dataCategories.append("user.financial.credit_card")
        edited.processing.purposes[1].role = .independent
        edited.processing.dataSubjects.removeLast()
        edited.processing.dataCategories.removeAll { $0.category == "user.financial.credit_card" }
        edited.processing.channels.removeLast()
        edited.processing.retention += " Then erased."
        edited.subprocessors[2].transferMechanism = "eea"
        edited.subprocessors[2].country = "IE"
        edited.subprocessors[3].dataCategories.removeAll { $0 == "user.payment" }
        edited.parties.controller.country = "BE"
        edited.consumerObligations.rights[0].answeredBy = edited.consumerObligations.rights[0].answeredBy == .controller ? .processor : .controller
        Fixtures.set("breach-notification", "hours", .integer(24), in: &edited)
        edited.clauses[Fixtures.selectionIndex("subprocessors", in: edited)].variant = "specific"
        var random = SeededRandom(seed: 9)
        let mutated = VersionMutator.mutate(full, steps: 8, using: &random)
        return [(full, minimal), (minimal, full), (full, edited), (edited, full), (full, mutated)]
    }

    @Test func everyFieldChangeAcrossTheExamplesHasAHumanLabelThatIsNotItsKey() throws {
        let library = Fixtures.library
        let catalogueKeys = Set(library.dataCategories.map(\.key) + library.purposes.map(\.key) + library.transferMechanisms.map(\.key))
            .filter { $0.contains(".") || $0.contains("-") }
        var count = 0
        for (old, new) in Self.pairs() {
            for viewer in [PartyRole.controller, .processor] {
                for change in AgreementDiffer.diff(old, new, library: library, playbook: Playbook.library(library, side: viewer)).changes {
                    for field in change.fields {
                        count += 1
                        #expect(!field.label.trimmingCharacters(in: .whitespaces).isEmpty, "\(change.key) \(field.field) has no label")
                        #expect(field.label != field.field, "\(change.key) \(field.field) is labelled by its key")
                        #expect(!field.label.contains("[") && !field.label.contains(field.field + "."), "\(change.key): '\(field.label)' reads like a path")
                        for text in [field.label, field.old ?? "", field.new ?? ""] {
                            for key in catalogueKeys where text.contains(key) {
                                Issue.record("\(change.key) \(field.field): '\(text)' shows the key \(key)")
                            }
                        }
                    }
                }
            }
        }
        #expect(count > 40, "the pairs changed only \(count) fields")
    }

    @Test func wordsForPeopleAndKeysForJSONSitSideBySide() throws {
        let (full, edited) = Self.pairs()[2]
        let diff = AgreementDiffer.diff(full, edited, library: Fixtures.library, playbook: Playbook.library(Fixtures.library, side: .processor))
        let fields = diff.changes.flatMap(\.fields)
        let card = try #require(fields.first { $0.newKey == "user.financial.credit_card" && $0.field.hasPrefix("purposes[") })
        #expect(card.new == "Payment card data" && card.label.hasPrefix("Purposes › ") && card.label.hasSuffix(" › personal data categories"))
        #expect(card.sentence.hasSuffix("personal data categories: added Payment card data"))
        let variant = try #require(fields.first { $0.field == "variant" })
        #expect(variant.label == "Wording" && variant.oldKey == "general-objection" && variant.newKey == "specific")
        #expect(variant.new == "Prior specific authorisation of each Subprocessor")
        let hours = try #require(fields.first { $0.field == "hours" })
        #expect(hours.label.hasPrefix("Deadline for the Processor's breach notice"))
        // The command line keeps the names it has always printed.
        #expect(hours.summary == "hours: 36 hours → 24 hours (favours controller; outside your fallback)")
        let mechanism = try #require(fields.first { $0.field.hasSuffix("transferMechanism") })
        #expect(mechanism.oldKey == "scc-module-3" && mechanism.old != "scc-module-3")
        // Re-sorting the purposes is no change; only what was added or removed is.
        #expect(!fields.contains { $0.field == "purposes" })
        let json = String(decoding: try JSONEncoder().encode(diff), as: UTF8.self)
        #expect(json.contains("\"newKey\":\"user.financial.credit_card\"") && json.contains("\"field\":\"purposes["))
    }
}
