import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct DemoDataTests {
    @Test func theDemoPasswordsPassThePasswordPolicyAndLogIn() throws {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("demo.sqlite").path
        let store = try TripactStore(path: path)
        let credentials = try #require(
            try DemoData.seedIfEmpty(store: store, signedScenario: Fixtures.example("full-scenario.json"), library: Fixtures.library, bcryptCost: 4)
        )
        #expect(credentials.count == 6, "two negotiators, an admin or account manager, and the Annex I signatory of each side")
        for credential in credentials {
            #expect(PasswordPolicy.problem(credential.password) == nil)
            #expect(Passwords.verifyBlocking(credential.password, hash: try #require(try store.passwordHash(email: credential.email))))
        }
        #expect(try FirstRun.setupPath(store: store) == nil, "a demo database needs no setup link")
    }
}

@Suite struct DemoNotesTests {
    /// The demo is a draft three versions in, and every version carries the example's notes: they must not claim an
    /// outcome (a signature, an agreed version) that the agreement's state contradicts.
    @Test func theDemosNotesClaimNoStateItsAgreementIsNotIn() throws {
        let store = try TripactStore(path: Fixtures.temporaryDirectory().appendingPathComponent("demo.sqlite").path)
        let scenario = Fixtures.example("full-scenario.json")
        try #require(try DemoData.seedIfEmpty(store: store, signedScenario: scenario, library: Fixtures.library, bcryptCost: 4) != nil)
        #expect(try store.agreement(scenario.id).status == .draft)
        for number in 1...3 {
            let notes = try store.version(scenario.id, number: number).document.commercial.notes ?? ""
            #expect(!notes.localizedCaseInsensitiveContains("signed"), "version \(number): \(notes.prefix(60))")
            #expect(!notes.contains("(agreed)") && !notes.contains("Version 3"), "version \(number)")
        }
    }
}

/// The demo shows the three roles a purpose can have (issue 16, item 5), and its agreement still validates.
@Suite struct DemoRolesTests {
    @Test func theDemoAgreementHasAJointAndAnIndependentPurposeAndNoError() throws {
        let store = try TripactStore(path: Fixtures.temporaryDirectory().appendingPathComponent("demo.sqlite").path)
        try #require(try DemoData.seedIfEmpty(store: store, signedScenario: Fixtures.example("full-scenario.json"), library: Fixtures.library, bcryptCost: 4) != nil)
        let head = try store.version(Fixtures.example("full-scenario.json").id).document
        let roles = Set(head.processing.purposes.map(\.effectiveRole))
        #expect(roles == [.onBehalf, .joint, .independent])
        let errors = Validator.validate(head, library: Fixtures.library).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        let summary = ConsumerSummaryRenderer.render(AgreementFacts(document: head, library: Fixtures.library))
        #expect(summary.contains("The essence of our arrangement: Lumen Télécom and Atlantis Relation Client watch together for fraud"))
    }
}

/// Art. 28(10) read from descriptions (issue 16, item 3) flags none of the demo's ordinary purposes on behalf, in any of
/// its versions, while the demo's own description of the BPO's model would be flagged if that purpose were on behalf.
@Suite struct DemoOwnInterestTests {
    @Test func noPurposeOfTheDemoIsFlaggedAsTheProcessorsOwnUntilItsOwnModelIsListedOnBehalf() throws {
        let store = try TripactStore(path: Fixtures.temporaryDirectory().appendingPathComponent("demo.sqlite").path)
        let reference = Fixtures.example("full-scenario.json").id
        try #require(try DemoData.seedIfEmpty(store: store, signedScenario: Fixtures.example("full-scenario.json"), library: Fixtures.library, bcryptCost: 4) != nil)
        for number in 1...3 {
            let findings = Validator.validate(try store.version(reference, number: number).document, library: Fixtures.library)
            #expect(!findings.contains { $0.code == "purpose.processor-own-interest" }, "version \(number)")
        }
        var head = try store.version(reference).document
        let own = try #require(head.processing.purposes.first { $0.purpose == "train_ai_system.processor_own" })
        let forecasting = try #require(head.processing.purposes.firstIndex { $0.purpose == "essential.service.operations.improve" })
        head.processing.purposes[forecasting].description = own.description
        let flagged = Validator.validate(head, library: Fixtures.library).filter { $0.code == "purpose.processor-own-interest" }
        #expect(flagged.map(\.path) == ["processing.purposes[\(forecasting)].description"])
        #expect(flagged.first?.message.contains("\"Training Atlantis's own contact-volume forecasting model\"") == true, "\(flagged)")
    }
}
