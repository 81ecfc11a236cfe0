public import Hummingbird
import HummingbirdTLS
import Logging
import TripactCore
public import TripactStore

/// Builds the whole web application. `tripact serve` and the tests call this one function, so what is tested is what runs.
public func buildApplication(configuration: WebConfiguration) throws -> some ApplicationProtocol {
    let store = try TripactStore(path: configuration.databasePath, clock: configuration.clock)
    var logger = Logger(label: "tripact")
    logger.logLevel = .info
    return Application(
        router: buildRouter(store: store, configuration: configuration),
        server: try configuration.tls.map { try .tls(.http1(), tlsConfiguration: tlsConfiguration($0)) } ?? .http1(),
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
    let router = Router(context: TripactRequestContext.self)
    router.add(middleware: ErrorPageMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: SessionMiddleware(store: store))
    router.get("health") { _, _ in "ok" }
    AuthController(store: store, configuration: configuration).register(on: router)
    OneTimeLinkController(store: store, configuration: configuration).register(on: router)
    AgreementController(store: store, configuration: configuration).register(on: router)
    AdminController(store: store, configuration: configuration).register(on: router)
    InvitationController(store: store, configuration: configuration).register(on: router)
    ClauseController(store: store, configuration: configuration).register(on: router)
    ItemController(store: store, configuration: configuration).register(on: router)
    Annex2Controller(store: store, configuration: configuration).register(on: router)
    NewAgreementController(store: store, configuration: configuration).register(on: router)
    ListFormController(store: store, configuration: configuration).register(on: router)
    RegisterController(store: store, configuration: configuration).register(on: router)
    EvidenceController(store: store, configuration: configuration).register(on: router)
    NoticeController(store: store, configuration: configuration).register(on: router)
    PublicRegisterController(store: store).register(on: router)
    DeliveryLocationController(store: store, configuration: configuration).register(on: router)
    FieldFormController(store: store, configuration: configuration, slug: "parties", title: "Annex I — Parties", fields: PartForms.parties()).register(on: router)
    FieldFormController(store: store, configuration: configuration, slug: "consumer", title: "Annex V — Obligations towards data subjects", fields: PartForms.consumer())
        .register(on: router)
    FieldFormController(store: store, configuration: configuration, slug: "terms", title: "Terms of the agreement", fields: PartForms.terms()).register(on: router)
    FieldFormController(store: store, configuration: configuration, slug: "assistance", title: "Annex III — Assistance to the controller", fields: PartForms.assistance())
        .register(on: router)
    return router
}
