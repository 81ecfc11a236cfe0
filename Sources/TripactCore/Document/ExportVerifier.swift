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

    /// What the status block of an export claims that its own pages contradict: SIGNED without both signatures,
    /// signatures on a file that does not print SIGNED, no version number, a signing time that is not a time.
    public static func inconsistencies(of context: RenderContext) -> [String] {
        var problems: [String] = []
        let complete = context.signatures.count == PartyRole.allCases.count
        if context.status == .signed, !complete { problems.append("it prints SIGNED but carries \(context.signatures.count) of \(PartyRole.allCases.count) signatures") }
        if context.status != .signed, complete { problems.append("it carries both signatures but prints \(context.status.label)") }
        if context.version == nil { problems.append("it names no version number") }
        if let signed = context.signedVersion {
            if context.status != .signed { problems.append("it names signed version \(signed.version) but prints \(context.status.label)") }
            if context.updates.last?.version != context.version {
                problems.append("it carries the signatures of version \(signed.version) but does not list its own version among the updates since")
            }
            if context.updates.first?.base != signed.version {
                problems.append("the updates it lists do not start from the signed version \(signed.version)")
            }
        } else if !context.updates.isEmpty {
            problems.append("it lists updates since a signature but names no signed version")
        }
        for (party, record) in context.signatures.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !isTimestamp(record.signedAt) {
            problems.append("the \(party.rawValue)'s signing time '\(record.signedAt)' is not a time")
        }
        return problems
    }

    /// Where the status block of an export disagrees with the database's record of that version.
    public static func disagreements(printed: RenderContext, recorded: RenderContext) -> [String] {
        var problems: [String] = []
        if printed.version != recorded.version {
            problems.append("it prints version \(printed.version.map(String.init) ?? "none"), the database holds it as version \(recorded.version.map(String.init) ?? "none")")
        }
        if printed.status != recorded.status { problems.append("it prints \(printed.status.label), the database says \(recorded.status.label)") }
        if printed.signedVersion != recorded.signedVersion {
            problems.append(
                "it prints the signatures as given on \(printed.signedVersion.map { "version \($0.version)" } ?? "this version"), the database records them on \(recorded.signedVersion.map { "version \($0.version)" } ?? "this version")"
            )
        }
        if printed.updates != recorded.updates {
            problems.append("it lists \(printed.updates.count) update(s) since the signature, the database records \(recorded.updates.count) that differ from them")
        }
        // Who signed and when: the certificate's details (address, chain head) are checked by the chain itself, and a
        // file exported before they were printed must still agree with the database.
        for party in PartyRole.allCases where printed.signatures[party]?.signedFact != recorded.signatures[party]?.signedFact {
            problems.append("the \(party.rawValue)'s signature: it prints \(describe(printed.signatures[party])), the database records \(describe(recorded.signatures[party]))")
        }
        return problems
    }

    private static func describe(_ record: SignatureRecord?) -> String {
        guard let record else { return "none" }
        return "\(record.name) (\(record.position)) at \(record.signedAt)"
    }

    private static func isTimestamp(_ text: String) -> Bool {
        guard text.utf8.count <= 40 else { return false }
        return (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) != nil
            || (try? Date(text, strategy: Date.ISO8601FormatStyle())) != nil
    }

    static func meta(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "<meta name=\"\(name)\" content=\"") else { return nil }
        guard let end = html[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(html[start.upperBound..<end])
    }
}
