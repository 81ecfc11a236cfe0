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
        #expect(credentials.count == 4)
        for credential in credentials {
            #expect(PasswordPolicy.problem(credential.password) == nil)
            #expect(Passwords.verifyBlocking(credential.password, hash: try #require(try store.passwordHash(email: credential.email))))
        }
        #expect(try FirstRun.setupPath(store: store) == nil, "a demo database needs no setup link")
    }
}
