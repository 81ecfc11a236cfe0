import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct TextSafetyTests {
    @Test(arguments: ["\u{1B}]0;owned\u{07}", "\u{1B}[2K", "\u{202E}gnp.exe", "a\u{2066}b", "\u{9B}31m", "\u{08}", "\u{7F}", "a\rb"])
    func controlCharactersAndBidiOverridesAreForbidden(_ text: String) {
        #expect(TextSafety.firstForbidden(in: text) != nil)
    }

    @Test func tabsAndLineBreaksAreAllowedInFreeTextOnly() {
        #expect(TextSafety.firstForbidden(in: "one\ttwo\nthree\r\nfour") == nil)
        #expect(TextSafety.firstForbidden(in: "one\ntwo", lines: .singleLine) == "\n")
        #expect(TextSafety.firstForbidden(in: "Télécom — 東京 ‎€") == nil)
    }

    @Test func visibleTextShowsTheCodeInsteadOfTheCharacter() {
        let shown = TextSafety.visible("Rotaplan\u{1B}]0;owned\u{07}\u{1B}[2K\u{202E}x\ty\nz")
        #expect(shown == "Rotaplan\\u{1B}]0;owned\\u{7}\\u{1B}[2K\\u{202E}x\ty\nz")
        #expect(!shown.unicodeScalars.contains { TextSafety.isForbidden($0) })
    }

    @Test func aDocumentWithAnEscapeInASubprocessorNameIsRefusedNamingTheField() throws {
        var document = Fixtures.example("full-scenario.json")
        document.subprocessors[1].name = "Rotaplan\u{1B}]0;owned\u{07}\u{1B}[2K\u{1B}[1A"
        #expect(throws: DocumentError.self) { try DocumentCodec.decode(DocumentCodec.prettyJSON(document)) }
        do {
            _ = try DocumentCodec.decode(DocumentCodec.prettyJSON(document))
        } catch {
            #expect(error.description.contains("'subprocessors[1].name' contains the escape character (U+001B)"), "\(error)")
        }
    }

    @Test func aRightToLeftOverrideInAPartyNameIsRefused() throws {
        var document = Fixtures.example("minimal.json")
        document.parties.processor.name = "Atlantis \u{202E}SAS"
        do {
            _ = try DocumentCodec.decode(DocumentCodec.prettyJSON(document))
            Issue.record("the override was accepted")
        } catch {
            #expect(error.description.contains("'parties.processor.name' contains a bidirectional override (U+202E)"), "\(error)")
        }
    }

    @Test func anIdentifierMayNotHoldALineBreak() throws {
        var document = Fixtures.example("minimal.json")
        document.id = "dpa\nforged"
        do {
            _ = try DocumentCodec.decode(DocumentCodec.prettyJSON(document))
            Issue.record("the line break in the id was accepted")
        } catch {
            #expect(error.description.contains("'id' contains a line break"), "\(error)")
        }
    }

    @Test func aRegisterEntryWithAnOverrideInItsNameHasAProblemAtThatField() {
        var record = Fixtures.registerRecord("rotaplan", name: "Rotaplan\u{202E}SAS", services: ["telephony"])
        #expect(record.problems(library: Fixtures.library).contains { $0.field == "name" && $0.message.contains("U+202E") })
        record.name = "Rotaplan SAS"
        #expect(!record.problems(library: Fixtures.library).contains { $0.field == "name" })
    }

    @Test func diffTextShowsEscapesInLabelsAndWords() {
        let old = Fixtures.example("full-scenario.json")
        var new = old
        new.processing.retention += " \u{1B}[2K"
        let text = DiffTextFormatter.format(AgreementDiffer.diff(old, new, library: Fixtures.library, oldLabel: "a\u{1B}]0;x\u{07}"), color: true)
        #expect(text.contains("\\u{1B}[2K"))
        #expect(text.contains("a\\u{1B}]0;x\\u{7}"))
        #expect(!text.contains("\u{1B}[2K") && !text.contains("\u{07}"))
    }
}
