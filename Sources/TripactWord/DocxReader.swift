import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Why a DOCX cannot be imported: each case names what is wrong, for the person who chose the file.
public enum DocxImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case damaged(String)
    case notTripact(String)
    case mismatch(String)

    public var description: String {
        switch self {
        case .damaged(let what): "the DOCX is damaged: \(what)"
        case .notTripact(let what): "the DOCX is not one Tripact exported: \(what)"
        case .mismatch(let what): "the DOCX does not belong here: \(what)"
        }
    }
}

/// What docProps/custom.xml says about the version a DOCX was exported from.
public struct DocxIdentityRead: Sendable, Equatable {
    public var reference: String
    public var version: Int?
    public var contentHash: String
    public var status: String
}

/// One paragraph of word/document.xml as it reads with every tracked change accepted.
struct ReadParagraph {
    var style: String?
    /// The numbering level (`w:ilvl`), nil when the paragraph is not numbered.
    var level: Int?
    var text = ""
    var bookmarks: [String] = []
    var commentIDs: [String] = []
    /// The table row and cell (1-based) when the paragraph sits in a table.
    var cell: (row: Int, column: Int)?
    /// Which top-level table of the body (1-based, in order) the paragraph sits in; nil outside tables.
    var table: Int?
    /// A deleted paragraph mark: accepted, the paragraph runs on into the next.
    var markDeleted = false
}

/// A DOCX's parts, unzipped with ZIPFoundation and read with Foundation's XMLParser.
struct DocxContainer {
    let parts: [String: Data]

    init(_ data: Data) throws(DocxImportError) {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw .damaged("it is not a ZIP archive (\(error))") }
        var parts: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var bytes = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) } } catch { throw .damaged("its part '\(entry.path)' cannot be read (\(error))") }
            parts[entry.path] = bytes
        }
        guard parts["word/document.xml"] != nil else { throw .notTripact("it has no word/document.xml, so it is not a Word document") }
        self.parts = parts
    }

    func identity() throws(DocxImportError) -> DocxIdentityRead {
        guard let custom = parts["docProps/custom.xml"] else { throw .notTripact("it has no docProps/custom.xml with Tripact's properties") }
        let reader = CustomPropertyReader()
        try Self.parse(custom, name: "docProps/custom.xml", with: reader)
        let values = reader.values
        guard let reference = values["TripactAgreement"], let hash = values["TripactContentHash"] else {
            throw .notTripact("docProps/custom.xml lacks TripactAgreement or TripactContentHash")
        }
        let version = values["TripactVersion"].flatMap { Int($0) }
        if values["TripactVersion"] != nil, version == nil { throw .damaged("its TripactVersion property '\(values["TripactVersion"]!)' is not a number") }
        return DocxIdentityRead(reference: reference, version: version, contentHash: hash, status: values["TripactStatus"] ?? "")
    }

    func bodyParagraphs() throws(DocxImportError) -> [ReadParagraph] {
        let reader = BodyReader()
        try Self.parse(parts["word/document.xml"]!, name: "word/document.xml", with: reader)
        // Foundation's parser on Linux can report success for a part cut short; an element left open says it was.
        guard reader.openElements == 0 else { throw .damaged("word/document.xml ends before its elements are closed (cut short?)") }
        // An accepted deleted paragraph mark joins the paragraph to the next, as Word's "accept all" does.
        var result: [ReadParagraph] = []
        var carried: ReadParagraph?
        for var paragraph in reader.paragraphs {
            if var held = carried {
                held.text += paragraph.text
                held.commentIDs += paragraph.commentIDs
                held.bookmarks += paragraph.bookmarks
                held.markDeleted = paragraph.markDeleted
                paragraph = held
                carried = nil
            }
            if paragraph.markDeleted { carried = paragraph } else { result.append(paragraph) }
        }
        if let carried { result.append(carried) }
        return result
    }

    /// Comment id → (author, text) from word/comments.xml; empty when there is none.
    func comments() throws(DocxImportError) -> [String: (author: String, text: String)] {
        guard let data = parts["word/comments.xml"] else { return [:] }
        let reader = CommentReader()
        try Self.parse(data, name: "word/comments.xml", with: reader)
        return reader.comments
    }

    private static func parse(_ data: Data, name: String, with delegate: some XMLParserDelegate) throws(DocxImportError) {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw .damaged("\(name) is not well-formed XML (line \(parser.lineNumber): \(parser.parserError.map { String(describing: $0) } ?? "unknown error"))")
        }
    }
}

private final class CustomPropertyReader: NSObject, XMLParserDelegate {
    var values: [String: String] = [:]
    private var name: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if element == "property" { name = attributes["name"] }
        text = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element.hasPrefix("vt:"), let name { values[name] = text }
        if element == "property" { name = nil }
    }
}

/// Reads the body's paragraphs: inserted text kept, deleted and moved-away text dropped, the properties a change
/// records as "before" (`w:pPrChange`, `w:rPrChange`) ignored, field codes and fallbacks skipped.
private final class BodyReader: NSObject, XMLParserDelegate {
    var paragraphs: [ReadParagraph] = []
    private(set) var openElements = 0
    private var current: ReadParagraph?
    private var depthInParagraph = 0
    private var propertyDepth = 0
    private var deleted = 0
    private var skipped = 0
    private var collecting = false
    private var pendingBookmarks: [String] = []
    private var pendingComments: [String] = []
    private var rows: [Int] = []
    private var columns: [Int] = []
    private var tables = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        openElements += 1
        if skipped > 0 || ["w:pPrChange", "w:rPrChange", "w:tblPrChange", "w:trPrChange", "w:tcPrChange", "w:sectPrChange", "mc:Fallback", "w:instrText", "w:delInstrText"].contains(name) {
            skipped += 1
            return
        }
        switch name {
        case "w:p":
            depthInParagraph += 1
            guard depthInParagraph == 1 else { return }
            var paragraph = ReadParagraph()
            paragraph.bookmarks = pendingBookmarks
            paragraph.commentIDs = pendingComments
            pendingBookmarks = []
            pendingComments = []
            if let row = rows.last, let column = columns.last {
                paragraph.cell = (row, column)
                paragraph.table = tables
            }
            current = paragraph
        case "w:pPr": propertyDepth += 1
        case "w:pStyle" where propertyDepth > 0: current?.style = attributes["w:val"]
        case "w:ilvl" where propertyDepth > 0: current?.level = attributes["w:val"].flatMap { Int($0) }
        case "w:del" where propertyDepth > 0: current?.markDeleted = true
        case "w:del", "w:moveFrom": deleted += 1
        case "w:t" where deleted == 0 && propertyDepth == 0: collecting = true
        case "w:tab", "w:br", "w:cr": if deleted == 0, propertyDepth == 0 { current?.text += " " }
        case "w:noBreakHyphen": if deleted == 0 { current?.text += "-" }
        case "w:bookmarkStart":
            if let bookmark = attributes["w:name"] { if current != nil { current?.bookmarks.append(bookmark) } else { pendingBookmarks.append(bookmark) } }
        case "w:commentRangeStart", "w:commentReference":
            if let id = attributes["w:id"] { if current != nil { current?.commentIDs.append(id) } else { pendingComments.append(id) } }
        case "w:tbl":
            if rows.isEmpty { tables += 1 }
            rows.append(0)
            columns.append(0)
        case "w:tr":
            if !rows.isEmpty { rows[rows.count - 1] += 1; columns[columns.count - 1] = 0 }
        case "w:tc":
            if !columns.isEmpty { columns[columns.count - 1] += 1 }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting, skipped == 0 { current?.text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        openElements -= 1
        if skipped > 0 {
            skipped -= 1
            return
        }
        switch name {
        case "w:p":
            depthInParagraph -= 1
            guard depthInParagraph == 0, let paragraph = current else { return }
            paragraphs.append(paragraph)
            current = nil
        case "w:pPr": propertyDepth -= 1
        case "w:del" where propertyDepth > 0: break
        case "w:del", "w:moveFrom": deleted -= 1
        case "w:t": collecting = false
        case "w:tbl":
            rows.removeLast()
            columns.removeLast()
        default: break
        }
    }
}

private final class CommentReader: NSObject, XMLParserDelegate {
    var comments: [String: (author: String, text: String)] = [:]
    private var id: String?
    private var author = ""
    private var paragraphs: [String] = []
    private var collecting = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "w:comment":
            id = attributes["w:id"]
            author = attributes["w:author"] ?? ""
            paragraphs = []
        case "w:p": if id != nil { paragraphs.append("") }
        case "w:t": collecting = id != nil
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1] += string }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": collecting = false
        case "w:comment":
            if let id { comments[id] = (author, paragraphs.filter { !$0.isEmpty }.joined(separator: "\n")) }
            id = nil
        default: break
        }
    }
}
