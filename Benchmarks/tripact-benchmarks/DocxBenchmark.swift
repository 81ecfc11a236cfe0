import Foundation
import TripactCore
import TripactWord

/// The Word export of the large agreement and the import of its returned DOCX, in-process (issue #13's Performance).
enum DocxBenchmark {
    static func run(library: ClauseLibrary, document: AgreementDocument) throws {
        let facts = AgreementFacts(document: document, library: library)
        let hash = DocumentCodec.contentHash(document)
        let context = RenderContext(version: 1)
        let exported = try DocxExporter.export(facts, context: context, contentHash: hash)
        // What the other side returns: the same version's file with a value typed over, a measure and a subprocessor's
        // service reworded (written by the exporter under version 1's identity, as Word would save direct edits).
        var edited = document
        if let index = edited.clauses.firstIndex(where: { $0.clause == "breach-notification" }) { edited.clauses[index].parameters["hours"] = .integer(24) }
        edited.measures[0].description = "Backups are encrypted and restored in a test every month."
        edited.subprocessors[1].service = "Inbound calls in English only"
        let returned = try DocxExporter.export(AgreementFacts(document: edited, library: library), context: context, contentHash: hash)
        let check = try DocxImporter.map(returned, base: facts, original: exported)
        print("DOCX: export \(exported.count / 1024) KB; the returned file maps \(check.parameterChanges.count) value(s), \(check.rowEdits.count) row edit(s), \(check.unmapped.count) unmapped")

        TripactBenchmarks.report("DOCX export (in-process)", target: 20, TripactBenchmarks.measure(iterations: 30) {
            _ = try? DocxExporter.export(facts, context: context, contentHash: hash)
        })
        TripactBenchmarks.report("DOCX import of the returned file", target: 100, TripactBenchmarks.measure(iterations: 30) {
            _ = try? DocxImporter.map(returned, base: facts, original: exported)
        })
        // What `import-docx` and the upload do: the base's export is written again to compare the text outside clauses.
        TripactBenchmarks.report("DOCX import incl. the base's export", target: nil, TripactBenchmarks.measure(iterations: 30) {
            guard let original = try? DocxExporter.export(facts, context: context, contentHash: hash) else { return }
            _ = try? DocxImporter.map(returned, base: facts, original: original)
        })
    }
}
