import CQanunMarkup

/// Validates XML documents against an XML Schema (libxml2, the engine behind `xmllint --schema`).
/// Load once, validate many; not for concurrent use.
public final class SchemaValidator {
    private let schema: OpaquePointer

    /// Loads the schema at `path` (e.g. `akomantoso30.xsd`); throws with libxml2's reason.
    public init(path: String) throws(FormatError) {
        var err = [CChar](repeating: 0, count: 1024)
        guard let s = qn_schema_load(path, &err, err.count) else {
            throw FormatError(String(cString: err))
        }
        schema = s
    }

    deinit { qn_schema_free(schema) }

    /// nil when `xml` is valid; otherwise the first errors, with line numbers.
    public func validate(_ xml: String) -> String? {
        var err = [CChar](repeating: 0, count: 2048)
        var copy = xml
        let rc = copy.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { qn_schema_validate(schema, $0.baseAddress, $0.count, &err, err.count) }
        }
        if rc == 0 { return nil }
        let msg = String(cString: err)
        return rc > 3 ? "\(msg) (\(rc) errors in all)" : msg
    }
}

/// A reason a document could not be read or written in some format; one line.
public struct FormatError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
