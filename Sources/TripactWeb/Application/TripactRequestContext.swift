public import Hummingbird
public import TripactStore

/// The request context: Hummingbird's core storage plus the signed-in session, if any.
public struct TripactRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: TripactStore.Session?
    public var sessionToken: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Request bodies are capped at 1 MiB; larger ones get 413.
    public var maxUploadSize: Int { 1_048_576 }
}
