import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// An organisation's private playbook: built from the library, edited, read and written as strict JSON, and the only
/// playbook a diff consults.
@Suite struct PlaybookTests {
    let library = Fixtures.library

    /// A processor playbook whose breach-notice positions differ from the library's (48, 36, 24).
    func processorPlaybook(hours: (Int, Int, Int) = (47, 45, 43)) throws -> Playbook {
        try PlaybookEdit.settingParameter(
            Playbook.library(library, side: .processor), clause: "breach-notification", parameter: "hours",
            .init(preferred: String(hours.0), fallback: String(hours.1), walkAway: String(hours.2)), library: library
        )
    }

    func json(_ clauses: String, side: String = "processor", format: String = PlaybookCodec.currentFormat) -> Data {
        Data("{\n  \"format\": \"\(format)\",\n  \"side\": \"\(side)\",\n  \"clauses\": \(clauses)\n}\n".utf8)
    }

    func decodeError(_ data: Data) -> String? {
        do {
            _ = try PlaybookCodec.decode(data, library: library)
            return nil
        } catch {
            return error.message(file: "playbook.json")
        }
    }

    @Test func theLibrarysPlaybookHoldsEachSidesPositionsAsTypedValues() throws {
        let controller = Playbook.library(library, side: .controller)
        #expect(controller.parameterPositions("breach-notification", "hours") == PlaybookPositions(preferred: .integer(24), fallback: .integer(36), walkAway: .integer(48)))
        #expect(controller.parameterPositions("breach-notification", "phased") == PlaybookPositions(preferred: .boolean(false), fallback: .boolean(true), walkAway: .boolean(true)))
        #expect(controller.variantPositions("breach-notification") == PlaybookPositions(preferred: "controller", fallback: "balanced", walkAway: "balanced"))
        let processor = Playbook.library(library, side: .processor)
        #expect(processor.parameterPositions("breach-notification", "hours")?.preferred == .integer(48))
    }

    @Test func anExportedPlaybookImportsToTheSamePositions() throws {
        var playbook = try processorPlaybook()
        playbook = try PlaybookEdit.settingVariant(playbook, clause: "audits", .init(walkAway: "controller"), library: library)
        let data = PlaybookCodec.prettyJSON(playbook)
        #expect(try PlaybookCodec.decode(data, library: library) == playbook)
        #expect(PlaybookCodec.canonicalJSON(playbook) == PlaybookCodec.canonicalJSON(try PlaybookCodec.decode(data, library: library)))
    }

    @Test func aShortFileChangesOnlyWhatItNames() throws {
        let data = json(#"{"breach-notification": {"parameters": {"hours": {"preferred": 47, "fallback": 45, "walkAway": 43}}}}"#)
        let playbook = try PlaybookCodec.decode(data, library: library)
        #expect(playbook == (try processorPlaybook()))
        let differences = playbook.differences(from: Playbook.library(library, side: .processor))
        #expect(differences.count == 1)
        #expect(Playbook.library(library, side: .processor).overlaid(with: differences) == playbook)
    }

    @Test func eachProblemInAFileNamesItsJSONPath() {
        let cases: [(String, String)] = [
            (#"{"breach-notification": {"parameters": {"hours": {"preferred": 47, "fallback": 45, "walkAway": 43, "worst": 1}}}}"#,
             "'clauses.breach-notification.parameters.hours.worst' is not a field of a playbook"),
            (#"{"no-such-clause": {"variant": {"preferred": "a", "fallback": "b", "walkAway": "c"}}}"#, "'clauses.no-such-clause' is not a clause of the library"),
            (#"{"audits": {"variant": {"preferred": "processor", "fallback": "lenient", "walkAway": "balanced"}}}"#,
             "'clauses.audits.variant.fallback' is 'lenient', not a variant of clause 'audits'"),
            (#"{"breach-notification": {"parameters": {"hours": {"preferred": 47, "fallback": 45, "walkAway": 96}}}}"#,
             "'clauses.breach-notification.parameters.hours.walkAway' is 96 hours, above its maximum 48 hours"),
            (#"{"breach-notification": {"parameters": {"hours": {"preferred": "47", "fallback": 45, "walkAway": 43}}}}"#,
             "'clauses.breach-notification.parameters.hours.preferred' must be a whole number, found a string"),
            (#"{"breach-notification": {"parameters": {"minutes": {"preferred": 1, "fallback": 2, "walkAway": 3}}}}"#,
             "'clauses.breach-notification.parameters.minutes' is not a parameter of clause 'breach-notification'"),
            (#"{"breach-notification": {"parameters": {"hours": {"preferred": 47, "fallback": 45}}}}"#,
             "missing field 'clauses.breach-notification.parameters.hours.walkAway'"),
            (#"{"audits": {"variant": {"preferred": "processor\u001B[2J", "fallback": "balanced", "walkAway": "balanced"}}}"#,
             "'clauses.audits.variant.preferred' contains the escape character"),
        ]
        for (clauses, expected) in cases {
            let message = decodeError(json(clauses))
            #expect(message?.contains(expected) == true, "\(message ?? "no error") should say \(expected)")
            #expect(message?.hasPrefix("playbook.json:") == true, "\(message ?? "") names the file")
        }
        #expect(decodeError(json("{}", format: "tripact-playbook/9"))?.contains("'format' is 'tripact-playbook/9'") == true)
        #expect(decodeError(json("{}", side: "auditor"))?.contains("'side'") == true)
        #expect(decodeError(Data("{\"format\": ".utf8))?.contains("malformed JSON") == true)
    }

    @Test func editsNameThePositionTheyConcern() {
        let base = Playbook.library(library, side: .controller)
        #expect(throws: PlaybookEditError.self) { try PlaybookEdit.settingVariant(base, clause: "audits", .init(preferred: "lenient"), library: library) }
        do {
            _ = try PlaybookEdit.settingParameter(base, clause: "breach-notification", parameter: "hours", .init(fallback: "twelve", walkAway: "96"), library: library)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.problems.map(\.field) == ["fallback", "walk-away"])
            #expect(error.problems[1].message.contains("above its maximum 48 hours"))
        }
        do {
            _ = try PlaybookEdit.settingParameter(base, clause: "breach-notification", parameter: "nope", .init(preferred: "1"), library: library)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.problems.map(\.field) == ["parameter"])
        }
    }

    @Test func aStoredPlaybookKeepsWhatStillFitsTheLibrary() throws {
        let stored = json(#"{"audits": {"variant": {"preferred": "gone", "fallback": "balanced", "walkAway": "balanced"}}, "breach-notification": {"parameters": {"hours": {"preferred": 47, "fallback": 45, "walkAway": 43}}}}"#)
        let playbook = try #require(PlaybookCodec.decodeStored(stored, library: library))
        #expect(playbook.variantPositions("audits") == nil, "the variant the library no longer has is dropped: the library's position applies")
        #expect(playbook.parameterPositions("breach-notification", "hours")?.walkAway == .integer(43))
    }

    @Test func aDiffJudgesAChangeAgainstTheGivenPlaybookOnly() throws {
        var new = Fixtures.example("full-scenario.json")
        let old = new
        Fixtures.set("breach-notification", "hours", .integer(44), in: &new)
        func summary(_ playbook: Playbook?) -> String? {
            AgreementDiffer.diff(old, new, library: library, playbook: playbook).changes.first?.fields.first?.summary
        }
        // The library's processor positions (48, 36, 24) find 44 hours fine; the organisation's (47, 45, 43) do not.
        #expect(summary(Playbook.library(library, side: .processor)) == "hours: 36 hours → 44 hours (favours processor)")
        #expect(summary(try processorPlaybook()) == "hours: 36 hours → 44 hours (favours processor; outside your fallback)")
        #expect(summary(try processorPlaybook(hours: (48, 47, 46))) == "hours: 36 hours → 44 hours (favours processor; beyond your walk-away)")
        #expect(summary(nil) == "hours: 36 hours → 44 hours (favours processor)")
    }

    @Test func aDiffJudgesAVariantAgainstTheOrganisationsWalkAway() throws {
        var new = Fixtures.example("full-scenario.json")
        let old = new
        new.clauses[Fixtures.selectionIndex("audits", in: new)].variant = "controller"
        let strict = try PlaybookEdit.settingVariant(Playbook.library(library, side: .processor), clause: "audits", .init(walkAway: "balanced"), library: library)
        let lenient = try PlaybookEdit.settingVariant(strict, clause: "audits", .init(fallback: "controller", walkAway: "controller"), library: library)
        let judged = AgreementDiffer.diff(old, new, library: library, playbook: strict).changes.first?.fields.first?.assessment
        #expect(judged?.beyondWalkAway == [.processor])
        let accepted = AgreementDiffer.diff(old, new, library: library, playbook: lenient).changes.first?.fields.first?.assessment
        #expect(accepted?.beyondWalkAway == [] && accepted?.outsideFallback == [])
    }

    @Test func positionsReadInTheLibrarysWords() throws {
        let clause = try #require(library.clause("breach-notification"))
        let spec = try #require(clause.parameter("hours"))
        let playbook = try processorPlaybook()
        #expect(Playbook.sentence(try #require(playbook.parameterPositions(clause.id, "hours")), of: spec) == "preferred 47 hours, fallback 45 hours, walk-away 43 hours")
        let variants = Playbook.sentence(try #require(playbook.variantPositions(clause.id)), of: clause)
        let balanced = try #require(clause.variant("balanced")).label
        #expect(!variants.contains("processor;") && variants.contains(balanced))
    }
}
