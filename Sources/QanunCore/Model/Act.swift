/// A normative act as parsed from one source file: metadata, preamble and articles in order.
public struct Act: Sendable, Equatable, Codable {
    /// The path the act was read from, as given on the command line (the citation source).
    public var source: String
    public var title: String
    public var number: String?
    public var date: String?
    public var type: String?
    public var status: String?
    public var language: Language
    public var preamble: String
    public var articles: [Article]
    /// Amendment apparatus (footnotes, quoted previous wordings). Kept for display, never
    /// searched as current law.
    public var notes: [String]

    public init(
        source: String, title: String, number: String? = nil, date: String? = nil, type: String? = nil,
        status: String? = nil, language: Language, preamble: String = "", articles: [Article] = [],
        notes: [String] = []
    ) {
        self.source = source
        self.title = title
        self.number = number
        self.date = date
        self.type = type
        self.status = status
        self.language = language
        self.preamble = preamble
        self.articles = articles
        self.notes = notes
    }
}

/// One article (Maddə / Статья / Article / Section / §) with its number exactly as printed.
public struct Article: Sendable, Equatable, Codable {
    /// The number as printed: `5`, `27-1`, `15.1`, `552a`.
    public var number: String
    public var heading: String
    /// Akoma Ntoso-style identifier, e.g. `chp_1__art_27-1`; unique within its act.
    public var eid: String
    /// Labels of the enclosing divisions as printed, e.g. `I bölmə`, `Глава 2`.
    public var chapter: String?
    public var section: String?
    /// Numbered parts and points in order; text before the first numbered part has `num == nil`.
    public var parts: [Part]
    /// Repealed articles stay in the act, flagged, so citations still resolve.
    public var repealed: Bool

    /// The article's current text: its parts joined by newlines.
    public var text: String { parts.map { $0.line }.joined(separator: "\n") }

    public init(
        number: String, heading: String, eid: String, chapter: String? = nil, section: String? = nil,
        parts: [Part] = [], repealed: Bool = false
    ) {
        self.number = number
        self.heading = heading
        self.eid = eid
        self.chapter = chapter
        self.section = section
        self.parts = parts
        self.repealed = repealed
    }
}

/// A paragraph of an article: a numbered part or point (`2.1.`, `2.1.1.`, `1)`, `а)`, `(a)`) or
/// unnumbered text.
public struct Part: Sendable, Equatable, Codable {
    /// The number as printed without its trailing punctuation: `2.1`, `1`, `а`, `a`; nil if none.
    public var num: String?
    /// The printed label including punctuation, e.g. `2.1.`, `1)`, `(a)`.
    public var label: String?
    public var text: String
    /// Nesting depth from the numbering scheme (1 for `2.1.`/`1.`, 2 for `2.1.1.`/`1)`, ...).
    public var level: Int

    public var line: String { label.map { "\($0) \(text)" } ?? text }

    public init(num: String? = nil, label: String? = nil, text: String, level: Int = 0) {
        self.num = num
        self.label = label
        self.text = text
        self.level = level
    }
}
