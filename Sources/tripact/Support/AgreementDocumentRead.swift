import TripactCore

/// A document read from a file, with the path for messages.
struct AgreementDocumentRead {
    let document: AgreementDocument
    let path: String
}
