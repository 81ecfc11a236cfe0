import TripactCore

extension ComparePage {
    /// Writes the comparison from its model through the shared redline.
    struct View {
        let model: Model

        func page() -> Page {
            var page = Page(title: "Version \(model.from) compared with version \(model.to)")
            RedlineView(
                reference: model.reference, from: model.from, to: model.to, diff: model.diff, mode: model.mode, newLabels: model.newLabels,
                oldLabels: model.oldLabels
            ).write(&page)
            return page
        }
    }
}
