public import Foundation
public import TripactCore
public import TripactStore
import TripactWord

/// A stored version as DOCX, and a redline between two stored versions, for the web downloads and `tripact export`.
/// Access is the caller's business: the web checks the user's organisation is a party before calling.
public enum WordDownloads {
    public static let contentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    public static func export(store: TripactStore, reference: String, version number: Int, library: ClauseLibrary) throws(StoreError) -> Data {
        let version = try store.version(reference, number: number)
        let context = try store.renderContext(reference, version: number)
        do {
            return try DocxExporter.export(AgreementFacts(document: version.document, library: library), context: context, contentHash: version.contentHash)
        } catch {
            throw .invalid("version \(number) cannot be written as Word: \(error)")
        }
    }

    /// The redline from version `from` to version `to`: changes by the organisation that proposed `to`, at its time;
    /// the comments the parties addressed to each other up to `to` as Word comments (never internal ones).
    public static func redline(store: TripactStore, reference: String, from: Int, to: Int, library: ClauseLibrary) throws(StoreError) -> Data {
        guard from != to else { throw .invalid("from: a redline needs two different versions (both are \(from))") }
        let old = try store.version(reference, number: from)
        let new = try store.version(reference, number: to)
        let summary = try store.agreement(reference)
        let proposer = new.party == .controller ? summary.controller : summary.processor
        let organisation = try store.organisation(named: proposer)
        // Read as the proposing organisation, then every internal comment left out, whichever side wrote it.
        let comments = try store.comments(reference, visibleTo: organisation.id).filter { !$0.isInternal && $0.version <= to }.map {
            RedlineComment(item: $0.item.map { ItemKey(rawValue: $0) }, author: $0.authorName.isEmpty ? $0.author : $0.authorName, date: $0.createdAt, body: $0.body)
        }
        let versions = DocxRedline.Versions(
            reference: reference, old: AgreementFacts(document: old.document, library: library), oldVersion: from,
            new: AgreementFacts(document: new.document, library: library), newVersion: to, newContentHash: new.contentHash, author: proposer, date: new.createdAt
        )
        do {
            return try DocxRedline.redline(versions, comments: comments)
        } catch {
            throw .invalid("the redline cannot be written as Word: \(error)")
        }
    }

    static func fileName(_ reference: String, _ suffix: String) -> String {
        AgreementController.fileName(reference) + suffix + ".docx"
    }
}
