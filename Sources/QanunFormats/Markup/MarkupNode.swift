import CQanunMarkup

/// An element or text node of a parsed HTML or XML document (libxml2 underneath, see
/// `CQanunMarkup`). Names are local names; HTML names are lower case.
final class MarkupNode {
    enum Kind { case element, text }

    let kind: Kind
    let name: String
    let namespace: String?
    /// Attributes by local name (`w:val` is `val`; `xml:space` is `space`).
    let attributes: [String: String]
    /// Text of a text node; empty for elements.
    let text: String
    fileprivate(set) var children: [MarkupNode] = []
    fileprivate(set) weak var parent: MarkupNode?

    init(kind: Kind, name: String, namespace: String?, attributes: [String: String], text: String) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.text = text
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// Child elements, optionally only those named `name`.
    func elements(_ name: String? = nil) -> [MarkupNode] {
        children.filter { $0.kind == .element && (name == nil || $0.name == name) }
    }

    func first(_ name: String) -> MarkupNode? {
        children.first { $0.kind == .element && $0.name == name }
    }

    /// All descendant elements named `name`, in document order.
    func descendants(_ name: String) -> [MarkupNode] {
        var out: [MarkupNode] = []
        var stack: [MarkupNode] = children.reversed()
        while let n = stack.popLast() {
            if n.kind == .element && n.name == name { out.append(n) }
            stack.append(contentsOf: n.children.reversed())
        }
        return out
    }

    /// The concatenated text of all descendant text nodes.
    var textContent: String {
        if kind == .text { return text }
        var out = ""
        var stack: [MarkupNode] = children.reversed()
        while let n = stack.popLast() {
            if n.kind == .text { out += n.text } else { stack.append(contentsOf: n.children.reversed()) }
        }
        return out
    }
}

/// A failure to parse markup, with libxml2's reason (one line, with a line number for XML).
struct MarkupError: Error, CustomStringConvertible {
    var description: String
}

/// Parses HTML or XML into `MarkupNode`s.
enum MarkupParser {
    /// Parses XML. A DOCTYPE is refused; entities are never expanded or loaded.
    static func xml(_ bytes: [UInt8]) throws(MarkupError) -> MarkupNode {
        try parse(bytes, html: false, encoding: nil)
    }

    /// Parses HTML leniently (like a browser). `encoding` nil lets the page's `<meta charset>` decide.
    static func html(_ bytes: [UInt8], encoding: String?) throws(MarkupError) -> MarkupNode {
        try parse(bytes, html: true, encoding: encoding)
    }

    private static func parse(_ bytes: [UInt8], html: Bool, encoding: String?) throws(MarkupError) -> MarkupNode {
        var err = [CChar](repeating: 0, count: 512)
        let doc: UnsafeMutablePointer<qn_markup_doc>? = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { p in
                if let encoding {
                    return qn_markup_parse(p.baseAddress, p.count, html ? 1 : 0, encoding, &err, err.count)
                }
                return qn_markup_parse(p.baseAddress, p.count, html ? 1 : 0, nil, &err, err.count)
            }
        }
        guard let doc else { throw MarkupError(description: String(cString: err)) }
        defer { qn_markup_free(doc) }
        let d = doc.pointee
        var nodes: [MarkupNode] = []
        nodes.reserveCapacity(Int(d.node_count))
        for i in 0..<Int(d.node_count) {
            let n = d.nodes[i]
            let node: MarkupNode
            if n.kind == QN_MARKUP_ELEMENT {
                var attrs: [String: String] = [:]
                for k in Int(n.first_attr)..<Int(n.first_attr + n.attr_count) {
                    let a = d.attrs[k]
                    attrs[String(cString: a.name)] = String(cString: a.value)
                }
                node = MarkupNode(
                    kind: .element, name: String(cString: n.name), namespace: n.ns.map { String(cString: $0) },
                    attributes: attrs, text: "")
            } else {
                node = MarkupNode(kind: .text, name: "", namespace: nil, attributes: [:], text: n.text.map { String(cString: $0) } ?? "")
            }
            if n.parent >= 0 {
                let p = nodes[Int(n.parent)]
                p.children.append(node)
                node.parent = p
            }
            nodes.append(node)
        }
        guard let root = nodes.first else { throw MarkupError(description: "the document has no root element") }
        return root
    }
}
