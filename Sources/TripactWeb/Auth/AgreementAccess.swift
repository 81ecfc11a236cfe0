import Hummingbird
import TripactCore
import TripactStore

/// The check every agreement route makes, after the registrar has made sure someone is signed in (`SignIn`): the
/// user's organisation is a party. Anyone else gets 404, so an outsider cannot even learn that the agreement exists.
enum AgreementAccess {
    /// The agreement's reference from the path and the user's side.
    static func check(_ context: TripactRequestContext, session: TripactStore.Session, store: TripactStore) throws -> (reference: String, party: PartyRole) {
        let reference = try context.pathParameter("reference")
        guard let party = try store.party(of: session.user, in: reference) else { throw StoreError.notAParty(user: session.user.email, agreement: reference) }
        return (reference, party)
    }

    /// The same check, with the database's generation read in the same query, for the pages served from a cache.
    static func checkForCachedPage(_ context: TripactRequestContext, session: TripactStore.Session, store: TripactStore) throws
        -> (reference: String, party: PartyRole, generation: Int)
    {
        let reference = try context.pathParameter("reference")
        let access = try store.access(of: session.user, in: reference)
        guard let party = access.party else { throw StoreError.notAParty(user: session.user.email, agreement: reference) }
        return (reference, party, access.generation)
    }

    /// The check for the agreement page, with everything its cache key needs read in the same query (`PageStamp`).
    static func checkForAgreementPage(_ context: TripactRequestContext, session: TripactStore.Session, store: TripactStore) throws
        -> (reference: String, party: PartyRole, stamp: PageStamp)
    {
        let reference = try context.pathParameter("reference")
        let stamp = try store.pageStamp(reference, for: session.user)
        guard let party = stamp.party else { throw StoreError.notAParty(user: session.user.email, agreement: reference) }
        return (reference, party, stamp)
    }
}
