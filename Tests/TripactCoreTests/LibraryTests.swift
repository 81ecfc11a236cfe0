import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct ShippedLibraryTests {
    let library = Fixtures.library

    @Test func everyArticle28ElementIsCoveredByAMandatoryClauseThatAlwaysApplies() {
        for element in Article28Element.allCases {
            let covering = library.clauses.filter { $0.mandatory && $0.applies == [.always] && $0.covers.contains(element) }
            #expect(!covering.isEmpty, "nothing covers \(element.rawValue)")
        }
    }

    @Test func everyPlaceholderResolvesToAParameterFieldOrClause() {
        for clause in library.clauses {
            for variant in clause.variants {
                for placeholder in variant.text.placeholders {
                    switch placeholder {
                    case .unknown(let raw): Issue.record("\(clause.id)/\(variant.key): unknown placeholder \(raw)")
                    case .parameter(let name): #expect(clause.parameter(name) != nil)
                    case .clauseReference(let id): #expect(library.clause(id) != nil, "\(clause.id) refers to missing \(id)")
                    case .field: break
                    }
                }
            }
        }
    }

    @Test func everyNegotiatedClauseHasTwoVariantsAndBothPlaybooks() {
        let negotiated = library.clauses.filter(\.negotiable)
        #expect(negotiated.count >= 15)
        for clause in negotiated {
            #expect(clause.variants.count >= 2, "\(clause.id)")
            #expect(Set(clause.variants.map(\.stance)).count >= 2, "\(clause.id) variants must lean different ways")
            #expect(clause.playbook[.controller] != nil && clause.playbook[.processor] != nil, "\(clause.id)")
        }
    }

    @Test func negotiatedPracticeTermsArePresent() {
        for id in [
            "breach-notification", "audits", "rights-requests", "identity-verification", "return-and-deletion", "liability", "term-and-termination",
            "precedence", "governing-law", "call-recording", "consumer-notices-and-complaints", "subprocessors", "international-transfers",
            "docking", "sensitive-data", "non-compliance-and-termination", "instructions", "confidentiality", "security",
        ] {
            #expect(library.clause(ClauseID(id)) != nil, "missing clause \(id)")
        }
        #expect(library.clause("subprocessors")?.variant("specific") != nil)
        #expect(library.clause("subprocessors")?.parameter("notice-days") != nil)
        #expect(library.clause("breach-notification")?.parameter("hours") != nil)
        #expect(library.clause("rights-requests")?.parameter("forward-days") != nil)
    }

    @Test func catalogueHoldsConcreteMeasuresUnderAllSeventeenHeadings() {
        #expect(library.measures.count >= 60)
        #expect(library.measures.filter(\.contactCentre).count >= 10)
        for heading in 1...17 {
            #expect(library.headings[heading] != nil)
            #expect(library.measures.contains { $0.heading == heading }, "no measure under heading \(heading)")
        }
        #expect(library.dataCategories.contains { $0.key == "user.contact.email" })
        #expect(library.dataCategories.contains { $0.special == .art9 })
        #expect(library.country("FR")?.status == .eea)
        #expect(library.country("MA")?.status == .third)
        #expect(library.transferMechanism("scc-module-3")?.needsTIA == true)
    }

    @Test func clauseNumbersFollowTheOrderOfTheLibrary() {
        let orders = library.clauses.map(\.order)
        #expect(orders == orders.sorted())
        #expect(Set(orders).count == orders.count)
    }
}
