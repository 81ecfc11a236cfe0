import ArgumentParser
import Foundation
import Hummingbird
import TripactCore
import TripactStore
import TripactWeb

/// `tripact serve`: the web-form server for legal teams.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the web server (log in, dashboard, agreements, item acceptance, signing, redlines, print preview).",
        discussion: """
            With --demo on an empty database it first seeds the scenario of PRODUCT.md and prints the demo users' passwords. Without \
            it, on a database without users, it prints a one-time setup link (valid 24 hours) where the first organisation and its \
            admin are created.
            """
    )

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Seed the demo scenario when the database is empty.") var demo = false
    @Option(help: ArgumentHelp("Close a connection idle (or still sending its request head) for this many seconds.", valueName: "SECONDS"))
    var idleTimeout: Double = 30
    @Flag(help: "Mark cookies Secure: set when users reach the server over HTTPS through a proxy (implied by --tls-certificate).") var secureCookies = false
    @Option(help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM); needs --tls-key. Cookies are then Secure.", valueName: "PEM"))
    var tlsCertificate: String?
    @Option(help: ArgumentHelp("The private key (PEM) of --tls-certificate.", valueName: "PEM")) var tlsKey: String?
    // The per-token limit is always on; a benchmark (or a busy integration) raises it, and nothing turns it off.
    @Option(help: ArgumentHelp("API requests a token may make per second, on average (default 10).", valueName: "N"))
    var apiRequestsPerSecond: Double = RequestRateLimit().perSecond
    @Option(help: ArgumentHelp("API requests a token may make in a burst before the average applies (default 120).", valueName: "N"))
    var apiBurst: Int = RequestRateLimit().burst
    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "A reverse proxy's IP address (repeatable): behind it, the client is the address its X-Forwarded-For names, for log-in throttling and signatures.",
            valueName: "IP"
        )
    )
    var trustedProxies: [String] = []
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535; found \(port)") }
        guard (0.1...3_600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be between 0.1 and 3600 seconds; found \(idleTimeout)") }
        guard (tlsCertificate == nil) == (tlsKey == nil) else { throw ValidationError("--tls-certificate and --tls-key go together; give both or neither") }
        guard apiRequestsPerSecond > 0, apiRequestsPerSecond <= 1_000_000 else {
            throw ValidationError("--api-requests-per-second must be above 0 and at most 1000000; found \(apiRequestsPerSecond)")
        }
        guard (1...10_000_000).contains(apiBurst) else { throw ValidationError("--api-burst must be between 1 and 10000000; found \(apiBurst)") }
        for proxy in trustedProxies where ClientAddress.normalised(proxy) == nil {
            throw ValidationError("--trusted-proxy takes an IP address (IPv4 or IPv6); found '\(proxy)'")
        }
        for (option, path) in [("--tls-certificate", tlsCertificate), ("--tls-key", tlsKey)] {
            if let path, !FileManager.default.isReadableFile(atPath: path) { throw ValidationError("\(option) '\(path)' is not a readable file") }
        }
    }

    func run() async throws {
        let clauseLibrary: ClauseLibrary
        do {
            clauseLibrary = try library.loadLibrary()
        } catch {
            try CLIFailure.report { () throws(CLIFailure) in throw error }
            return
        }
        let path = store.resolvedPath
        if demo {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try self.store.open()
                let scenario = try DocumentInput.read(URL(fileURLWithPath: library.resolvedDirectory().path).deletingLastPathComponent()
                    .appendingPathComponent("examples/full-scenario.json").path).document
                let credentials: [DemoData.Credential]?
                do {
                    credentials = try DemoData.seedIfEmpty(store: store, signedScenario: scenario, library: clauseLibrary)
                } catch let error as StoreError {
                    throw .store(error)
                } catch {
                    throw .unusableInput("cannot seed the demo data: \(error)")
                }
                if let credentials {
                    var out = "demo data seeded in '\(path)'. Log in with:\n"
                    for credential in credentials {
                        out += "  \(credential.email)  \(credential.password)  (\(credential.role.rawValue), \(credential.organisation))\n"
                    }
                    FileHandle.standardOutput.write(Data(out.utf8))
                } else {
                    FileHandle.standardOutput.write(Data("'\(path)' already holds data; the demo passwords were printed when it was seeded.\n".utf8))
                }
            }
        }
        let tls = tlsCertificate.flatMap { certificate in tlsKey.map { WebConfiguration.TLSFiles(certificatePath: certificate, keyPath: $0) } }
        let configuration = WebConfiguration(
            host: host, port: port, databasePath: path, library: clauseLibrary, secureCookies: secureCookies, idleTimeout: idleTimeout, tls: tls,
            apiRateLimit: RequestRateLimit(burst: apiBurst, perSecond: apiRequestsPerSecond),
            trustedProxies: Set(trustedProxies.compactMap(ClientAddress.normalised))
        )
        do {
            let app = try buildApplication(configuration: configuration)
            let origin = "\(tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
            FileHandle.standardOutput.write(Data("tripact serving \(origin)/ (database '\(path)')\n".utf8))
            try printSetupLink(origin: origin)
            try await app.runService()
        } catch let error as TLSFileError {
            try CLIFailure.report { () throws(CLIFailure) in throw .unusableInput(error.message) }
        }
    }

    /// On a database without users, prints the one-time link where the first organisation and its admin are created.
    private func printSetupLink(origin: String) throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try self.store.open()
            let path: String?
            do {
                path = try FirstRun.setupPath(store: store)
            } catch let error as StoreError {
                throw .store(error)
            } catch {
                throw .unusableInput("cannot issue the setup link: \(error)")
            }
            guard let path else { return }
            let hours = Int(FirstRun.setupLinkLifetime / 3_600)
            let message = """
                nobody can log in yet. Open this link to create your organisation and its first admin; it works once, for \(hours) hours,
                and a restart prints a new one (run with --demo instead for the demonstration data):
                  \(origin)\(path)

                """
            FileHandle.standardOutput.write(Data(message.utf8))
        }
    }
}
