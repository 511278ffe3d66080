import Testing

@testable import QanunIndex

@Suite struct QueryParserTests {
    let parser = QueryParser(isSearchable: { $0.contains { $0.isLetter || $0.isNumber } })

    @Test func wordsPhrasesPrefixes() throws {
        #expect(try parser.parse("fərdi məlumat") == .and([.term("fərdi", prefix: false), .term("məlumat", prefix: false)]))
        #expect(try parser.parse("\"electronic document\"") == .phrase("electronic document"))
        #expect(try parser.parse("seher*") == .term("seher", prefix: true))
        #expect(try parser.parse("5485-1") == .term("5485-1", prefix: false))
    }

    /// A word matches its exact form or (marker) its stem: `("w" OR "\u{1}st\u{1}w")`.
    func t(_ w: String) -> String { "(\"\(w)\" OR \"\u{1}st\u{1}\(w)\")" }

    @Test func booleanStructure() throws {
        let q = try parser.parse("(tax OR vergi) -customs")
        #expect(q == .and([.or([.term("tax", prefix: false), .term("vergi", prefix: false)]), .not(.term("customs", prefix: false))]))
        #expect(try q.fts5Expression() == "((\(t("tax")) OR \(t("vergi"))) NOT \(t("customs")))")
    }

    @Test func userTextIsAlwaysQuoted() throws {
        #expect(try parser.parse("state-of-the-art").fts5Expression() == t("state-of-the-art"))
        #expect(try parser.parse("12.3").fts5Expression() == t("12.3"))
        #expect(try parser.parse("a:b NEAR").fts5Expression() == "(\(t("a:b")) AND \(t("NEAR")))")
        // a prefix and a quoted phrase are exact only
        #expect(try parser.parse("seher*").fts5Expression() == "\"seher\" *")
        #expect(try parser.parse("\"a b\"").fts5Expression() == "\"a b\"")
        #expect(try Query.phrase("a\"b").fts5Expression() == "\"a\"\"b\"")
    }

    @Test func typographicQuotesDashesAndSpaces() throws {
        // what a lawyer pastes from a word processor: «», “”, a minus sign, a no-break space
        #expect(try parser.parse("«fərdi məlumat»") == .phrase("fərdi məlumat"))
        #expect(try parser.parse("“electronic document”") == .phrase("electronic document"))
        #expect(try parser.parse("vergi\u{A0}−gömrük") == .and([.term("vergi", prefix: false), .not(.term("gömrük", prefix: false))]))
        #expect(try parser.parse("закон«о»") == .and([.term("закон", prefix: false), .phrase("о")]))
        #expect(try parser.parse("статья 27-1") == .and([.term("статья", prefix: false), .term("27-1", prefix: false)]))
        // a closing guillemet without its opening one separates words (it was an error)
        #expect(try parser.parse("закон» о") == .and([.term("закон", prefix: false), .term("о", prefix: false)]))
    }

    /// The default parser asks the real analysis whether a word has a term.
    @Test func defaultParserDropsWordsWithoutTerms() throws {
        #expect(Analyzer.hasTerms("qanun") && Analyzer.hasTerms("27-1") && Analyzer.hasTerms("ƏMƏK"))
        #expect(!Analyzer.hasTerms("§") && !Analyzer.hasTerms("—") && !Analyzer.hasTerms(""))
        #expect(try QueryParser().parse("qanun § —") == .term("qanun", prefix: false))
        #expect(throws: QueryError.self) { try QueryParser().parse("§ —") }
    }

    @Test(arguments: [
        ("", "empty"), ("(tax", "never closed"), ("tax)", "no matching"), ("\"tax", "unterminated"),
        ("-tax", "only excludes"), ("tax OR", "both sides"), ("OR tax", "both sides"), ("()", "empty group"),
        ("ta*x", "prefix"), ("§ —", "nothing searchable"),
    ])
    func malformedQueriesExplain(input: String, fragment: String) {
        #expect {
            try parser.parse(input).fts5Expression()
        } throws: { error in
            (error as? QueryError)?.message.contains(fragment) ?? false
        }
    }
}
