import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// The blocking findings of the second reading (B1–B8) and its stale facts (M2, M3): each test fails without its fix.
@Suite struct SecondReadingTests {
    let library = Fixtures.library

    func render(_ document: AgreementDocument) -> String {
        AgreementRenderer.render(AgreementFacts(document: document, library: library))
    }

    func variants(_ clause: ClauseID) -> [Variant] {
        library.clause(clause)?.variants ?? []
    }

    /// A variant's text as written, placeholders included, one paragraph or list item a line.
    func words(_ variant: Variant) -> String {
        variant.text.paragraphs.flatMap(\.lines).map { segments in
            segments.map { segment in
                switch segment {
                case .literal(let text, _): text
                case .placeholder(let placeholder): placeholder.written
                }
            }.joined()
        }.joined(separator: "\n")
    }

    // MARK: B1, a Processor established outside the EEA

    @Test func aProcessorEstablishedOutsideTheEEAMakesTransfersHoldWithNoSiteThere() {
        let document = Fixtures.document { $0.parties.processor.country = "MA" }
        #expect(AgreementFacts(document: document, library: library).holds(.transfers))
        let html = render(document)
        #expect(html.contains("no adequacy decision covers it as a recipient"))
        #expect(!html.contains("list no Delivery Location or Subprocessor outside"))
        #expect(!AgreementFacts(document: Fixtures.document(), library: library).holds(.transfers))
    }

    @Test func aProcessorOutsideTheEEANeedsItsOwnEstablishmentListedWithAMechanism() throws {
        let bare = Fixtures.findings(Fixtures.document { $0.parties.processor.country = "MA" })
        let finding = try #require(bare.first { $0.code == "transfer.processor-establishment-missing" })
        #expect(finding.severity == .error && finding.path == "parties.processor.country")

        let listed = Fixtures.codes(Fixtures.document {
            $0.parties.processor.country = "MA"
            $0.processing.deliveryLocations.append(
                DeliveryLocation(id: "rabat", site: "Rabat", country: "MA", transferMechanism: "scc-module-2", tiaReference: "TIA-MA-1")
            )
        })
        #expect(!listed.contains("transfer.processor-establishment-missing"))
        #expect(!listed.contains("transfer.location-mechanism-missing"))

        // An affiliate's site in the same country is not the Processor's own establishment.
        let affiliate = Fixtures.codes(Fixtures.document {
            $0.parties.processor.country = "MA"
            $0.processing.deliveryLocations.append(
                DeliveryLocation(id: "rabat", site: "Rabat", country: "MA", entity: "Other SARL", transferMechanism: "scc-module-2", tiaReference: "TIA-MA-1")
            )
        })
        #expect(affiliate.contains("transfer.processor-establishment-missing"))
    }

    @Test func aUSProcessorWithoutTheFrameworkNeedsAnotherMechanismAndAnAdequateOneNone() {
        func codes(_ mechanism: String) -> Set<String> {
            Fixtures.codes(Fixtures.document {
                $0.parties.processor.country = "US"
                $0.processing.deliveryLocations.append(DeliveryLocation(id: "austin", site: "Austin", country: "US", transferMechanism: mechanism, tiaReference: "TIA-US-1"))
            })
        }
        #expect(codes("eea").contains("transfer.location-mechanism-missing"))
        #expect(!codes("adequacy-dpf").contains("transfer.location-mechanism-missing"))
        #expect(!codes("scc-module-2").contains("transfer.location-mechanism-missing"))
        let swiss = Fixtures.document { $0.parties.processor.country = "CH" }
        #expect(AgreementFacts(document: swiss, library: library).holds(.transfers))
        #expect(!Fixtures.codes(swiss).contains("transfer.processor-establishment-missing"))
    }
}
