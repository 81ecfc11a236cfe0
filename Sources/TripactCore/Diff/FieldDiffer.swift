/// Compares two versions of one record item (an annex part, a party, a subprocessor…) field by field, by meaning:
/// lists are sets (a list of records is keyed by its identifying field), text is compared word by word, numbers and
/// choices are shown before → after. Order inside an item never counts as a change: only Annex III and Annex IV rows
/// have a meaningful order, and those are items of their own (see `AgreementDiffer.movedKeys`).
///
/// Each change carries its path with the document's keys (`purposes[billing].dataCategories`, for JSON) and its label
/// in words ("Purposes › Billing and payments › personal data categories", for people); values likewise.
struct FieldDiffer {
    let library: ClauseLibrary

    /// One step of a path: a member name or a list element, as stored and as said.
    struct Part {
        let key: String
        let words: String

        static func member(_ name: String) -> Part { Part(key: name, words: name) }
    }

    /// Fields that identify a record in a list, in the order they are tried.
    static let identityKeys = ["id", "purpose", "category", "area", "right", "name"]

    private var words: RecordWords { RecordWords(library: library) }

    func changes(old: JSONNode?, new: JSONNode?, path: [String] = []) -> [FieldChange] {
        changes(old: old, new: new, parts: path.map(Part.member))
    }

    private func changes(old: JSONNode?, new: JSONNode?, parts path: [Part]) -> [FieldChange] {
        switch (old?.value, new?.value) {
        case (.object(let before)?, .object(let after)?):
            var result: [FieldChange] = []
            var seen = Set<String>()
            for member in after {
                seen.insert(member.key)
                result += changes(old: before.first { $0.key == member.key }?.node, new: member.node, parts: path + [.member(member.key)])
            }
            for member in before where !seen.contains(member.key) {
                result += changes(old: member.node, new: nil, parts: path + [.member(member.key)])
            }
            return result
        case (.array(let before)?, .array(let after)?):
            if let key = Self.identityKey(before + after) { return keyedSet(before, after, identity: key, path: path) }
            return valueSet(before, after, path: path)
        case (.string(let before)?, .string(let after)?):
            let oldWords = WordDiff.words(before)
            let newWords = WordDiff.words(after)
            guard oldWords != newWords else { return [] }
            let field = Self.field(path)
            let oldValue = words.value(before, field: field)
            let newValue = words.value(after, field: field)
            // A catalogue choice changed is a choice, not a text to redline.
            let redline = oldValue.key == nil && newValue.key == nil ? WordDiff.align(old: oldWords, new: newWords) : nil
            return [change(path, old: oldValue, new: newValue, words: redline)]
        default:
            let before = old.map { scalar($0, path) }
            let after = new.map { scalar($0, path) }
            guard before?.words != after?.words else { return [] }
            if before?.words == "none" && after == nil || before == nil && after?.words == "none" { return [] }
            return [change(path, old: before, new: after)]
        }
    }

    /// Lists of records matched by their identifying field: added, removed, and changed field by field.
    private func keyedSet(_ before: [JSONNode], _ after: [JSONNode], identity: String, path: [Part]) -> [FieldChange] {
        func key(_ node: JSONNode) -> String { node.member(identity).map { scalar($0, [.member(identity)]).key ?? scalar($0, [.member(identity)]).words } ?? "" }
        func element(_ node: JSONNode) -> Part {
            let name = key(node)
            return Part(key: "[\(name)]", words: "[\(words.elementName(node, identity: identity, value: name))]")
        }
        let oldByKey = Dictionary(before.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(after.map(key))
        var result: [FieldChange] = []
        for node in after {
            if let previous = oldByKey[key(node)] {
                result += changes(old: previous, new: node, parts: path + [element(node)])
            } else {
                result.append(change(path + [element(node)], old: nil, new: summary(node, identity: identity)))
            }
        }
        for node in before where !newKeys.contains(key(node)) {
            result.append(change(path + [element(node)], old: summary(node, identity: identity), new: nil))
        }
        return result
    }

    /// Lists of plain values as sets: each value added or removed once, re-ordering ignored.
    private func valueSet(_ before: [JSONNode], _ after: [JSONNode], path: [Part]) -> [FieldChange] {
        let oldValues = before.map { scalar($0, path) }
        let newValues = after.map { scalar($0, path) }
        let oldSet = Set(oldValues.map { $0.words })
        let newSet = Set(newValues.map { $0.words })
        var result: [FieldChange] = []
        for value in newValues where !oldSet.contains(value.words) { result.append(change(path, old: nil, new: value)) }
        for value in oldValues where !newSet.contains(value.words) { result.append(change(path, old: value, new: nil)) }
        return result
    }

    static func identityKey(_ nodes: [JSONNode]) -> String? {
        guard !nodes.isEmpty, nodes.allSatisfy({ if case .object = $0.value { true } else { false } }) else { return nil }
        return identityKeys.first { key in nodes.allSatisfy { $0.member(key) != nil } }
    }

    private func change(_ path: [Part], old: Value?, new: Value?, words: [WordDiff.Token]? = nil) -> FieldChange {
        FieldChange(
            field: Self.fieldPath(path.map(\.key)), label: RecordWords.label(path.map(\.words)), old: old?.words, new: new?.words,
            oldKey: old?.key, newKey: new?.key, assessment: nil, words: words
        )
    }

    /// A value in words, and the key it is stored as when it is one.
    typealias Value = (words: String, key: String?)

    /// A record in one line: its identifying value first, then its other values, all in words.
    private func summary(_ node: JSONNode, identity: String) -> Value {
        let name = node.member(identity).map { scalar($0, [.member(identity)]) }
        var parts = name.map { [words.elementName(node, identity: identity, value: $0.key ?? $0.words)] } ?? []
        for member in node.members where member.key != identity {
            switch member.node.value {
            case .string, .number, .bool: parts.append(scalar(member.node, [.member(member.key)]).words)
            case .array(let elements): parts.append(elements.map { scalar($0, [.member(member.key)]).words }.joined(separator: ", "))
            default: break
            }
        }
        var seen = Set<String>()
        let text = parts.filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: "; ")
        return (text, name?.key ?? name?.words)
    }

    private func scalar(_ node: JSONNode, _ path: [Part]) -> Value {
        switch node.value {
        case .string(let text): words.value(text, field: Self.field(path))
        case .number(let text): (text, nil)
        case .bool(let value): (value ? "yes" : "no", nil)
        case .null: ("none", nil)
        case .array(let elements): (elements.map { scalar($0, path).words }.joined(separator: ", "), nil)
        case .object: summary(node, identity: Self.identityKey([node]) ?? "")
        }
    }

    /// The member a value belongs to: the last step of its path that is not a list element.
    private static func field(_ path: [Part]) -> String {
        path.last { !$0.key.hasPrefix("[") }?.key ?? ""
    }

    /// `purposes[billing].dataCategories`: the field's path in the document, with list elements named by key.
    static func fieldPath(_ path: [String]) -> String {
        path.reduce("") { result, part in part.hasPrefix("[") || result.isEmpty ? result + part : result + "." + part }
    }

    /// The field's name as the command line says it: member names in words, list elements by key,
    /// "purposes › billing › personal data categories".
    static func label(_ path: [String]) -> String {
        let parts = path.map { part in part.hasPrefix("[") ? String(part.dropFirst().dropLast()) : RecordWords.fieldName(part) }
        return parts.isEmpty ? "value" : parts.joined(separator: " › ")
    }
}
