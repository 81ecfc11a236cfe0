/// Compares two versions of one record item (an annex part, a party, a subprocessor…) field by field, by meaning:
/// lists are sets (a list of records is keyed by its identifying field), text is compared word by word, numbers and
/// choices are shown before → after. Order inside an item never counts as a change: only Annex III and Annex IV rows
/// have a meaningful order, and those are items of their own (see `AgreementDiffer.movedKeys`).
struct FieldDiffer {
    let library: ClauseLibrary

    /// Fields that identify a record in a list, in the order they are tried.
    static let identityKeys = ["id", "purpose", "category", "area", "right", "name"]

    func changes(old: JSONNode?, new: JSONNode?, path: [String] = []) -> [FieldChange] {
        switch (old?.value, new?.value) {
        case (.object(let before)?, .object(let after)?):
            var result: [FieldChange] = []
            var seen = Set<String>()
            for member in after {
                seen.insert(member.key)
                result += changes(old: before.first { $0.key == member.key }?.node, new: member.node, path: path + [member.key])
            }
            for member in before where !seen.contains(member.key) {
                result += changes(old: member.node, new: nil, path: path + [member.key])
            }
            return result
        case (.array(let before)?, .array(let after)?):
            if let key = Self.identityKey(before + after) { return keyedSet(before, after, identity: key, path: path) }
            return valueSet(before, after, path: path)
        case (.string(let before)?, .string(let after)?):
            let oldWords = WordDiff.words(before)
            let newWords = WordDiff.words(after)
            guard oldWords != newWords else { return [] }
            return [change(path, old: shown(before, path), new: shown(after, path), words: WordDiff.align(old: oldWords, new: newWords))]
        default:
            let before = old.map { scalar($0, path) }
            let after = new.map { scalar($0, path) }
            guard before != after else { return [] }
            if before == "none" && after == nil || before == nil && after == "none" { return [] }
            return [change(path, old: before, new: after)]
        }
    }

    /// Lists of records matched by their identifying field: added, removed, and changed field by field.
    private func keyedSet(_ before: [JSONNode], _ after: [JSONNode], identity: String, path: [String]) -> [FieldChange] {
        func key(_ node: JSONNode) -> String { node.member(identity).map { scalar($0, [identity]) } ?? "" }
        let oldByKey = Dictionary(before.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(after.map(key))
        var result: [FieldChange] = []
        for node in after {
            let name = key(node)
            let element = path + ["[\(name)]"]
            if let previous = oldByKey[name] {
                result += changes(old: previous, new: node, path: element)
            } else {
                result.append(change(element, old: nil, new: summary(node, identity: identity)))
            }
        }
        for node in before where !newKeys.contains(key(node)) {
            result.append(change(path + ["[\(key(node))]"], old: summary(node, identity: identity), new: nil))
        }
        return result
    }

    /// Lists of plain values as sets: each value added or removed once, re-ordering ignored.
    private func valueSet(_ before: [JSONNode], _ after: [JSONNode], path: [String]) -> [FieldChange] {
        let oldValues = before.map { scalar($0, path) }
        let newValues = after.map { scalar($0, path) }
        let oldSet = Set(oldValues)
        let newSet = Set(newValues)
        var result: [FieldChange] = []
        for value in newValues where !oldSet.contains(value) { result.append(change(path, old: nil, new: value)) }
        for value in oldValues where !newSet.contains(value) { result.append(change(path, old: value, new: nil)) }
        return result
    }

    static func identityKey(_ nodes: [JSONNode]) -> String? {
        guard !nodes.isEmpty, nodes.allSatisfy({ if case .object = $0.value { true } else { false } }) else { return nil }
        return identityKeys.first { key in nodes.allSatisfy { $0.member(key) != nil } }
    }

    private func change(_ path: [String], old: String?, new: String?, words: [WordDiff.Token]? = nil) -> FieldChange {
        FieldChange(field: Self.fieldPath(path), label: Self.label(path), old: old, new: new, assessment: nil, words: words)
    }

    /// A record in one line: its identifying value first, then its other values.
    private func summary(_ node: JSONNode, identity: String) -> String {
        var parts = node.member(identity).map { [scalar($0, [identity])] } ?? []
        for member in node.members where member.key != identity {
            switch member.node.value {
            case .string, .number, .bool: parts.append(scalar(member.node, [member.key]))
            case .array(let elements): parts.append(elements.map { scalar($0, [member.key]) }.joined(separator: ", "))
            default: break
            }
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "; ")
    }

    private func scalar(_ node: JSONNode, _ path: [String]) -> String {
        switch node.value {
        case .string(let text): shown(text, path)
        case .number(let text): text
        case .bool(let value): value ? "yes" : "no"
        case .null: "none"
        case .array(let elements): elements.map { scalar($0, path) }.joined(separator: ", ")
        case .object: summary(node, identity: Self.identityKey([node]) ?? "")
        }
    }

    /// A catalogue key with its label, as the reader knows it: "Voice recordings (voice-recording)".
    private func shown(_ value: String, _ path: [String]) -> String {
        let field = path.last { !$0.hasPrefix("[") } ?? ""
        let label: String?
        switch field {
        case "dataCategories", "category": label = library.dataCategory(value)?.label
        case "purpose", "purposes": label = library.purpose(value)?.label
        case "channels": label = library.channel(value)?.label
        case "services", "service": label = library.service(value)?.label
        case "country", "locations": label = library.country(value)?.name
        case "transferMechanism": label = library.transferMechanism(value)?.label
        case "dataSubjects": label = library.dataSubjects.first { $0.key == value }?.label
        case "operations": label = library.operations.first { $0.key == value }?.label
        default: label = nil
        }
        guard let label, label != value else { return value }
        return "\(label) (\(value))"
    }

    /// `purposes[billing].dataCategories`: the field's path in the document, with list elements named by key.
    static func fieldPath(_ path: [String]) -> String {
        path.reduce("") { result, part in part.hasPrefix("[") || result.isEmpty ? result + part : result + "." + part }
    }

    /// The field's name as a reader says it: "purposes › billing › data categories".
    static func label(_ path: [String]) -> String {
        let parts = path.map { part in
            part.hasPrefix("[") ? String(part.dropFirst().dropLast()) : (knownLabels[part] ?? words(part))
        }
        return parts.isEmpty ? "value" : parts.joined(separator: " › ")
    }

    static let knownLabels: [String: String] = [
        "tiaReference": "transfer impact assessment", "dpo": "data protection officer", "euRepresentative": "EU representative",
        "mainAgreement": "main agreement", "transferMechanism": "transfer mechanism", "homeWorking": "home working",
        "dataCategories": "personal data categories", "dataSubjects": "data subjects", "callRecording": "call recording",
        "cardPayments": "card payments", "onwardSubprocessors": "onward subprocessors",
    ]

    /// "subjectMatter" → "subject matter".
    static func words(_ camelCase: String) -> String {
        var out = ""
        for character in camelCase {
            if character.isUppercase, !out.isEmpty { out += " " + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}
