/// A parsed JSON value that remembers where it was written, so errors can name line and column.
struct JSONNode: Sendable {
    enum Value: Sendable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, node: JSONNode)])
    }

    let value: Value
    let line: Int
    let column: Int

    /// The node at a coding path of object keys and array indices, if there is one.
    func node(at path: [PathComponent]) -> JSONNode? {
        var current = self
        for component in path {
            switch (component, current.value) {
            case (.key(let key), .object(let members)):
                guard let member = members.last(where: { $0.key == key }) else { return nil }
                current = member.node
            case (.index(let index), .array(let elements)):
                guard elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// One step of a path into a JSON document.
enum PathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// Formats a path as the user writes it: `clauses[4].parameters.hours`; the root is `(document)`.
func formatPath(_ path: [PathComponent]) -> String {
    var result = ""
    for component in path {
        switch component {
        case .key(let key):
            if !result.isEmpty { result += "." }
            result += key
        case .index(let index):
            result += "[\(index)]"
        }
    }
    return result.isEmpty ? "(document)" : result
}
