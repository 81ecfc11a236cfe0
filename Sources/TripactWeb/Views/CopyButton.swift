import Foundation
import TripactCore

/// A copy button beside each read-only field marked `data-copy`, labelled with that attribute's value ("Copy the link",
/// "Copy the token"), added by a small script. Without JavaScript
/// the field is still there to select and copy. The Content-Security-Policy allows this one script by its hash, so no
/// other script can run.
enum CopyButton {
    static let script =
        "document.querySelectorAll(\"input[data-copy]\").forEach(function (field) { var button = document.createElement(\"button\"); "
        + "button.type = \"button\"; button.textContent = field.getAttribute(\"data-copy\") || \"Copy\"; button.addEventListener(\"click\", function () { field.select(); "
        + "var done = function () { button.textContent = \"Copied\"; }; if (navigator.clipboard) { navigator.clipboard.writeText(field.value)"
        + ".then(done, function () { document.execCommand(\"copy\"); done(); }); } else { document.execCommand(\"copy\"); done(); } }); "
        + "field.insertAdjacentElement(\"afterend\", button); });"

    /// The script as a CSP source: `'sha256-BASE64'` of its bytes.
    static let policySource: String = {
        let hex = Array(DocumentCodec.sha256Hex(Data(script.utf8)).utf8)
        let bytes = stride(from: 0, to: hex.count, by: 2).compactMap { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16) }
        return "'sha256-\(Data(bytes).base64EncodedString())'"
    }()

    /// The script element, written once after the fields it enhances.
    static let element = Markup.trusted("<script>\(script)</script>")
}
