import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// The catalogues follow the Fides taxonomy; keys an entry had before stay readable, so no stored document changes
/// meaning or hash (issue 11, item 6).
@Suite struct CatalogueAliasTests {
    /// The example with the keys it was written with before the catalogues followed Fides, in Annex II only: its Annex IV
    /// rows, like a register updated since, use the current keys, and the two must still be read as the same data.
    static func oldKeys() -> AgreementDocument {
        var document = Fixtures.example("full-scenario.json")
        let old = ["user.biometric.voice": "user.biometrics.voice"]
        func rename(_ key: String) -> String { old[key] ?? key }
        for index in document.processing.dataCategories.indices { document.processing.dataCategories[index].category = rename(document.processing.dataCategories[index].category) }
        for index in document.processing.specialCategories.indices {
            document.processing.specialCategories[index].category = rename(document.processing.specialCategories[index].category)
        }
        for index in document.processing.purposes.indices { document.processing.purposes[index].dataCategories = document.processing.purposes[index].dataCategories.map(rename) }
        return document
    }

    @Test func anOldKeyReadsAsItsEntryAndTheDocumentValidatesAsBefore() throws {
        let library = Fixtures.library
        #expect(library.dataCategory("user.biometrics.voice")?.key == "user.biometric.voice")
        #expect(library.dataCategory("user.biometrics.voice")?.special == .art9)
        #expect(library.dataCategory("user.health")?.key == "user.health_and_medical")
        #expect(library.dataCategory("user.contact.social_url")?.label == library.dataCategory("user.contact.url")?.label)
        let old = Self.oldKeys()
        #expect(old.processing.specialCategories.contains { $0.category == "user.biometrics.voice" })
        let findings = Validator.validate(old, library: library).map(\.code)
        let current = Validator.validate(Fixtures.example("full-scenario.json"), library: library).map(\.code)
        #expect(findings == current, "an old key is no unknown key")
        let html = AgreementRenderer.render(AgreementFacts(document: old, library: library))
        #expect(html.contains(library.dataCategory("user.biometric.voice")!.label) && !html.contains("user.biometrics.voice"))
    }

    @Test func aFormSavesAnOldDocumentUnderTheCurrentKeysAndTheOldHashStays() throws {
        let old = Self.oldKeys()
        let hash = DocumentCodec.contentHash(old)
        let current = Fixtures.library.currentKeys(old.processing)
        #expect(current == Fixtures.example("full-scenario.json").processing)
        #expect(DocumentCodec.contentHash(old) == hash)
    }

    /// A register written with the current keys still reaches an agreement that names the same data by its old key.
    @Test func aRegisterEntryWithTheCurrentKeyConcernsAnAgreementThatUsesTheOldKey() {
        var document = Self.oldKeys()
        document.processing.services = nil
        document.subprocessors = []
        let voice = Fixtures.registerRecord("voice-id", name: "Voice ID", services: ["identity-verification"], categories: ["user.biometric.voice"])
        let addition = RegisterChange(kind: .addition, entry: voice, previous: nil, plannedStart: CalendarDay(iso: "2026-12-01")!)
        #expect(addition.reason(affecting: document, library: Fixtures.library) != nil)
        #expect(addition.applied(to: document, library: Fixtures.library).subprocessors.map(\.id) == ["voice-id"])
        #expect(addition.reason(affecting: document) == nil, "without the catalogue, keys compare as written")
    }

    @Test func anOldKeyThatIsAlsoACurrentKeyOrNamesTwoEntriesIsRefused() {
        let files = Fixtures.libraryFiles.map { file -> LibraryFile in
            guard file.name == "catalogues/data-subjects.txt" else { return file }
            return LibraryFile(name: file.name, contents: file.contents + """

                subject: caller
                label: Callers
                description: Anyone who calls.
                aliases: customer, former_client
                extension: yes

                subject: client
                label: Clients
                description: Anyone with a contract.
                aliases: former_client
                extension: yes

                """)
        }
        let problems = (try? ClauseLibrary.load(files)) == nil ? Self.problems(files) : []
        #expect(problems.contains("'caller' lists 'customer' as an old key, but 'customer' is a current key"))
        #expect(problems.contains("'former_client' is an old key of both 'caller' and 'client'"))
    }

    static func problems(_ files: [LibraryFile]) -> [String] {
        do {
            _ = try ClauseLibrary.load(files)
            return []
        } catch {
            return error.problems.map(\.message)
        }
    }

    @Test func extensionsAreMarkedAndEveryOtherKeyIsFides() {
        let library = Fixtures.library
        #expect(library.dataCategory("user.content.call_recording")?.isExtension == true)
        #expect(library.dataCategory("user.biometric.voice")?.isExtension == false)
        #expect(library.purposes.first { $0.key == "sales.retention" }?.isExtension == true)
        #expect(library.dataSubjects.first { $0.key == "customer" }?.isExtension == false)
    }
}
