/// A problem in a library file, with the file and line it was found at.
public struct LibraryProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
    }
}

/// The library could not be loaded; every problem found is listed.
public struct LibraryLoadError: Error, Sendable, CustomStringConvertible {
    public let problems: [LibraryProblem]
    public var description: String {
        "the clause library has \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// A library file handed to the parser: its name (for messages) and contents. Reading files is the caller's job.
public struct LibraryFile: Sendable {
    public let name: String
    public let contents: String
    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
