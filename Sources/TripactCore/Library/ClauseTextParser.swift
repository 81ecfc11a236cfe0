/// Parses the text of a variant into paragraphs, conditions and placeholders.
struct ClauseTextParser {
    let file: String
    let parameters: [ParameterSpec]
    private(set) var problems: [LibraryProblem] = []

    init(file: String, parameters: [ParameterSpec]) {
        self.file = file
        self.parameters = parameters
    }

    mutating func parse(_ lines: [(number: Int, text: Substring)]) -> ClauseText {
        var paragraphs: [Paragraph] = []
        var block: [(number: Int, text: Substring)] = []
        for line in lines + [(number: 0, text: Substring(""))] {
            if line.text.trimmingWhitespace().isEmpty {
                if !block.isEmpty, let paragraph = paragraph(from: block) { paragraphs.append(paragraph) }
                block.removeAll()
            } else {
                block.append(line)
            }
        }
        return ClauseText(paragraphs: paragraphs)
    }

    private mutating func paragraph(from block: [(number: Int, text: Substring)]) -> Paragraph? {
        let startLine = block[0].number
        var first = block[0].text.trimmingWhitespace()
        var condition: ParagraphCondition?
        if first.hasPrefix("[if ") || first.hasPrefix("[unless ") {
            guard let close = first.firstIndex(of: "]") else {
                problems.append(LibraryProblem(file: file, line: startLine, message: "a paragraph condition is written '[if NAME]' and needs its ']'"))
                return nil
            }
            let inside = first[first.index(after: first.startIndex)..<close]
            let negated = inside.hasPrefix("unless ")
            let subject = String(inside.dropFirst(negated ? "unless ".count : "if ".count).trimmingWhitespace())
            condition = parseCondition(subject, negated: negated, line: startLine)
            first = first[first.index(after: close)...].trimmingWhitespace()
        }
        var texts = [first] + block.dropFirst().map { $0.text.trimmingWhitespace() }
        texts.removeAll { $0.isEmpty }
        guard !texts.isEmpty else {
            problems.append(LibraryProblem(file: file, line: startLine, message: "a condition needs text after it"))
            return nil
        }
        if texts.first?.hasPrefix("|") == true { return table(texts, condition: condition, startLine: startLine) }
        let isList = texts.allSatisfy { $0.hasPrefix("- ") }
        if !isList, texts.contains(where: { $0.hasPrefix("- ") }), texts.first?.hasPrefix("- ") == true {
            problems.append(LibraryProblem(file: file, line: startLine, message: "a list paragraph has every line starting with '- '"))
        }
        let lines: [[Segment]]
        if isList {
            lines = texts.enumerated().map { segments(String($0.element.dropFirst(2)), line: startLine + $0.offset) }
        } else {
            lines = [segments(texts.joined(separator: " "), line: startLine)]
        }
        return Paragraph(condition: condition, lines: lines, isList: isList, line: startLine)
    }

    /// `| Header | Header` then `| cell | cell` lines: the first row is the header; every row has its number of cells.
    private mutating func table(_ texts: [Substring], condition: ParagraphCondition?, startLine: Int) -> Paragraph? {
        guard texts.allSatisfy({ $0.hasPrefix("|") }) else {
            problems.append(LibraryProblem(file: file, line: startLine, message: "a table paragraph has every line starting with '|'"))
            return nil
        }
        let rows: [[String]] = texts.map { text in
            var body = text.dropFirst()
            if body.hasSuffix("|") { body = body.dropLast() }
            return body.split(separator: "|", omittingEmptySubsequences: false).map { String($0.trimmingWhitespace()) }
        }
        let columns = rows[0].count
        guard rows.count >= 2, columns >= 2 else {
            problems.append(LibraryProblem(file: file, line: startLine, message: "a table needs a header row and at least one row, each of at least two cells"))
            return nil
        }
        var lines: [[Segment]] = []
        for (offset, row) in rows.enumerated() {
            if row.count != columns {
                problems.append(LibraryProblem(file: file, line: startLine + offset, message: "a table row has \(row.count) cells where its header has \(columns)"))
                return nil
            }
            if row.contains(where: \.isEmpty) {
                problems.append(LibraryProblem(file: file, line: startLine + offset, message: "a table cell is empty; write what the cell says, such as 'none'"))
                return nil
            }
            lines += row.map { segments($0, line: startLine + offset) }
        }
        return Paragraph(condition: condition, lines: lines, isList: false, line: startLine, columns: columns)
    }

    private mutating func parseCondition(_ subject: String, negated: Bool, line: Int) -> ParagraphCondition? {
        if let equals = subject.firstIndex(of: "=") {
            let name = String(subject[..<equals])
            let value = String(subject[subject.index(after: equals)...])
            guard let parameter = parameters.first(where: { $0.name == name }), case .enumeration(let options) = parameter.kind else {
                problems.append(LibraryProblem(file: file, line: line, message: "'[if \(subject)]' needs an enum parameter named '\(name)'"))
                return nil
            }
            if !options.contains(where: { $0.key == value }) {
                problems.append(LibraryProblem(file: file, line: line, message: "'\(value)' is not an option of parameter '\(name)'"))
            }
            return ParagraphCondition(negated: negated, subject: .parameter(name, equals: value))
        }
        if let parameter = parameters.first(where: { $0.name == subject }) {
            guard case .boolean = parameter.kind else {
                problems.append(LibraryProblem(file: file, line: line, message: "'[if \(subject)]' needs a boolean parameter; for an enum write '[if \(subject)=KEY]'"))
                return nil
            }
            return ParagraphCondition(negated: negated, subject: .parameter(subject, equals: nil))
        }
        if let condition = Condition(rawValue: subject) {
            return ParagraphCondition(negated: negated, subject: .agreement(condition))
        }
        problems.append(LibraryProblem(file: file, line: line, message: "'\(subject)' in a paragraph condition is neither a parameter of this clause nor a condition"))
        return nil
    }

    private mutating func segments(_ text: String, line: Int) -> [Segment] {
        var result: [Segment] = []
        let bytes = text.utf8
        var literalStart = bytes.startIndex
        var index = bytes.startIndex
        func isPair(_ at: String.UTF8View.Index, _ byte: UInt8) -> Bool {
            bytes[at] == byte && bytes.index(after: at) < bytes.endIndex && bytes[bytes.index(after: at)] == byte
        }
        while index < bytes.endIndex {
            guard isPair(index, 0x7B) else {
                index = bytes.index(after: index)
                continue
            }
            let open = index
            var close = bytes.index(open, offsetBy: 2)
            while close < bytes.endIndex, !isPair(close, 0x7D) { close = bytes.index(after: close) }
            guard close < bytes.endIndex else {
                problems.append(LibraryProblem(file: file, line: line, message: "'{{' without its closing '}}'"))
                break
            }
            if open > literalStart { result.append(literal(Substring(bytes[literalStart..<open]))) }
            let inside = String(Substring(bytes[bytes.index(open, offsetBy: 2)..<close]).trimmingWhitespace())
            result.append(.placeholder(placeholder(inside, line: line)))
            index = bytes.index(close, offsetBy: 2)
            literalStart = index
        }
        if literalStart < bytes.endIndex { result.append(literal(Substring(bytes[literalStart...]))) }
        return result
    }

    private func literal(_ text: Substring) -> Segment {
        let string = String(text)
        return .literal(text: string, html: HTMLEscaping.escape(string))
    }

    private mutating func placeholder(_ inside: String, line: Int) -> Placeholder {
        if inside.hasPrefix("clause:") { return .clauseReference(ClauseID(String(inside.dropFirst("clause:".count)))) }
        if let field = AgreementField(rawValue: inside) { return .field(field) }
        if parameters.contains(where: { $0.name == inside }) { return .parameter(inside) }
        problems.append(
            LibraryProblem(
                file: file, line: line,
                message: "placeholder '{{\(inside)}}' is neither a parameter of this clause, an agreement field (\(AgreementField.allCases.map(\.rawValue).joined(separator: ", "))) nor 'clause:ID'"
            )
        )
        return .unknown(inside)
    }
}
