public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import Logging
import TripactAPI
import TripactCore
public import TripactStore

/// Builds the whole web application. `tripact serve` and the tests call this one function, so what is tested is what runs.
public func buildApplication(configuration: WebConfiguration) throws -> some ApplicationProtocol {
    let store = try TripactStore(path: configuration.databasePath, clock: configuration.clock)
    var logger = Logger(label: "tripact")
    logger.logLevel = .info
    // An idle connection, or one still sending its request head when the time is up, is closed: half-open sockets
    // cannot hold the server's descriptors for long.
    let http1 = HTTP1Channel.Configuration(idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1_000)))
    return Application(
        router: buildRouter(store: store, configuration: configuration),
        server: try configuration.tls.map { try .tls(.http1(configuration: http1), tlsConfiguration: tlsConfiguration($0)) } ?? .http1(configuration: http1),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "tripact"),
        services: [NoticeSettlement(store: store, library: configuration.library, interval: .seconds(300), logger: logger)],
        logger: logger
    )
}

/// The server's TLS configuration from its PEM files; a file that cannot be read is named in the error.
func tlsConfiguration(_ files: WebConfiguration.TLSFiles) throws -> TLSConfiguration {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do {
        chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
    } catch {
        throw TLSFileError(message: "cannot read the certificate '\(files.certificatePath)' as PEM: \(error)")
    }
    guard !chain.isEmpty else { throw TLSFileError(message: "the certificate file '\(files.certificatePath)' holds no certificate") }
    do {
        key = try NIOSSLPrivateKey(file: files.keyPath, format: .pem)
    } catch {
        throw TLSFileError(message: "cannot read the private key '\(files.keyPath)' as PEM: \(error)")
    }
    return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
}

/// A certificate or key file that could not be used; the message names the file.
public struct TLSFileError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The router with every route and middleware; the tests drive it through `HummingbirdTesting`.
public func buildRouter(store: TripactStore, configuration: WebConfiguration) -> Router<TripactRequestContext> {
    buildRouterWithRoutes(store: store, configuration: configuration).router
}

/// The router and the list of every route it serves, for the tests that walk them all.
public func buildRouterWithRoutes(store: TripactStore, configuration: WebConfiguration) -> (router: Router<TripactRequestContext>, routes: [RouteDescription]) {
    let router = Router(context: TripactRequestContext.self)
    // Outermost, so that error pages carry the security headers too.
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: configuration.tls != nil))
    router.add(middleware: ErrorPageMiddleware())
    router.add(middleware: SessionMiddleware(store: store))
    let routes = Routes(router: router, store: store)
    routes.getOpen(.health) { _, _ in "ok" }
    // The JSON API (openapi.yaml) on the same router: bearer tokens only, never the session cookie.
    TripactAPI.register(
        on: router, store: store, library: configuration.library, rateLimit: configuration.apiRateLimit, compress: { Gzip.compress($0) }
    ) { store, reference, version, from, library in
        // The same Word files as the agreement page's downloads.
        if let from { return try WordDownloads.redline(store: store, reference: reference, from: from, to: version, library: library) }
        return try WordDownloads.export(store: store, reference: reference, version: version, library: library)
    }
    AuthController(store: store, configuration: configuration).register(on: routes)
    APITokenController(store: store, configuration: configuration).register(on: routes)
    ApprovalController(store: store, configuration: configuration).register(on: routes)
    ApprovalRulesController(store: store, configuration: configuration).register(on: routes)
    OneTimeLinkController(store: store, configuration: configuration).register(on: routes)
    AgreementController(store: store, configuration: configuration).register(on: routes)
    DraftController(store: store, configuration: configuration).register(on: routes)
    WordController(store: store, configuration: configuration).register(on: routes)
    WordImportController(store: store, configuration: configuration).register(on: routes)
    AdminController(store: store, configuration: configuration).register(on: routes)
    InvitationController(store: store, configuration: configuration).register(on: routes)
    ClauseController(store: store, configuration: configuration).register(on: routes)
    ItemController(store: store, configuration: configuration).register(on: routes)
    Annex2Controller(store: store, configuration: configuration).register(on: routes)
    AllocationController(store: store, configuration: configuration).register(on: routes)
    NewAgreementController(store: store, configuration: configuration).register(on: routes)
    ListFormController(store: store, configuration: configuration).register(on: routes)
    RegisterController(store: store, configuration: configuration).register(on: routes)
    EvidenceController(store: store, configuration: configuration).register(on: routes)
    PlaybookController(store: store, configuration: configuration).register(on: routes)
    NoticeController(store: store, configuration: configuration).register(on: routes)
    PublicRegisterController(store: store, configuration: configuration).register(on: routes)
    DeliveryLocationController(store: store, configuration: configuration).register(on: routes)
    FieldFormController(store: store, configuration: configuration, route: .parties, title: "Annex I — Parties", fields: PartForms.parties()).register(on: routes)
    FieldFormController(store: store, configuration: configuration, route: .consumer, title: "Annex V — Obligations towards data subjects", fields: PartForms.consumer())
        .register(on: routes)
    FieldFormController(store: store, configuration: configuration, route: .terms, title: "Terms of the agreement", fields: PartForms.terms()).register(on: routes)
    FieldFormController(store: store, configuration: configuration, route: .assistance, title: "Annex III — Assistance to the controller", fields: PartForms.assistance())
        .register(on: routes)
    return (router, routes.all)
}
