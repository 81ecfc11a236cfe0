import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its fields: what a browser sends for a form with a file input.
/// Hummingbird 2 decodes URL-encoded forms only, and the one file upload Tripact takes does not warrant a dependency.
struct MultipartForm {
    struct Field {
        var name: String
        var fileName: String?
        var data: Data
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    private(set) var fields: [Field] = []

    /// The boundary from a `Content-Type: multipart/form-data; boundary=…` header, nil for any other type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// Nil when the body is not a well-formed multipart body with this boundary.
    init?(_ body: Data, boundary: String) {
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        guard var start = body.range(of: delimiter)?.upperBound else { return nil }
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            let rest = body[start...]
            if rest.starts(with: Data("--".utf8)) { return }
            guard rest.starts(with: Data("\r\n".utf8)) else { return nil }
            let partStart = start + 2
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: partStart..<body.endIndex) else { return nil }
            let part = body[partStart..<next.lowerBound]
            guard let headerEnd = part.range(of: separator) else { return nil }
            let headers = String(decoding: part[part.startIndex..<headerEnd.lowerBound], as: UTF8.self)
            guard let field = Self.field(headers: headers, data: Data(part[headerEnd.upperBound...])) else { return nil }
            fields.append(field)
            start = next.upperBound
        }
    }

    /// The field's name and file name from its Content-Disposition header.
    private static func field(headers: String, data: Data) -> Field? {
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var name: String?
            var fileName: String?
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                var value = pair[1]
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": fileName = value
                default: break
                }
            }
            guard let name else { return nil }
            return Field(name: name, fileName: fileName, data: data)
        }
        return nil
    }

    subscript(name: String) -> Field? { fields.first { $0.name == name } }
}
