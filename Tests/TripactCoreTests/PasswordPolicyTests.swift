import Testing
import TripactCore

@Suite struct PasswordPolicyTests {
    @Test func aPasswordOfTwelveCharactersUpTo72BytesPasses() {
        #expect(PasswordPolicy.problem("correct horse") == nil)
        #expect(PasswordPolicy.problem(String(repeating: "a", count: 72)) == nil)
        #expect(PasswordPolicy.problem("mot de passe très sûr") == nil)
    }

    @Test func aShortPasswordIsRefusedNamingTheField() {
        let problem = PasswordPolicy.problem("short", field: "newPassword")
        #expect(problem?.field == "newPassword")
        #expect(problem?.description == "newPassword: use at least 12 characters (found 5)")
    }

    @Test func moreThan72BytesIsRefusedBecauseBcryptStopsThere() {
        let problem = PasswordPolicy.problem(String(repeating: "a", count: 73))
        #expect(problem?.message.contains("at most 72 bytes (found 73)") == true && problem?.message.contains("bcrypt") == true)
        // 37 two-byte letters are 37 characters but 74 bytes.
        #expect(PasswordPolicy.problem(String(repeating: "é", count: 37))?.message.contains("found 74") == true)
    }

    @Test func controlCharactersAreRefused() {
        for password in ["correct horse\tbattery", "correct horse\u{7}battery", "correct\u{1B}[31m horse", "correct horse\u{2028}x", "line\nbreak in it"] {
            #expect(PasswordPolicy.problem(password)?.message.contains("control characters") == true, "\(password.debugDescription)")
        }
    }

    @Test func theTwoEntriesMustMatch() {
        #expect(PasswordPolicy.problem("correct horse battery", repeated: "correct horse battery") == nil)
        #expect(PasswordPolicy.problem("correct horse battery", repeated: "correct horse batterx")?.message.contains("differ") == true)
    }
}
