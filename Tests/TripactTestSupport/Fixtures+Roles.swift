public import TripactCore

extension Fixtures {
    /// The full scenario with all three roles: its first purpose decided jointly, its reporting shared with the
    /// Processor as a controller in its own right, the rest on behalf; the joint and data-sharing clauses selected,
    /// the essence naming the Controller as the contact point.
    public static func withAllThreeRoles() -> AgreementDocument {
        var document = example("full-scenario.json")
        document.processing.purposes[0].role = .joint
        document.processing.purposes[0].lawfulBasis = .contract
        if let index = document.processing.purposes.firstIndex(where: { $0.purpose == "analytics.reporting" }) {
            document.processing.purposes[index].role = .independent
            document.processing.purposes[index].lawfulBasis = .legitimateInterests
            document.processing.purposes[index].recipient = .processor
            document.processing.purposes[index].disclosureBasis = .legitimateInterests
        }
        document.clauses.append(
            ClauseSelection(
                clause: "joint-controllership", variant: "balanced",
                parameters: [
                    "essence": .string(
                        "\(document.parties.controller.name) and \(document.parties.processor.name) decide together how your complaints are handled. "
                            + "\(document.parties.controller.name) tells you about it and is your contact point for every request; you may also turn to either of us."
                    ),
                ]
            )
        )
        document.clauses.append(ClauseSelection(clause: "data-sharing", variant: "balanced"))
        return document
    }
}
