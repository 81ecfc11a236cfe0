import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct ClauseFileParserTests {
    /// The shipped catalogues with one clause file replaced or added.
    func load(_ name: String, _ contents: String) -> [LibraryProblem] {
        let files = Fixtures.libraryFiles.filter { $0.name != name } + [LibraryFile(name: name, contents: contents)]
        do {
            _ = try ClauseLibrary.load(files)
            return []
        } catch {
            return error.problems
        }
    }

    static let valid = """
        id: test-clause
        title: Test
        order: 245
        articles: Art. 28(3)
        mandatory: no
        applies: always
        negotiable: yes
        summary: A clause for tests.
        playbook-controller: preferred strict; fallback soft; walk-away soft
        playbook-processor: preferred soft; fallback soft; walk-away strict

        parameter: days
        type: integer
        unit: days
        default: 10
        min: 1
        max: 30
        label: Days
        playbook-controller: preferred 5; fallback 10; walk-away 15
        playbook-processor: preferred 20; fallback 15; walk-away 10

        variant: strict
        stance: controller
        label: Strict
        text:
        The Processor acts within {{days}} for {{controller.name}}.

        [if transfers] Only when there are transfers.

        variant: soft
        stance: processor
        label: Soft
        text:
        - first item
        - second item
        """

    @Test func aValidClauseLoadsWithNumberedParagraphsAndItsPlaceholders() throws {
        let files = Fixtures.libraryFiles + [LibraryFile(name: "test-clause.clause", contents: Self.valid)]
        let library = try ClauseLibrary.load(files)
        let clause = try #require(library.clause("test-clause"))
        #expect(clause.parameters.first?.kind == .integer(unit: .days, min: 1, max: 30))
        #expect(clause.variant("strict")?.text.paragraphs.count == 2)
        #expect(clause.variant("strict")?.text.placeholders == [.parameter("days"), .field(.controllerName)])
        #expect(clause.variant("soft")?.text.paragraphs.first?.isList == true)
        #expect(clause.playbook[.processor]?.walkAway == "strict")
    }

    @Test func aLineWithoutColonIsReportedWithFileAndLine() {
        let broken = Self.valid.replacingOccurrences(of: "order: 245", with: "order 245")
        let problems = load("test-clause.clause", broken)
        #expect(problems.contains { $0.file == "test-clause.clause" && $0.line == 3 && $0.message.contains("expected 'key: value'") })
    }

    @Test func aDefaultOutsideItsBoundsIsReported() {
        let problems = load("test-clause.clause", Self.valid.replacingOccurrences(of: "default: 10", with: "default: 40"))
        #expect(problems.contains { $0.line == 15 && $0.message.contains("above its maximum") })
    }

    @Test func anUnknownPlaceholderIsReportedAtItsLine() {
        let problems = load("test-clause.clause", Self.valid.replacingOccurrences(of: "{{days}}", with: "{{dayz}}"))
        #expect(problems.contains { $0.line == 26 && $0.message.contains("{{dayz}}") })
    }

    @Test func anUnknownHeaderKeyIsNeverIgnored() {
        let problems = load("test-clause.clause", Self.valid.replacingOccurrences(of: "summary:", with: "colour: blue\nsummary:"))
        #expect(problems.contains { $0.line == 8 && $0.message.contains("unknown key 'colour'") })
    }

    @Test func aNegotiableClauseWithOneVariantIsRefused() {
        let single = String(Self.valid[..<Self.valid.range(of: "variant: soft")!.lowerBound])
            .replacingOccurrences(of: "walk-away soft", with: "walk-away strict").replacingOccurrences(of: "preferred soft; fallback soft", with: "preferred strict; fallback strict")
        let problems = load("test-clause.clause", single)
        #expect(problems.contains { $0.message.contains("at least two variants") })
    }

    @Test func aPlaybookNamingAMissingVariantIsRefused() {
        let problems = load("test-clause.clause", Self.valid.replacingOccurrences(of: "walk-away soft", with: "walk-away gentle"))
        #expect(problems.contains { $0.message.contains("'gentle'") })
    }

    @Test func aReferenceToAMissingClauseIsRefused() {
        let problems = load("test-clause.clause", Self.valid.replacingOccurrences(of: "Only when", with: "See {{clause:no-such-clause}}. Only when"))
        #expect(problems.contains { $0.message.contains("no-such-clause") })
    }

    @Test func aClauseEveryAgreementHasMayNotReferToAnOptionalOne() {
        let mandatory = Self.valid.replacingOccurrences(of: "mandatory: no", with: "mandatory: yes")
            .replacingOccurrences(of: "Only when", with: "See {{clause:docking}}. Only when")
        let problems = load("test-clause.clause", mandatory)
        #expect(problems.contains { $0.message.contains("refers to 'docking', which an agreement may leave out") })
    }

    @Test func aBrokenClauseDoesNotEchoInEveryReferenceToIt() {
        let broken = Fixtures.libraryFiles.first { $0.name == "audits.clause" }!.contents.replacingOccurrences(of: "negotiable: yes", with: "negotiable: maybe")
        let problems = load("audits.clause", broken)
        #expect(problems.count == 1, "\(problems)")
    }

    @Test func aBrokenCatalogueEntryNamesItsFileAndLine() {
        let files = Fixtures.libraryFiles.map { file in
            file.name == "catalogues/channels.txt" ? LibraryFile(name: file.name, contents: "channel: voice\nlabel Voice\ndescription: Calls\n") : file
        }
        #expect(throws: LibraryLoadError.self) { try ClauseLibrary.load(files) }
        do {
            _ = try ClauseLibrary.load(files)
        } catch {
            #expect(error.problems.contains { $0.file == "catalogues/channels.txt" && $0.line == 2 })
        }
    }

    @Test func removingTheClauseThatCoversAnElementFailsTheLint() {
        let files = Fixtures.libraryFiles.filter { $0.name != "confidentiality.clause" }
        do {
            _ = try ClauseLibrary.load(files)
            Issue.record("the library loaded without a confidentiality clause")
        } catch {
            #expect(error.problems.contains { $0.message.contains("28(3)(b)") })
        }
    }
}
