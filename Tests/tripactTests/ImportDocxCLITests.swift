import Foundation
import Testing
import TripactCore
import TripactTestSupport
import ZIPFoundation

/// `tripact import-docx` proposes what a returned Word export changed, and stores nothing for a file it cannot use.
@Suite struct ImportDocxCLITests {
    /// The exported DOCX with `old` replaced by `new` in word/document.xml.
    static func edited(_ path: String, replacing old: String, with new: String, to output: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let copy = try Archive(url: URL(fileURLWithPath: output), accessMode: .create)
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            if entry.path == "word/document.xml" {
                let xml = String(decoding: bytes, as: UTF8.self)
                #expect(xml.contains(old))
                bytes = Data(xml.replacingOccurrences(of: old, with: new).utf8)
            }
            let data = bytes
            try copy.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
    }

    @Test func aChangedValueInTheReturnedDocxIsProposedAsTheParametersNewValue() throws {
        let w = try CLIWorkspace()
        let exported = w.directory.appendingPathComponent("v1.docx").path
        let export = try w.run(["export", w.reference, "--version", "1", "--format", "docx", "-o", exported])
        #expect(export.status == 0, "\(export.stderr)")
        let returned = w.directory.appendingPathComponent("returned.docx").path
        try Self.edited(exported, replacing: ">36 hours<", with: ">24 hours<", to: returned)

        let wrongBase = try w.run(["import-docx", w.reference, returned, "--base", "2", "--as", CLIWorkspace.brand])
        #expect(wrongBase.status == 2 && wrongBase.stderr.contains("exported from version 1, not --base 2"), "\(wrongBase.stderr)")

        let imported = try w.run(["import-docx", w.reference, returned, "--base", "1", "--as", CLIWorkspace.brand, "--propose"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("proposed version 2"), "\(imported.stdout)")
        #expect(imported.stdout.contains("parameter breach-notification.hours: 36 hours → 24 hours"), "\(imported.stdout)")
        let json = w.directory.appendingPathComponent("v2.json").path
        #expect(try w.run(["export", w.reference, "--version", "2", "--format", "json", "-o", json]).status == 0)
        let document = try DocumentCodec.decode(Data(contentsOf: URL(fileURLWithPath: json)))
        let index = Fixtures.selectionIndex("breach-notification", in: document)
        #expect(document.clauses[index].parameters["hours"] == .integer(24))
    }

    /// Without --propose the edits go into the side's draft, shown by `tripact draft show` and sent by `draft send`.
    @Test func byDefaultTheReturnedEditsGoIntoTheSidesDraftUntilItIsSent() throws {
        let w = try CLIWorkspace()
        let exported = w.directory.appendingPathComponent("v1.docx").path
        #expect(try w.run(["export", w.reference, "--version", "1", "--format", "docx", "-o", exported]).status == 0)
        let returned = w.directory.appendingPathComponent("returned.docx").path
        try Self.edited(exported, replacing: ">36 hours<", with: ">24 hours<", to: returned)

        let imported = try w.run(["import-docx", w.reference, returned, "--base", "1", "--as", CLIWorkspace.brand])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("saved into your side's draft of '\(w.reference)' on version 1: 1 changed item"), "\(imported.stdout)")
        #expect(imported.stdout.contains("parameter breach-notification.hours: 36 hours → 24 hours"), "\(imported.stdout)")
        let v2 = w.directory.appendingPathComponent("v2.json").path
        #expect(try w.run(["export", w.reference, "--version", "2", "--format", "json", "-o", v2]).status == 3, "nothing proposed yet")
        let shown = try w.run(["draft", "show", w.reference, "--as", CLIWorkspace.brand])
        #expect(shown.stdout.contains("clause:breach-notification") && shown.stdout.contains("Returned in Word (returned.docx)"), "\(shown.stdout)")
        let sent = try w.run(["draft", "send", w.reference, "--as", CLIWorkspace.brand, "-m", "counsel's edits"])
        #expect(sent.status == 0 && sent.stdout.contains("proposed version 2"), "\(sent.stderr)")
        #expect(try w.run(["export", w.reference, "--version", "2", "--format", "json", "-o", v2]).status == 0)
        let document = try DocumentCodec.decode(Data(contentsOf: URL(fileURLWithPath: v2)))
        #expect(document.clauses[Fixtures.selectionIndex("breach-notification", in: document)].parameters["hours"] == .integer(24))
    }

    @Test func aForeignOrDamagedFileIsRefusedAndNothingIsStored() throws {
        let w = try CLIWorkspace()
        let junk = w.directory.appendingPathComponent("junk.docx").path
        try Data("PK not really".utf8).write(to: URL(fileURLWithPath: junk))
        let result = try w.run(["import-docx", w.reference, junk, "--base", "1", "--as", CLIWorkspace.brand])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the DOCX is damaged: it is not a ZIP archive"), "\(result.stderr)")
        let second = try w.run(["export", w.reference, "--version", "2", "--format", "json", "-o", w.directory.appendingPathComponent("v2.json").path])
        #expect(second.status == 3, "no version 2 was stored")
    }
}
