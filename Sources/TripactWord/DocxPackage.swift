import Foundation
import ZIPFoundation

/// The parts of a DOCX and their container: a ZIP (by ZIPFoundation, deflated) with the content types and
/// relationships Word needs to find them.
struct DocxPackage {
    /// Part name → XML text, in the order written.
    private(set) var parts: [(name: String, xml: String)] = []

    mutating func add(_ name: String, _ xml: String) { parts.append((name, xml)) }

    /// A fixed time for every entry, so the same document always gives the same bytes.
    private static let entryDate = Date(timeIntervalSince1970: 1_577_836_800)

    func zipped() throws(WordExportError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = Data(part.xml.utf8)
                try archive.addEntry(with: part.name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate, compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
                }
            }
            guard let data = archive.data else { throw WordExportError.archive("the in-memory archive has no data") }
            return data
        } catch let error as WordExportError {
            throw error
        } catch {
            throw .archive(String(describing: error))
        }
    }
}

/// The XML namespaces and declarations every part starts with.
enum WordNamespaces {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// The namespaces of document, header, footer and comments parts.
    static let wordRoot = "xmlns:w=\"\(main)\" xmlns:r=\"\(relationships)\" xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w10=\"urn:schemas-microsoft-com:office:word\""
}
