import Foundation
import QanunCore
import ZIPFoundation

/// The zip container of a DOCX file, read with caps so that a zip bomb cannot exhaust memory:
/// each part may expand to at most `partLimit` bytes, whatever its header claims.
struct DocxPackage {
    static let partLimit = 128 << 20

    private let archive: Archive

    init(_ data: Data) throws(ReadError) {
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw .malformed("not a DOCX file: not a zip archive (a .docx is a zip of XML parts; re-save it from Word)")
        }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .malformed("broken DOCX file: the zip archive cannot be opened (truncated or damaged: \(error))")
        }
    }

    /// The bytes of the part at `path` (`word/document.xml`), or nil when there is none.
    func part(_ path: String) throws(ReadError) -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        if entry.uncompressedSize > UInt64(Self.partLimit) {
            throw .malformed(Self.bombMessage(path))
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if out.count + chunk.count > Self.partLimit { throw BombError() }
                out.append(contentsOf: chunk)
            }
        } catch is BombError {
            throw .malformed(Self.bombMessage(path))
        } catch {
            throw .malformed("broken DOCX file: part \(path) cannot be unpacked (truncated or damaged: \(error))")
        }
        return out
    }

    private struct BombError: Error {}

    private static func bombMessage(_ path: String) -> String {
        "refused DOCX file: part \(path) expands beyond \(partLimit >> 20) MB (a zip bomb, or not a document)"
    }
}
