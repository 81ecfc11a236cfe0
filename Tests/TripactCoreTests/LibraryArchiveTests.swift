import Testing
import TripactCore
import TripactTestSupport

/// The parsed library in its binary form (the CLI's cache): it gives back exactly the library it was made from, and a
/// damaged archive is refused, never half-read.
@Suite struct LibraryArchiveTests {
    let library = Fixtures.library

    @Test func theShippedLibraryComesBackEqualInEveryClauseAndCatalogueEntry() throws {
        let decoded = try #require(LibraryArchive.decode(LibraryArchive.encode(library)))
        #expect(decoded.clauses == library.clauses)
        #expect(decoded.headings == library.headings)
        #expect(decoded.measures == library.measures)
        #expect(decoded.dataCategories == library.dataCategories)
        #expect(decoded.dataSubjects == library.dataSubjects)
        #expect(decoded.purposes == library.purposes)
        #expect(decoded.operations == library.operations)
        #expect(decoded.channels == library.channels)
        #expect(decoded.services == library.services)
        #expect(decoded.transferMechanisms == library.transferMechanisms)
        #expect(decoded.countries == library.countries)
        #expect(decoded.incompatibilities == library.incompatibilities)
        // The indexes are rebuilt: an old catalogue key still finds its entry.
        let aliased = try #require(library.dataCategories.first { !$0.aliases.isEmpty })
        #expect(decoded.dataCategory(aliased.aliases[0])?.key == aliased.key)
        // Every kind of value the format knows occurs in the shipped library, so the comparison above covers each.
        let parameters = library.clauses.flatMap(\.parameters)
        #expect(parameters.contains { if case .enumeration = $0.kind { true } else { false } })
        #expect(parameters.contains { if case .integer = $0.kind { true } else { false } })
        #expect(parameters.contains { $0.defaultValue != nil } && parameters.contains { !$0.playbook.isEmpty })
        let paragraphs = library.clauses.flatMap(\.variants).flatMap(\.text.paragraphs)
        #expect(paragraphs.contains { $0.condition != nil } && paragraphs.contains(where: \.isList))
        #expect(library.purposes.contains { $0.typicalRole != nil } && library.countries.contains { $0.coveredBy != nil })
    }

    @Test func theSameLibraryGivesTheSameBytes() {
        #expect(LibraryArchive.encode(library) == LibraryArchive.encode(library))
    }

    @Test func aTruncatedArchiveIsRefusedAtEveryLength() {
        let archive = LibraryArchive.encode(library)
        for length in stride(from: 0, to: archive.count, by: max(1, archive.count / 400)) {
            #expect(LibraryArchive.decode(Array(archive[..<length])) == nil, "\(length) of \(archive.count) bytes were read")
        }
    }

    @Test func aChangedByteAnywhereIsRefused() {
        let archive = LibraryArchive.encode(library)
        for offset in stride(from: 0, to: archive.count, by: max(1, archive.count / 300)) {
            var damaged = archive
            damaged[offset] ^= 0x5A
            #expect(LibraryArchive.decode(damaged) == nil, "a change at byte \(offset) went unnoticed")
        }
    }

    @Test func bytesThatAreNotAnArchiveAreRefused() {
        #expect(LibraryArchive.decode([]) == nil)
        #expect(LibraryArchive.decode(Array("not an archive at all, but long enough to hold a digest".utf8)) == nil)
    }
}
