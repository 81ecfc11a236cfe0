import ArgumentParser
import Foundation
import TripactAPIClient

/// `tripact login URL`: checks a personal API token against the server, then saves the server and the token for the
/// reading commands (see `RemoteLogin`). The token comes from TRIPACT_TOKEN, else a prompt without echo at a
/// terminal, else the first line of standard input; it is never an argument (arguments show in `ps`) and never printed.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Save a Tripact server and your API token, so log, show and diff read from it. Exit 5 if the server refuses the token.",
        discussion: "Make the token on the server's API tokens page (/account/tokens). It is saved in $XDG_CONFIG_HOME/tripact (else ~/.config/tripact), readable by you alone."
    )
    @Argument(help: "The server's address, e.g. https://tripact.example.org.") var server: String

    func validate() throws {
        guard RemoteAPI.serverURL(server) != nil else { throw ValidationError("URL must be an http or https address like https://tripact.example.org; found '\(server)'") }
    }

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            guard let url = RemoteAPI.serverURL(server) else { throw .unusableInput("URL must be an http or https address; found '\(server)'") }
            let token = try Self.token()
            guard token.hasPrefix("tripact_"), token.count <= 200, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw .unusableInput("token: an API token starts with 'tripact_' (make one on \(url.absoluteString)/account/tokens); nothing was saved")
            }
            // A token the server refuses is not saved: the error says why (unknown, revoked or expired).
            let api = RemoteAPI(server: url, token: token)
            let agreements = try await CLIFailure.remote { () async throws(RemoteFailure) in try await api.agreements() }
            try RemoteLogin(server: url.absoluteString, token: token).save()
            try FileInput.writeText("logged in to \(url.absoluteString) (\(agreements.count) agreement\(agreements.count == 1 ? "" : "s") visible); saved in \(RemoteLogin.file.path)\n")
        }
    }

    private static func token() throws(CLIFailure) -> String {
        if let fromEnvironment = ProcessInfo.processInfo.environment["TRIPACT_TOKEN"], !fromEnvironment.isEmpty {
            return fromEnvironment.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let typed = isatty(STDIN_FILENO) == 1 ? try PasswordInput.hidden("API token (tripact_…): ") : Swift.readLine(strippingNewline: true)
        guard let typed = typed?.trimmingCharacters(in: .whitespacesAndNewlines), !typed.isEmpty else {
            throw .unusableInput("token: none given; set TRIPACT_TOKEN or type it at the prompt; nothing was saved")
        }
        return typed
    }
}

/// `tripact logout`: deletes the saved server and token.
struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Delete the server and token that 'tripact login' saved.")

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let removed = try RemoteLogin.remove()
            try FileInput.writeText(removed ? "logged out: removed \(RemoteLogin.file.path)\n" : "not logged in: \(RemoteLogin.file.path) does not exist\n")
        }
    }
}
