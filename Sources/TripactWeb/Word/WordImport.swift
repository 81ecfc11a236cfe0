public import Foundation
public import TripactCore
public import TripactStore
public import TripactWord

/// A returned DOCX checked against the stored version it names and mapped onto it, for `tripact import-docx` and the
/// agreement's Word page: the same checks, the same mapping, the same one write.
public enum WordImport {
    /// The largest DOCX taken: a Tripact export of a large agreement is some tens of KiB; Word adds styles and
    /// settings, rarely more than a few hundred.
    public static let maximumBytes = 4 * 1_048_576

    /// Why a file is refused before anything is written; the text names the file's problem for the person who chose it.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public struct Mapped: Sendable {
        public var result: DocxImporter.Result
        public var base: Version
        /// The Word comments as they are stored: on their clause, saying who wrote them in Word.
        public var comments: [ProposalComment]
        /// Whether the document differs from the base, so that there is a version to propose.
        public var changesDocument: Bool { result.document != base.document }
    }

    /// Checks that `data` is an export of version `base` of `reference` (agreement, version and content hash), then maps
    /// its edits. Nothing is written.
    public static func map(_ data: Data, store: TripactStore, reference: String, base: Int, library: ClauseLibrary) throws -> Mapped {
        guard data.count <= maximumBytes else { throw Refusal(description: "the file has \(data.count) bytes; the largest DOCX taken has \(maximumBytes) bytes (4 MiB)") }
        let identity: DocxIdentityRead
        do { identity = try DocxImporter.identify(data) } catch { throw Refusal(description: error.description) }
        guard identity.reference == reference else { throw Refusal(description: "it was exported from agreement '\(identity.reference)', not '\(reference)'") }
        guard identity.version == base else {
            throw Refusal(description: "it was exported from version \(identity.version.map(String.init) ?? "none"), not version \(base)")
        }
        let stored = try store.version(reference, number: base)
        guard stored.contentHash == identity.contentHash else {
            throw Refusal(description: "its content hash \(identity.contentHash.prefix(12)) is not that of version \(base) (\(stored.contentHash.prefix(12)))")
        }
        let original = try WordDownloads.export(store: store, reference: reference, version: base, library: library)
        let result: DocxImporter.Result
        do {
            result = try DocxImporter.map(data, base: AgreementFacts(document: stored.document, library: library), original: original)
        } catch {
            throw Refusal(description: error.description)
        }
        let comments = result.comments.map {
            ProposalComment(item: $0.item, body: "Word comment by \($0.author.isEmpty ? "an unnamed author" : $0.author): \($0.text)")
        }
        for comment in comments where TextLimit.exceeds(comment.body, 4_000) {
            throw Refusal(description: "a Word comment on \(comment.item?.rawValue ?? "the agreement") is longer than 4,000 characters")
        }
        return Mapped(result: result, base: stored, comments: comments)
    }
}
