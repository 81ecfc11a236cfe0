import Hummingbird
import TripactCore
import TripactStore

/// The check every agreement route makes: a signed-in user whose organisation is a party. Anyone else gets 404,
/// so an outsider cannot even learn that the agreement exists.
enum AgreementAccess {
    /// The session, the agreement's reference and the user's side; nil when nobody is signed in (the caller redirects
    /// to the log-in page).
    static func check(_ context: TripactRequestContext, store: TripactStore) throws -> (session: TripactStore.Session, reference: String, party: PartyRole)? {
        guard let session = context.session else { return nil }
        let reference = try context.pathParameter("reference")
        guard let party = try store.party(of: session.user, in: reference) else { throw StoreError.notAParty(user: session.user.email, agreement: reference) }
        return (session, reference, party)
    }

    /// The check for forms that need only who is signed in and which agreement.
    static func sessionAndReference(_ context: TripactRequestContext, store: TripactStore) throws -> (TripactStore.Session, String)? {
        try check(context, store: store).map { ($0.session, $0.reference) }
    }

    /// The same check, with the database's generation read in the same query, for the pages served from a cache.
    static func checkForCachedPage(_ context: TripactRequestContext, store: TripactStore) throws -> (session: TripactStore.Session, reference: String, party: PartyRole, generation: Int)? {
        guard let session = context.session else { return nil }
        let reference = try context.pathParameter("reference")
        let access = try store.access(of: session.user, in: reference)
        guard let party = access.party else { throw StoreError.notAParty(user: session.user.email, agreement: reference) }
        return (session, reference, party, access.generation)
    }

    /// The check for the agreement page, with everything its cache key needs read in the same query (`PageStamp`).
    static func checkForAgreementPage(_ context: TripactRequestContext, store: TripactStore) throws -> (session: TripactStore.Session, reference: String, party: PartyRole, stamp: PageStamp)? {
        guard let session = context.session else { return nil }
        let reference = try context.pathParameter("reference")
        let stamp = try store.pageStamp(reference, for: session.user)
        guard let party = stamp.party else { throw StoreError.notAParty(user: session.user.email, agreement: reference) }
        return (session, reference, party, stamp)
    }
}
