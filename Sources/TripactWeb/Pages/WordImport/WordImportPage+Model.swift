import TripactStore

/// The agreement's Word page (`/agreements/:reference/word`): the form that uploads a returned DOCX. What became of an
/// upload is `WordImportReport`.
enum WordImportPage {
    /// What the form shows: the version the file was exported from (the head, or as submitted), the message, the
    /// problems of a refused upload by field (`file`, `message`), and whether the user's role may upload at all.
    struct Model {
        let reference: String
        let base: Int
        let message: String
        let errors: [String: String]
        let mayUpload: Bool

        static func load(store: TripactStore, session: TripactStore.Session, reference: String) throws -> Model {
            submitted(session: session, reference: reference, base: try store.agreement(reference).head, message: "", errors: [:])
        }

        static func submitted(session: TripactStore.Session, reference: String, base: Int, message: String, errors: [String: String]) -> Model {
            Model(reference: reference, base: base, message: message, errors: errors, mayUpload: session.user.role.mayPropose)
        }
    }
}
