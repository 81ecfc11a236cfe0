import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Issue 10 item 8: only the signatory Annex I names signs for a party; a signatory who is not a user is invited by a
/// single-use, expiring link that makes an account limited to that one agreement.
@Suite struct SignatoryStoreTests {
    /// The full example imported by the processor and accepted by the controller: agreed, awaiting both signatures.
    static func agreed() throws -> Negotiators {
        let n = try Negotiators()
        try n.importExample()
        try n.store.accept(nil, on: n.reference, by: Negotiators.brand)
        #expect(try n.store.agreement(n.reference).status == .agreed)
        return n
    }

    @Test func aLegalUserWhoIsNotTheSignatoryIsRefusedAndTheSignatorySigns() throws {
        let n = try Self.agreed()
        let before = try n.store.changeGeneration()
        #expect(
            throws: StoreError.notPermitted(
                "only Sophie Laurent (sophie.laurent@lumen.example), whom Annex I names as the controller's signatory, signs for the controller; 'jeanne@lumen.example' cannot sign in their place"
            )
        ) { try n.store.sign(n.reference, by: Negotiators.brand, library: Fixtures.library) }
        #expect(try n.store.changeGeneration() == before, "a refusal writes nothing")
        #expect(try n.store.signatures(n.reference, version: 1).isEmpty)
        #expect(try n.store.sign(n.reference, by: Negotiators.brandSignatory, library: Fixtures.library, clientAddress: "203.0.113.7") == .agreed)
        let signature = try #require(try n.store.signatures(n.reference, version: 1).first)
        #expect(signature.user == Negotiators.brandSignatory && signature.clientAddress == "203.0.113.7")
        #expect(try n.store.auditEvents(agreement: n.reference).last?.detail.hasSuffix(", from 203.0.113.7") == true)
    }

    @Test func annexIWithoutTheSignatorysEmailIsAValidationErrorAndNobodySigns() throws {
        let n = try Negotiators()
        var document = Fixtures.example("full-scenario.json")
        document.parties.processor.signatory?.email = nil
        #expect(Fixtures.findings(document).contains { $0.code == "party.signatory-email-missing" && $0.severity == .error && $0.path == "parties.processor.signatory.email" })
        document.parties.controller.timeZone = "CET"
        #expect(Fixtures.findings(document).contains { $0.code == "party.time-zone-unknown" && $0.path == "parties.controller.timeZone" })
        document.parties.controller.timeZone = "Europe/Paris"
        try n.store.importAgreement(document, controller: Negotiators.controller, processor: Negotiators.processor, by: Negotiators.bpo)
        try n.store.accept(nil, on: n.reference, by: Negotiators.brand)
        #expect(throws: StoreError.notPermitted("Annex I gives no e-mail for Thomas Guérin, the processor's signatory; add it before the processor signs")) {
            try n.store.sign(n.reference, by: Negotiators.bpoSignatory, library: Fixtures.library)
        }
        #expect(try n.store.signatures(n.reference, version: 1).isEmpty)
    }

    @Test func theEmailAndTimeZoneRoundTripAndLeaveOlderDocumentsHashesAlone() throws {
        var document = Fixtures.example("full-scenario.json")
        let decoded = try DocumentCodec.decode(DocumentCodec.canonicalJSON(document))
        #expect(decoded.parties.controller.signatory?.email == "sophie.laurent@lumen.example" && decoded.parties.processor.timeZone == "Europe/Paris")
        let withFields = DocumentCodec.contentHash(document)
        document.parties.controller.signatory?.email = nil
        document.parties.controller.timeZone = nil
        #expect(DocumentCodec.contentHash(document) != withFields)
        #expect(!String(decoding: DocumentCodec.canonicalJSON(document.parties.controller), as: UTF8.self).contains("timeZone"))
    }

    @Test func anInvitedSignatoryGetsAnAccountForThatAgreementOnlyAndTheLinkWorksOnce() throws {
        let n = try Negotiators()
        var document = Fixtures.example("full-scenario.json")
        document.parties.controller.signatory?.email = "ceo@lumen.example"
        try n.store.importAgreement(document, controller: Negotiators.controller, processor: Negotiators.processor, by: Negotiators.bpo)
        var other = Fixtures.example("full-scenario.json")
        other.id = "another-dpa"
        try n.store.importAgreement(other, controller: Negotiators.controller, processor: Negotiators.processor, by: Negotiators.bpo)

        let (token, link) = try n.store.inviteSignatory(on: n.reference, by: Negotiators.brand, lifetime: 3_600)
        #expect(link.email == "ceo@lumen.example" && link.name == "Sophie Laurent" && link.party == .controller)
        #expect(try n.store.signatoryLink(token: token).agreement == n.reference)
        let user = try n.store.acceptSignatoryLink(token: token, passwordHash: "x")
        #expect(user.signingOnly != nil && user.role == .viewer)
        #expect(throws: StoreError.unusableLink(.used)) { try n.store.acceptSignatoryLink(token: token, passwordHash: "y") }

        let account = try n.store.user(email: "ceo@lumen.example")
        #expect(try n.store.party(of: account, in: n.reference) == .controller)
        #expect(try n.store.party(of: account, in: "another-dpa") == nil, "no side in any other agreement of its organisation")
        #expect(throws: StoreError.self) { try n.store.comment(on: n.reference, item: nil, body: "hello", by: "ceo@lumen.example") }
        #expect(throws: StoreError.self) { try n.store.createAPIToken(for: "ceo@lumen.example", name: "t", scope: .read, days: 1, actor: "ceo@lumen.example") }
        #expect(throws: StoreError.self) { try n.store.propose(other, on: n.reference, basedOn: 1, by: "ceo@lumen.example", message: "x") }

        try n.store.accept(nil, on: n.reference, by: Negotiators.brand)
        #expect(try n.store.sign(n.reference, by: "ceo@lumen.example", library: Fixtures.library) == .agreed)
        #expect(try n.store.signatures(n.reference, version: 1).map(\.user) == ["ceo@lumen.example"])
    }

    @Test func anExpiredOrReplacedSignatoryLinkCreatesNoAccount() throws {
        let n = try Negotiators()
        var document = Fixtures.example("full-scenario.json")
        document.parties.processor.signatory?.email = "ceo@atlantis.example"
        try n.store.importAgreement(document, controller: Negotiators.controller, processor: Negotiators.processor, by: Negotiators.bpo)
        let (expired, _) = try n.store.inviteSignatory(on: n.reference, by: Negotiators.bpo, lifetime: 0)
        #expect(throws: StoreError.unusableLink(.expired)) { try n.store.acceptSignatoryLink(token: expired, passwordHash: "x") }
        let (first, _) = try n.store.inviteSignatory(on: n.reference, by: Negotiators.bpo, lifetime: 3_600)
        _ = try n.store.inviteSignatory(on: n.reference, by: Negotiators.bpo, lifetime: 3_600)
        #expect(throws: StoreError.unusableLink(.expired)) { try n.store.acceptSignatoryLink(token: first, passwordHash: "x") }
        #expect(throws: StoreError.unusableLink(.unknown)) { try n.store.signatoryLink(token: String(repeating: "a", count: 64)) }
        #expect(throws: StoreError.unknownUser("ceo@atlantis.example")) { try n.store.user(email: "ceo@atlantis.example") }
        // A signatory who has an account needs no link: they log in and sign.
        #expect(throws: StoreError.invalid("Sophie Laurent (sophie.laurent@lumen.example) already has a Tripact account: they log in and sign, no invitation is needed")) {
            try n.store.inviteSignatory(on: n.reference, by: Negotiators.brand, lifetime: 3_600)
        }
    }
}
