import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TripactCore
import ZIPFoundation

/// A DOCX opened the way a second reader would: unzipped with ZIPFoundation, parts parsed with Foundation's XMLParser.
struct DocxFile {
    let parts: [String: Data]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        self.parts = parts
    }

    func xml(_ name: String) -> String { parts[name].map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// Whether every XML part is well-formed.
    var malformedParts: [String] {
        parts.keys.sorted().filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rels") }.filter { !XMLParser(data: parts[$0]!).parse() }
    }

    /// The paragraphs of document.xml as tracked runs, for accept-all and reject-all.
    func paragraphs() -> [TrackedParagraph] {
        let reader = TrackedParagraphReader()
        let parser = XMLParser(data: parts["word/document.xml"] ?? Data())
        parser.delegate = reader
        _ = parser.parse()
        return reader.paragraphs
    }
}

struct TrackedParagraph {
    enum Change { case same, inserted, deleted }
    var style: String?
    var mark: Change = .same
    var runs: [(text: String, change: Change)] = []
}

/// Collects each `w:p`'s runs and whether its text and its paragraph mark are inserted or deleted.
final class TrackedParagraphReader: NSObject, XMLParserDelegate {
    var paragraphs: [TrackedParagraph] = []
    private var current: TrackedParagraph?
    private var inParagraphProperties = false
    private var change: TrackedParagraph.Change = .same
    private var collecting = false
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "w:p": current = TrackedParagraph()
        case "w:pPr": inParagraphProperties = true
        case "w:pStyle" where inParagraphProperties: current?.style = attributes["w:val"]
        case "w:ins": if inParagraphProperties { current?.mark = .inserted } else { change = .inserted }
        case "w:del": if inParagraphProperties { current?.mark = .deleted } else { change = .deleted }
        case "w:t", "w:delText":
            collecting = true
            text = ""
        case "w:br": current?.runs.append(("\n", change))
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:pPr": inParagraphProperties = false
        case "w:ins", "w:del": if !inParagraphProperties { change = .same }
        case "w:t", "w:delText":
            collecting = false
            current?.runs.append((text, change))
        case "w:p":
            if let current { paragraphs.append(current) }
            current = nil
        default: break
        }
    }
}

extension [TrackedParagraph] {
    /// The text after accepting (or rejecting) every change: the other side's runs dropped, and a paragraph whose mark
    /// is dropped joined to the next.
    func resolved(accept: Bool) -> [String] {
        let dropped: TrackedParagraph.Change = accept ? .deleted : .inserted
        var result: [String] = []
        var pending = ""
        for paragraph in self {
            pending += paragraph.runs.filter { $0.change != dropped }.map(\.text).joined()
            if paragraph.mark == dropped { continue }
            result.append(pending)
            pending = ""
        }
        if !pending.isEmpty { result.append(pending) }
        return result
    }
}

/// Paragraphs as the word diff sees them: words joined by single spaces.
func normalised(_ paragraphs: [String]) -> [String] {
    paragraphs.map { WordDiff.words($0).joined(separator: " ") }
}
