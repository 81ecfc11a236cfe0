import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// Word downloads: a version next to its print preview, a redline next to the comparison. Same access as the print
/// preview: the user's organisation must be a party, otherwise 404.
struct WordController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get(.versionDocx) { _, context, session in try version(context: context, session: session) }
        router.get(.compareDocx) { request, context, session in try redline(request: request, context: context, session: session) }
    }

    private func version(context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        guard let number = Int(try context.pathParameter("number")) else { throw StoreError.unknownVersion(agreement: reference, version: 0) }
        let data = try WordDownloads.export(store: store, reference: reference, version: number, library: configuration.library)
        return Self.download(data, name: WordDownloads.fileName(reference, "-v\(number)"))
    }

    private func redline(request: Request, context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        guard let from = request.uri.queryParameters.get("from", as: Int.self), let to = request.uri.queryParameters.get("to", as: Int.self) else {
            throw HTTPError(.badRequest, message: "choose two versions to compare (from and to)")
        }
        let data = try WordDownloads.redline(store: store, reference: reference, from: from, to: to, library: configuration.library)
        return Self.download(data, name: WordDownloads.fileName(reference, "-redline-v\(from)-v\(to)"))
    }

    private static func download(_ data: Data, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = WordDownloads.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
