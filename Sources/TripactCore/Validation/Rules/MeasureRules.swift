/// Annex III lists the security measures the processor takes (Art. 28(3)(c), Art. 32).
struct NoMeasuresRule: ValidationRule {
    let code = "measures.none"
    let article = "Art. 28(3)(c), Art. 32"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.measures.isEmpty ? [error("measures", "Annex III lists no technical or organisational measure")] : []
    }
}

/// A measure is either from the catalogue or a custom one with heading, title and description.
struct UnknownMeasureRule: ValidationRule {
    let code = "measures.unknown"
    let article = "Art. 32"

    func check(_ facts: AgreementFacts) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<String> = []
        for (index, entry) in facts.document.measures.enumerated() {
            if !seen.insert(entry.id).inserted { findings.append(error("measures[\(index)].id", "measure '\(entry.id)' is listed twice")) }
            if let heading = entry.heading, !(1...17).contains(heading) {
                findings.append(error("measures[\(index)].heading", "heading \(heading) does not exist; headings run from 1 to 17"))
            }
            guard facts.library.measure(entry.id) == nil else { continue }
            if entry.heading == nil || entry.title.isBlank || entry.description.isBlank {
                findings.append(
                    error("measures[\(index)].id", "'\(entry.id)' is not a catalogue measure; a custom measure needs 'heading' (1–17), 'title' and 'description'")
                )
            }
        }
        return findings
    }
}

/// A measure says concretely what is done, not just its heading (2021/915 Annex III asks for measures "described in
/// concrete and not generic terms").
///
/// Generic means: after removing filler words and the words of its own title and heading, fewer than six words remain.
/// "Encryption is used", "Appropriate measures are taken" and "We comply with Article 32 of the GDPR" all fail.
struct GenericMeasureRule: ValidationRule {
    let code = "measures.generic"
    let article = "Art. 32"
    static let minimumConcreteWords = 6

    static let filler: Set<String> = Set<String>([
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "as", "is", "are", "be", "been", "being", "was", "were",
        "we", "our", "us", "it", "its", "this", "that", "these", "those", "all", "any", "each", "such", "other", "where", "when", "which",
        "appropriate", "adequate", "suitable", "relevant", "necessary", "required", "reasonable", "industry", "standard", "standards", "best",
        "practice", "practices", "measure", "measures", "technical", "organisational", "organizational", "security", "data", "personal",
        "processor", "controller", "comply", "complies", "compliance", "compliant", "accordance", "article", "gdpr", "regulation", "law",
        "laws", "applicable", "ensure", "ensures", "ensured", "used", "use", "uses", "taken", "take", "takes", "place", "implemented",
        "implement", "implements", "maintained", "maintain", "maintains", "protection", "protect", "protects", "ensure", "policy", "policies",
    ]).union(otherLanguages)

    /// The same boilerplate and function words in the other languages agreements are commonly written in, so that a
    /// generic sentence is caught whatever its language (French, German, Spanish, Italian, Portuguese, Dutch).
    static let otherLanguages: Set<String> = [
        // French
        "le", "la", "les", "un", "une", "des", "de", "du", "et", "ou", "au", "aux", "en", "dans", "sur", "pour", "par", "avec", "est", "sont",
        "sera", "seront", "nous", "notre", "nos", "ce", "cet", "cette", "ces", "tout", "tous", "toute", "toutes", "mesures", "mesure",
        "techniques", "technique", "organisationnelles", "organisationnelle", "appropriées", "appropriée", "appropriés", "approprié",
        "adéquates", "adéquate", "nécessaires", "nécessaire", "sécurité", "données", "donnée", "personnelles", "personnel", "personnelle",
        "sous-traitant", "soustraitant", "responsable", "traitement", "conformément", "conforme", "conformes", "conformité", "rgpd", "règlement",
        "loi", "lois", "applicable", "applicables", "mises", "mise", "mis", "oeuvre", "œuvre", "garantir", "garantit", "assurer", "assure",
        "protection", "protéger", "politique", "politiques", "normes", "norme", "bonnes", "pratiques", "secteur", "industrie", "raisonnables",
        // German
        "der", "die", "das", "den", "dem", "ein", "eine", "einer", "und", "oder", "im", "mit", "für", "von", "zu", "ist", "sind", "wird",
        "werden", "wir", "unsere", "alle", "geeignete", "geeigneten", "angemessene", "angemessenen", "technische", "technischen",
        "organisatorische", "organisatorischen", "maßnahmen", "massnahmen", "sicherheit", "daten", "personenbezogene", "personenbezogenen",
        "auftragsverarbeiter", "verantwortliche", "verantwortlichen", "gemäß", "gemaess", "dsgvo", "gesetz", "gesetze", "anwendbaren",
        "getroffen", "umgesetzt", "gewährleistet", "gewährleisten", "schutz", "richtlinien", "standards", "stand", "technik",
        // Spanish
        "el", "los", "las", "una", "y", "o", "del", "con", "por", "para", "es", "son", "se", "nuestro", "nuestra", "todas", "todos", "medidas",
        "técnicas", "organizativas", "apropiadas", "adecuadas", "necesarias", "seguridad", "datos", "personales", "encargado", "responsable",
        "conformidad", "cumplimiento", "rgpd", "ley", "leyes", "aplicables", "aplican", "aplicadas", "implementadas", "garantizar", "protección",
        "políticas", "prácticas",
        // Italian
        "il", "lo", "gli", "uno", "e", "di", "da", "su", "per", "con", "sono", "misure", "tecniche", "organizzative", "appropriate",
        "adeguate", "necessarie", "sicurezza", "dati", "personali", "titolare", "conformità", "conformemente", "gdpr", "legge",
        "applicabili", "adottate", "attuate", "garantire", "protezione",
        // Portuguese
        "os", "as", "um", "uma", "do", "da", "dos", "das", "em", "no", "na", "com", "são", "medidas", "técnicas", "organizativas",
        "organizacionais", "adequadas", "apropriadas", "segurança", "dados", "pessoais", "subcontratante", "conformidade", "rgpd", "lei",
        "aplicáveis", "implementadas", "garantir", "proteção",
        // Dutch
        "het", "een", "en", "of", "van", "voor", "met", "zijn", "wordt", "worden", "passende", "technische", "organisatorische", "maatregelen",
        "beveiliging", "gegevens", "persoonsgegevens", "verwerker", "overeenstemming", "avg", "wet", "toepasselijke", "genomen",
        "geïmplementeerd", "waarborgen", "bescherming", "beleid",
    ]

    /// The number of words left after removing filler and `excluding`; letters and digits only, case-folded for ASCII.
    static func concreteWords(_ text: String, excluding: Set<String>) -> Int {
        var count = 0
        for word in bareWords(text) where !filler.contains(word) && !excluding.contains(word) && !(word.count <= 2 && word.allSatisfy(\.isNumber)) {
            count += 1
        }
        return count
    }

    /// Lower-cased runs of letters and digits (any non-ASCII byte counts as a letter), scanned as UTF-8 bytes.
    static func bareWords(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: current.append(byte)
            case UInt8(ascii: "-"), UInt8(ascii: "'"): continue
            default: flush()
            }
        }
        flush()
        return words
    }

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.measures.enumerated().compactMap { index, entry in
            let catalogue = facts.library.measure(entry.id)
            // A catalogue description passed the same check in the library lint.
            guard entry.description != nil || catalogue == nil else { return nil }
            let description = entry.description ?? ""
            let heading = (entry.heading ?? catalogue?.heading).flatMap { facts.library.headings[$0] } ?? ""
            let title = entry.title ?? catalogue?.title ?? ""
            let excluded = Set(Self.bareWords(heading + " " + title))
            guard Self.concreteWords(description, excluding: excluded) < Self.minimumConcreteWords else { return nil }
            return warning("measures[\(index)].description", "measure '\(entry.id)' is described only generically; say what is done, how and how often")
        }
    }
}
