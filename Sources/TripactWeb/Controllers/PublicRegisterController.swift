import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// A processor's published subprocessor list and the Atom feed of its changes (`PublicRegisterPage`): readable without
/// log-in, and only for a processor that chose to publish. The feed answers conditional requests, so feed readers can
/// poll it cheaply.
struct PublicRegisterController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.getOpen(.publicSubprocessors) { request, context in try page(request: request, context: context) }
        router.getOpen(.publicSubprocessorFeed) { request, context in try feed(request: request, context: context) }
    }

    private func page(request: Request, context: TripactRequestContext) throws -> Response {
        let model = try PublicRegisterPage.Model.load(store: store, library: configuration.library, slug: try context.pathParameter("slug"))
        let feedURL = configuration.absolute(SiteRoute.publicSubprocessorFeed.link(model.slug), request: request)
        return PublicRegisterPage.View(model: model).page(feedURL: feedURL).response(session: context.session)
    }

    private func feed(request: Request, context: TripactRequestContext) throws -> Response {
        let model = try PublicRegisterPage.Model.load(store: store, library: configuration.library, slug: try context.pathParameter("slug"))
        let xml = PublicRegisterPage.Feed(model: model).xml(base: configuration.absolute(SiteRoute.publicSubprocessors.link(model.slug), request: request))
        return HTTPCaching.response(xml, contentType: "application/atom+xml; charset=utf-8", lastModified: model.lastModified, request: request)
    }
}
