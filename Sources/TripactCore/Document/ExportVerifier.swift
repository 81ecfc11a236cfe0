public import Foundation

/// Checks an exported file: that its content hash is the hash of the document it carries and, for HTML, that the
/// printed text is what that document renders to.
public enum ExportVerifier {
    public struct Result: Sendable {
        public let document: AgreementDocument
        public let contentHash: String
        /// The hash the file claims (the HTML's meta tag); nil for JSON, whose hash is computed.
        public let claimedHash: String?
        public let context: RenderContext?
        /// For HTML: whether re-rendering the embedded document gives the same bytes.
        public let printedTextMatches: Bool?

        public var isIntact: Bool { (claimedHash == nil || claimedHash == contentHash) && printedTextMatches != false }
    }

    public enum Failure: Error, CustomStringConvertible {
        case notAnExport(String)
        case unreadable(DocumentError)

        public var description: String {
            switch self {
            case .notAnExport(let message): message
            case .unreadable(let error): "the embedded document cannot be read: \(error)"
            }
        }
    }

    public static func verify(_ data: Data, library: ClauseLibrary) throws(Failure) -> Result {
        let bytes = [UInt8](data.prefix(64))
        let looksLikeHTML = String(decoding: bytes, as: UTF8.self).lowercased().contains("<!doctype html")
        guard looksLikeHTML else {
            do {
                let document = try DocumentCodec.decode(data)
                return Result(document: document, contentHash: DocumentCodec.contentHash(document), claimedHash: nil, context: nil, printedTextMatches: nil)
            } catch {
                throw .unreadable(error)
            }
        }
        let html = String(decoding: data, as: UTF8.self)
        guard let documentField = meta("tripact-document", in: html), let documentData = Data(base64Encoded: documentField) else {
            throw .notAnExport("the HTML carries no embedded document; export it with 'tripact export AGREEMENT --format html'")
        }
        let document: AgreementDocument
        do {
            document = try DocumentCodec.decode(documentData)
        } catch {
            throw .unreadable(error)
        }
        let claimed = meta("tripact-content-hash", in: html)
        let context = meta("tripact-render-context", in: html).flatMap { Data(base64Encoded: $0) }.flatMap { try? JSONDecoder().decode(RenderContext.self, from: $0) }
        let hash = DocumentCodec.contentHash(document)
        var matches: Bool?
        if let context {
            let rendered = AgreementRenderer.renderUTF8(AgreementFacts(document: document, library: library), context: context, contentHash: hash)
            matches = rendered.elementsEqual(data)
        }
        return Result(document: document, contentHash: hash, claimedHash: claimed, context: context, printedTextMatches: matches ?? false)
    }

    static func meta(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "<meta name=\"\(name)\" content=\"") else { return nil }
        guard let end = html[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(html[start.upperBound..<end])
    }
}
