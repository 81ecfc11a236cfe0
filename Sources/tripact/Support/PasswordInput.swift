import Foundation
import TripactCore
import TripactWeb

/// Reads a new password from standard input, never from an argument (arguments show in `ps` and in shell history):
/// at a terminal it is typed twice without echo; otherwise it is the first line of standard input.
enum PasswordInput {
    /// The password read, or nil when it is left out (end of input before any line, or Enter alone at a terminal).
    static func read(for email: String) throws(CLIFailure) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return Swift.readLine(strippingNewline: true) }
        let first = try prompt("password for \(email) (\(PasswordPolicy.minimumCharacters) characters or more, at most \(PasswordPolicy.maximumBytes) bytes): ")
        guard !first.isEmpty else { return nil }
        let second = try prompt("the same password again: ")
        guard first == second else { throw .unusableInput("password: the two passwords differ; nothing was changed") }
        return first
    }

    /// The bcrypt hash of a password that `PasswordPolicy` accepts, or its problem as the command's error.
    static func hash(_ password: String) throws(CLIFailure) -> String {
        switch Passwords.hashBlocking(password, field: "password") {
        case .success(let hash): return hash
        case .failure(let problem): throw .unusableInput("\(problem); nothing was changed")
        }
    }

    /// One line typed at the terminal without echo (an API token, say).
    static func hidden(_ text: String) throws(CLIFailure) -> String { try prompt(text) }

    /// Reads one line from the terminal with echo off, restoring the terminal afterwards.
    private static func prompt(_ text: String) throws(CLIFailure) -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw .unusableInput("cannot read the terminal's settings to hide what is typed") }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return Swift.readLine(strippingNewline: true) ?? ""
    }
}
