/// What a line of an act looks like, for readers of other formats (PDF reflow, HTML repeal marks,
/// Akoma Ntoso import) that must agree with the text parser.
public enum LineShape {
    /// True for an article, chapter or section heading (`Maddə 5.`, `Глава 2`, `Article 7`).
    public static func isHeading(_ line: String) -> Bool {
        switch LineClassifier(sectionsAreDivisions: true).classify(line) {
        case .text: return false
        default: return true
        }
    }

    /// True for an article heading only.
    public static func isArticleHeading(_ line: String) -> Bool {
        if case .article = LineClassifier(sectionsAreDivisions: !line.hasPrefix("§")).classify(line) { return true }
        return false
    }

    /// The number and level of a part label such as `2.1.`, `1)`, `(a)`: `("2.1", 1)`; nil if the
    /// line does not open with one.
    public static func partNumber(_ line: String) -> (num: String, label: String, level: Int)? {
        PartNumbering.match(line).map { ($0.num, $0.label, $0.level) }
    }

    /// The eId fragment for a printed number: Roman numerals become Arabic, other characters
    /// outside `[a-z0-9.-]` are dropped (`XLVI` → `46`, `27-1` → `27-1`).
    public static func eidNumber(_ printed: String) -> String { ArticleNumbering.eidNumber(printed) }

    /// The repeal notice the text parser recognises, in `language`.
    public static func repealNotice(_ language: Language) -> String {
        switch language {
        case .az: return "Ləğv edilmişdir."
        case .ru: return "Утратила силу."
        case .en: return "Repealed."
        }
    }
}
