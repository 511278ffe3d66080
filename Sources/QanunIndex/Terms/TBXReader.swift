import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A malformed term base file: where and what.
public struct TBXError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Reads TBX (ISO 30042) term bases: `tbx/text/body/conceptEntry[@id]/langSec[@xml:lang]/termSec/term`,
/// with `termNote type="termType"` and `descrip type="subjectField"`. Other TBX elements are
/// allowed and ignored; languages other than az, ru and en are ignored. A DOCTYPE or entity
/// declaration is refused (no external entities are ever resolved).
enum TBXReader {
    static func read(url: URL) throws -> [Concept] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TBXError(file: url.path, line: 0, column: 0, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try read(data: data, file: url.path)
    }

    static func read(data: Data, file: String) throws -> [Concept] {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(file: file)
        parser.delegate = delegate
        let ok = parser.parse()
        if let e = delegate.error { throw e }
        if !ok || parser.parserError != nil {
            let message = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "malformed XML"
            throw TBXError(
                file: file, line: parser.lineNumber, column: parser.columnNumber,
                message: "not well-formed XML (\(message))")
        }
        if !delegate.sawRoot {
            throw TBXError(file: file, line: 1, column: 1, message: "not a TBX file: the root element must be <tbx>")
        }
        if delegate.concepts.isEmpty {
            throw TBXError(file: file, line: parser.lineNumber, column: 0, message: "no <conceptEntry> with terms found")
        }
        return delegate.concepts
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let file: String
        var concepts: [Concept] = []
        var error: TBXError?
        var sawRoot = false
        var ids = Set<String>()
        var stack: [String] = []
        var current: Concept?
        var conceptLine = 0
        var lang: String?
        var termText: String?
        var termType: String?
        var text = ""
        var descripType: String?
        var noteType: String?

        init(file: String) { self.file = file }

        func fail(_ parser: XMLParser, _ message: String) {
            if error == nil {
                error = TBXError(file: file, line: parser.lineNumber, column: parser.columnNumber, message: message)
            }
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
            fail(parser, "DOCTYPE declarations are not allowed in a term base")
        }
        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            fail(parser, "entity declarations are not allowed in a term base (`\(name)`)")
        }
        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail(parser, "external entities are not allowed in a term base (`\(name)`)")
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if stack.isEmpty {
                guard name == "tbx" || name == "martif" else {
                    return fail(parser, "not a TBX file: the root element is <\(name)>, expected <tbx>")
                }
                sawRoot = true
            }
            stack.append(name)
            text = ""
            switch name {
            case "conceptEntry", "termEntry":
                guard current == nil else { return fail(parser, "<\(name)> inside another concept entry") }
                guard let id = attributes["id"], !id.isEmpty else {
                    return fail(parser, "<\(name)> needs an id attribute")
                }
                guard !ids.contains(id) else { return fail(parser, "duplicate concept id `\(id)`") }
                ids.insert(id)
                current = Concept(id: id, subject: nil, terms: [:])
                conceptLine = parser.lineNumber
            case "langSec", "langSet":
                guard current != nil else { return fail(parser, "<\(name)> outside a <conceptEntry>") }
                guard let l = attributes["xml:lang"] ?? attributes["lang"], !l.isEmpty else {
                    return fail(parser, "<\(name)> needs an xml:lang attribute")
                }
                lang = String(l.lowercased().prefix(2))
            case "termSec", "tig", "ntig":
                guard lang != nil else { return fail(parser, "<\(name)> outside a <langSec>") }
                termText = nil
                termType = nil
            case "descrip": descripType = attributes["type"]
            case "termNote": noteType = attributes["type"]
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
            // (most values have no space at either end: Foundation's trim, a tenth of loading the
            // term base, runs only when one has)
            let ends = (text.unicodeScalars.first, text.unicodeScalars.last)
            let value =
                ends.0?.properties.isWhitespace == false && ends.1?.properties.isWhitespace == false
                ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch name {
            case "term":
                guard lang != nil else { return fail(parser, "<term> outside a <langSec>") }
                guard !value.isEmpty else { return fail(parser, "empty <term>") }
                termText = value
            case "termNote" where noteType == "termType": termType = value
            case "descrip" where descripType == "subjectField": current?.subject = value
            case "termSec", "tig", "ntig":
                guard let t = termText else { return fail(parser, "<\(name)> without a <term>") }
                if let l = lang, ["az", "ru", "en"].contains(l) {
                    current?.terms[l, default: []].append(Term(text: t, type: termType))
                }
            case "langSec", "langSet": lang = nil
            case "conceptEntry", "termEntry":
                if let c = current {
                    if c.terms.isEmpty {
                        return fail(parser, "concept `\(c.id)` (line \(conceptLine)) has no az, ru or en term")
                    }
                    concepts.append(c)
                }
                current = nil
            default: break
            }
            text = ""
        }
    }
}
